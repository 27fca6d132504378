import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { checkPassword } from '../domain/password-policy.js';
import { InvalidActivationToken, type ActivationTokenExpired, type ActivationTokenUsed, type WeakPassword } from '../domain/user.errors.js';
import type { UsersDeps } from './deps.js';
import { parseActivationToken } from './invitation-mail.js';
import type { Sessions } from './sessions.js';

/** Sets a new password from a reset link; every session of the account ends, wherever it is. */
export class ConfirmPasswordReset {
  constructor(
    private readonly d: Pick<UsersDeps, 'transaction' | 'users' | 'activationTokens' | 'secrets' | 'hasher' | 'commonPasswords' | 'clock' | 'audit'>,
    private readonly sessions: Sessions,
  ) {}

  async execute(command: { token: string; password: string; clientAddress: string | null }): Promise<
    Result<void, InvalidActivationToken | ActivationTokenUsed | ActivationTokenExpired | WeakPassword>
  > {
    const parsed = parseActivationToken(command.token);
    if (!parsed) return fail(new InvalidActivationToken());
    await this.d.transaction.enterTenant(parsed.tenantId);
    const token = await this.d.activationTokens.bySecretHash(parsed.tenantId, this.d.secrets.hash(parsed.secret));
    if (token?.purpose !== 'password_reset') return fail(new InvalidActivationToken());
    const now = this.d.clock.now();
    const redeemed = token.redeem(now);
    if (!redeemed.ok) return redeemed;
    const strong = checkPassword(command.password, this.d.commonPasswords.list());
    if (!strong.ok) return strong;
    const user = await this.d.users.byId(parsed.tenantId, token.userId);
    if (!user?.canSignIn()) return fail(new InvalidActivationToken());
    user.changePassword(await this.d.hasher.hash(command.password), now);
    const revoked = await this.sessions.revokeAll(user.tenantId, user.id, 'password_reset');
    this.d.audit.record({
      tenantId: user.tenantId,
      action: 'auth.password_reset.completed',
      actorType: 'user',
      actorId: user.id,
      subjectType: 'user',
      subjectId: user.id,
      clientAddress: command.clientAddress,
      details: { sessionsRevoked: revoked },
    });
    return ok(undefined);
  }
}
