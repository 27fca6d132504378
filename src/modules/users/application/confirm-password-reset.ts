import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidActivationToken, type ActivationTokenExpired, type ActivationTokenUsed, type WeakPassword } from '../domain/user.errors.js';
import type { UsersDeps } from './deps.js';
import { redeemLinkWithPassword } from './redeem-link.js';
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
    const redeemed = await redeemLinkWithPassword(this.d, command, 'password_reset');
    if (!redeemed.ok) return redeemed;
    const { token, now } = redeemed.value;
    const user = await this.d.users.byId(token.tenantId, token.userId);
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
