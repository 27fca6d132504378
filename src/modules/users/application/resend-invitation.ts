import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { UserStatusConflict } from '../domain/user.errors.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import type { Invitations } from './invitations.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

export class ResendInvitation {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'audit'>, private readonly invitations: Pick<Invitations, 'resend'>) {}

  async execute(command: { actor: Actor; userId: string }): Promise<Result<void, NotFound | UserStatusConflict>> {
    const user = await this.d.users.byId(command.actor.tenantId, command.userId);
    if (!user) return fail(new NotFound('User'));
    if (user.status !== 'invited') return fail(new UserStatusConflict('Only an invited user who has not activated yet can be sent a new invitation.'));
    await this.invitations.resend(user);
    this.d.audit.record(auditEntry(command.actor, { action: 'user.invitation_resent', subjectType: 'user', subjectId: user.id }));
    return ok(undefined);
  }
}
