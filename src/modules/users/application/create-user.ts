import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { GroupMembership } from '../domain/group.js';
import type { RetentionAndBasis, Role, User } from '../domain/user.js';
import type { EmailTaken, InvalidUser } from '../domain/user.errors.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import type { Invitations } from './invitations.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

export interface CreateUserCommand extends Partial<RetentionAndBasis> {
  actor: Actor;
  email: string;
  name: string;
  phone?: string | null;
  jobTitle?: string | null;
  location?: string | null;
  roles: Role[];
  groupIds?: string[];
}

/** An admin invites a person: the account starts as invited, with an activation link by mail. */
export class CreateUser {
  constructor(private readonly d: Pick<UsersDeps, 'groups' | 'clock' | 'audit'>, private readonly invitations: Pick<Invitations, 'invite'>) {}

  async execute(command: CreateUserCommand): Promise<Result<User, InvalidUser | EmailTaken | NotFound>> {
    const { tenantId } = command.actor;
    const groupIds = [...new Set(command.groupIds ?? [])];
    for (const groupId of groupIds) {
      if (!(await this.d.groups.byId(tenantId, groupId))) return fail(new NotFound('Group'));
    }
    const invited = await this.invitations.invite({ tenantId, ...command });
    if (!invited.ok) return invited;
    const user = invited.value;
    const { retentionUntil, legalBasis, legalBasisNote } = command;
    if (retentionUntil !== undefined || legalBasis !== undefined || legalBasisNote !== undefined) {
      user.setRetentionAndBasis({ retentionUntil, legalBasis, legalBasisNote }, this.d.clock.now());
    }
    for (const groupId of groupIds) this.d.groups.addMembership(GroupMembership.of({ tenantId, groupId, userId: user.id }, this.d.clock.now()));
    this.d.audit.record(auditEntry(command.actor, { action: 'user.created', subjectType: 'user', subjectId: user.id, details: { roles: user.roles, groupIds } }));
    return ok(user);
  }
}
