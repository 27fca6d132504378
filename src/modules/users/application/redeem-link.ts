import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { ActivationToken } from '../domain/activation-token.js';
import { checkPassword } from '../domain/password-policy.js';
import { InvalidActivationToken, type ActivationTokenExpired, type ActivationTokenUsed, type WeakPassword } from '../domain/user.errors.js';
import type { UsersDeps } from './deps.js';
import { parseActivationToken } from './invitation-mail.js';

export type RedeemLinkFailure = InvalidActivationToken | ActivationTokenUsed | ActivationTokenExpired | WeakPassword;

/**
 * The first steps of an activation and of a password reset, which must not drift apart: the
 * link's token, found in its tenant and made for this purpose, is redeemed, and the password it
 * comes with is strong enough. Any other token is "not valid", so a link cannot be probed.
 */
export async function redeemLinkWithPassword(
  d: Pick<UsersDeps, 'transaction' | 'activationTokens' | 'secrets' | 'commonPasswords' | 'clock'>,
  link: { token: string; password: string },
  purpose: ActivationToken['purpose'],
): Promise<Result<{ token: ActivationToken; now: Date }, RedeemLinkFailure>> {
  const parsed = parseActivationToken(link.token);
  if (!parsed) return fail(new InvalidActivationToken());
  await d.transaction.enterTenant(parsed.tenantId);
  const token = await d.activationTokens.bySecretHash(parsed.tenantId, d.secrets.hash(parsed.secret));
  if (token?.purpose !== purpose) return fail(new InvalidActivationToken());
  const now = d.clock.now();
  const redeemed = token.redeem(now);
  if (!redeemed.ok) return redeemed;
  const strong = checkPassword(link.password, d.commonPasswords.list());
  if (!strong.ok) return strong;
  return ok({ token, now });
}
