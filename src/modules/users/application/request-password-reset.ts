import { ActivationToken } from '../domain/activation-token.js';
import { normaliseEmail } from '../domain/user.js';
import type { TooManyAttempts } from '../../../platform/security/brute-force.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Client, UsersDeps } from './deps.js';
import { composeActivationToken } from './invitation-mail.js';
import { passwordResetMail } from './password-reset-mail.js';

/**
 * Mails a single-use reset link when the account exists and may sign in. The caller always
 * gets the same answer. Requests count per account and address, so the mailbox of a victim
 * cannot be flooded.
 */
export class RequestPasswordReset {
  constructor(private readonly d: Pick<UsersDeps, 'transaction' | 'tenants' | 'users' | 'activationTokens' | 'secrets' | 'mailer' | 'clock' | 'audit' | 'bruteForce' | 'settings'>) {}

  async execute(command: Client & { tenant: string; email: string }): Promise<Result<void, TooManyAttempts>> {
    const slug = command.tenant.trim().toLowerCase();
    const email = normaliseEmail(command.email);
    const keys = { account: `${slug}/${email}`, address: command.clientAddress ?? 'unknown' };
    try {
      await this.d.bruteForce.assertAllowed('password_reset', keys);
      // Every request counts: a reset request is not a guess that can succeed, it is mail sent.
      await this.d.bruteForce.recordFailure('password_reset', keys);
    } catch (error) {
      return fail(error as TooManyAttempts);
    }
    const tenant = await this.d.tenants.bySlug(slug);
    if (!tenant || tenant.suspended) return ok(undefined);
    await this.d.transaction.enterTenant(tenant.id);
    const user = await this.d.users.byEmail(tenant.id, email);
    if (!user?.canSignIn()) return ok(undefined);

    const now = this.d.clock.now();
    for (const open of await this.d.activationTokens.openFor(tenant.id, user.id, 'password_reset')) open.withdraw(now);
    const { secret, hash } = this.d.secrets.create();
    this.d.activationTokens.add(ActivationToken.issue({ tenantId: tenant.id, userId: user.id, secretHash: hash, validForHours: 1, purpose: 'password_reset' }, now));
    const link = new URL('/reset-password', this.d.settings.publicUrl);
    // In the fragment: never sent to a server, so it stays out of proxies' logs and Referer headers.
    link.hash = new URLSearchParams({ token: composeActivationToken(tenant.id, secret) }).toString();
    await this.d.mailer.send(passwordResetMail({ to: user.email, name: user.name, tenantName: tenant.name, locale: tenant.locale, link: link.toString() }));
    this.d.audit.record({
      tenantId: tenant.id,
      action: 'auth.password_reset.requested',
      actorType: 'anonymous',
      actorId: null,
      subjectType: 'user',
      subjectId: user.id,
      clientAddress: command.clientAddress,
      userAgent: command.userAgent,
    });
    return ok(undefined);
  }
}
