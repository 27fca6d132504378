import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { LastAdmin, type UserStatusConflict } from '../domain/user.errors.js';
import type { UserProfileChanged } from '../domain/events.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import { withGroupIds, type UserWithGroups } from './get-user.js';
import type { Sessions } from './sessions.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

/** Deactivation ends every session at once; the organisation always keeps one active admin. */
export class DeactivateUser {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups' | 'clock' | 'audit' | 'events'>, private readonly sessions: Sessions) {}

  async execute(command: { actor: Actor; userId: string }): Promise<Result<UserWithGroups, NotFound | UserStatusConflict | LastAdmin>> {
    const { tenantId } = command.actor;
    const user = await this.d.users.byId(tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    if (user.isAdmin() && user.status === 'active' && (await this.d.users.countActiveAdmins(tenantId)) <= 1) return fail(new LastAdmin());
    const deactivated = user.deactivate(this.d.clock.now());
    if (!deactivated.ok) return deactivated;
    const revoked = await this.sessions.revokeAll(tenantId, user.id, 'user_deactivated');
    this.d.audit.record(auditEntry(command.actor, { action: 'user.deactivated', subjectType: 'user', subjectId: user.id, details: { sessionsRevoked: revoked } }));
    await this.d.events.publish<UserProfileChanged>({ type: 'user.profile_changed', tenantId: user.tenantId, userId: user.id });
    return ok(await withGroupIds(this.d, user));
  }
}
