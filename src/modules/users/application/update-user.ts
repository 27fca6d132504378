import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { RetentionAndBasis, UserDetails } from '../domain/user.js';
import { EmailTaken, LastAdmin, type InvalidUser } from '../domain/user.errors.js';
import { normaliseEmail } from '../domain/user.js';
import type { UserProfileChanged } from '../domain/events.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import { withGroupIds, type UserWithGroups } from './get-user.js';

/** Changes a user's details or roles. A role change is audited; the last active admin keeps the role. */
export class UpdateUser {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups' | 'clock' | 'audit' | 'events'>) {}

  async execute(command: { actor: Actor; userId: string; changes: Partial<UserDetails & RetentionAndBasis> }): Promise<
    Result<UserWithGroups, NotFound | InvalidUser | EmailTaken | LastAdmin>
  > {
    const { tenantId } = command.actor;
    const user = await this.d.users.byId(tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    if (command.changes.email && normaliseEmail(command.changes.email) !== user.email) {
      if (await this.d.users.byEmail(tenantId, normaliseEmail(command.changes.email))) return fail(new EmailTaken());
    }
    const losesAdmin = user.isAdmin() && user.status === 'active' && command.changes.roles !== undefined && !command.changes.roles.includes('admin');
    if (losesAdmin && (await this.d.users.countActiveAdmins(tenantId)) <= 1) return fail(new LastAdmin());
    const { retentionUntil, legalBasis, legalBasisNote, ...details } = command.changes;
    const updated = user.update(details, this.d.clock.now());
    if (!updated.ok) return updated;
    if (retentionUntil !== undefined || legalBasis !== undefined || legalBasisNote !== undefined) {
      user.setRetentionAndBasis({ retentionUntil, legalBasis, legalBasisNote }, this.d.clock.now());
    }
    const audit = {
      tenantId,
      actorType: command.actor.actorType,
      actorId: command.actor.actorId,
      subjectType: 'user',
      subjectId: user.id,
      clientAddress: command.actor.clientAddress,
    };
    this.d.audit.record({ ...audit, action: 'user.updated', details: { fields: Object.keys(command.changes) } });
    if (updated.value.rolesBefore.join() !== user.roles.join()) {
      this.d.audit.record({ ...audit, action: 'user.roles_changed', details: { from: updated.value.rolesBefore, to: user.roles } });
    }
    if ((['name', 'jobTitle', 'phone', 'email'] as const).some((field) => command.changes[field] !== undefined)) {
      await this.d.events.publish<UserProfileChanged>({ type: 'user.profile_changed', tenantId, userId: user.id });
    }
    return ok(await withGroupIds(this.d, user));
  }
}
