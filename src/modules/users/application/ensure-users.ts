import { ok, type Result } from '../../../platform/domain/result.js';
import type { Role } from '../domain/user.js';
import type { EmailTaken, InvalidUser } from '../domain/user.errors.js';
import type { Invitations } from './invitations.js';
import type { UsersDeps } from './deps.js';

export interface EnsureUsersCommand {
  tenantId: string;
  users: Array<{ email: string; name: string; roles: Role[] }>;
}

/**
 * Onboarding as code: users named in a tenant definition exist afterwards with that name and
 * those roles; missing ones are invited. Users not in the file are left alone.
 */
export class EnsureUsers {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'clock'>, private readonly invitations: Pick<Invitations, 'invite'>) {}

  async execute(command: EnsureUsersCommand): Promise<Result<{ invited: number; updated: number; unchanged: number }, InvalidUser | EmailTaken>> {
    const tally = { invited: 0, updated: 0, unchanged: 0 };
    for (const wanted of command.users) {
      const existing = await this.d.users.byEmail(command.tenantId, wanted.email.trim().toLowerCase());
      if (existing) {
        if (existing.align(wanted, this.d.clock.now())) tally.updated++;
        else tally.unchanged++;
        continue;
      }
      const invited = await this.invitations.invite({ tenantId: command.tenantId, ...wanted });
      if (!invited.ok) return invited;
      tally.invited++;
    }
    return ok(tally);
  }
}
