import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import type { Sessions } from './sessions.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

/**
 * An admin removes a user's second factor (lost phone). Their sessions end too: whoever holds
 * the lost phone is out, and the user enrols again at the next sign-in if the tenant asks it.
 */
export class ResetUserSecondFactor {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'recoveryCodes' | 'clock' | 'audit'>, private readonly sessions: Sessions) {}

  async execute(command: { actor: Actor; userId: string }): Promise<Result<void, NotFound>> {
    const user = await this.d.users.byId(command.actor.tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    user.resetSecondFactor(this.d.clock.now());
    await this.d.recoveryCodes.replaceAll(user.tenantId, user.id, []);
    const revoked = await this.sessions.revokeAll(user.tenantId, user.id, 'second_factor_reset');
    this.d.audit.record(auditEntry(command.actor, { action: 'second_factor.reset', subjectType: 'user', subjectId: user.id, details: { sessionsRevoked: revoked } }));
    return ok(undefined);
  }
}
