import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import type { Sessions } from './sessions.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

/** "Log out on all devices", for a lost or stolen phone. */
export class RevokeUserSessions {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'audit'>, private readonly sessions: Sessions) {}

  async execute(command: { actor: Actor; userId: string }): Promise<Result<void, NotFound>> {
    const user = await this.d.users.byId(command.actor.tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    const revoked = await this.sessions.revokeAll(user.tenantId, user.id, 'revoked_by_admin');
    this.d.audit.record(auditEntry(command.actor, { action: 'sessions.revoked_all', subjectType: 'user', subjectId: user.id, details: { sessionsRevoked: revoked } }));
    return ok(undefined);
  }
}
