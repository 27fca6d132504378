import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ActivationToken } from '../domain/activation-token.js';
import { User, type Role } from '../domain/user.js';
import { EmailTaken, type InvalidUser } from '../domain/user.errors.js';
import { composeActivationToken, invitationMail } from './invitation-mail.js';
import type { UsersDeps } from './deps.js';

export interface InviteUserCommand {
  tenantId: string;
  email: string;
  name: string;
  roles: Role[];
  phone?: string | null;
  jobTitle?: string | null;
  location?: string | null;
}

/**
 * Creates an invited user and mails a single-use activation link: the one way into a tenant,
 * shared by the admin's invite, the first admin of a new tenant and onboarding files. Runs
 * inside the caller's transaction, already in the tenant.
 */
export class Invitations {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'activationTokens' | 'secrets' | 'tenants' | 'mailer' | 'clock' | 'settings'>) {}

  async invite(command: InviteUserCommand): Promise<Result<User, InvalidUser | EmailTaken>> {
    const now = this.d.clock.now();
    const invited = User.invite(command, now);
    if (!invited.ok) return invited;
    const user = invited.value;
    if (await this.d.users.byEmail(command.tenantId, user.email)) return fail(new EmailTaken());
    this.d.users.add(user);

    const { secret, hash } = this.d.secrets.create();
    this.d.activationTokens.add(
      ActivationToken.issue(
        { tenantId: command.tenantId, userId: user.id, secretHash: hash, validForHours: this.d.settings.activationValidHours },
        now,
      ),
    );
    await this.mailInvitation(user, secret);
    return ok(user);
  }

  /** A new link for someone who has not activated yet; links sent before stop working. */
  async resend(user: User): Promise<void> {
    const now = this.d.clock.now();
    for (const open of await this.d.activationTokens.openFor(user.tenantId, user.id, 'activation')) open.withdraw(now);
    const { secret, hash } = this.d.secrets.create();
    this.d.activationTokens.add(
      ActivationToken.issue({ tenantId: user.tenantId, userId: user.id, secretHash: hash, validForHours: this.d.settings.activationValidHours }, now),
    );
    await this.mailInvitation(user, secret);
  }

  private async mailInvitation(user: User, secret: string): Promise<void> {
    const tenant = await this.d.tenants.byId(user.tenantId);
    const token = composeActivationToken(user.tenantId, secret);
    const link = new URL('/activate', this.d.settings.publicUrl);
    // In the fragment: never sent to a server, so it stays out of proxies' logs and Referer headers.
    link.hash = new URLSearchParams({ token }).toString();
    await this.d.mailer.send(
      invitationMail({
        to: user.email,
        name: user.name,
        tenantName: tenant?.name ?? '',
        locale: tenant?.locale ?? 'en-GB',
        link: link.toString(),
        validForHours: this.d.settings.activationValidHours,
      }),
    );
  }
}
