import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { UserStatusConflict } from '../domain/user.errors.js';
import type { UserProfileChanged } from '../domain/events.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import { withGroupIds, type UserWithGroups } from './get-user.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

export class ReactivateUser {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups' | 'clock' | 'audit' | 'events'>) {}

  async execute(command: { actor: Actor; userId: string }): Promise<Result<UserWithGroups, NotFound | UserStatusConflict>> {
    const user = await this.d.users.byId(command.actor.tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    const reactivated = user.reactivate(this.d.clock.now());
    if (!reactivated.ok) return reactivated;
    this.d.audit.record(auditEntry(command.actor, { action: 'user.reactivated', subjectType: 'user', subjectId: user.id }));
    await this.d.events.publish<UserProfileChanged>({ type: 'user.profile_changed', tenantId: user.tenantId, userId: user.id });
    return ok(await withGroupIds(this.d, user));
  }
}
