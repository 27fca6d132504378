import { TenantSuspended } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidRefreshToken } from '../domain/user.errors.js';
import type { Client, UsersDeps } from './deps.js';
import { parseRefreshToken, type Sessions, type SignedInTokens } from './sessions.js';

/**
 * Exchanges a refresh token for a new pair. A token that was exchanged before is a stolen or
 * leaked one coming back: the whole session is revoked, so neither holder can go on. That
 * revocation must survive this request's refusal, so it is committed on its own afterwards.
 */
export class RefreshSession {
  constructor(
    private readonly d: Pick<UsersDeps, 'transaction' | 'sessions' | 'users' | 'tenants' | 'secrets' | 'clock' | 'audit'>,
    private readonly sessions: Sessions,
    /** Runs work in a transaction of its own after this one ends, whatever its outcome. */
    private readonly afterwards: (tenantId: string, work: () => Promise<void>) => void,
  ) {}

  async execute(command: Client & { refreshToken: string; appVersion?: string | null }): Promise<Result<SignedInTokens, InvalidRefreshToken | TenantSuspended>> {
    const parsed = parseRefreshToken(command.refreshToken);
    if (!parsed) return fail(new InvalidRefreshToken());
    await this.d.transaction.enterTenant(parsed.tenantId);
    const hash = this.d.secrets.hash(parsed.secret);
    const token = await this.d.sessions.refreshTokenByHash(parsed.tenantId, hash);
    if (!token) return fail(new InvalidRefreshToken());
    const session = await this.d.sessions.byId(parsed.tenantId, token.sessionId);
    if (!session?.isActive()) return fail(new InvalidRefreshToken());
    const now = this.d.clock.now();

    if (token.rotatedAt) {
      this.afterwards(parsed.tenantId, async () => {
        const again = await this.d.sessions.byId(parsed.tenantId, session.id);
        again?.revoke('refresh_token_reuse', now);
        this.d.audit.record({
          tenantId: parsed.tenantId,
          action: 'auth.refresh.reuse_detected',
          actorType: 'anonymous',
          actorId: null,
          subjectType: 'user',
          subjectId: session.userId,
          clientAddress: command.clientAddress,
          userAgent: command.userAgent,
          details: { sessionId: session.id },
        });
      });
      return fail(new InvalidRefreshToken());
    }

    const user = await this.d.users.byId(parsed.tenantId, session.userId);
    if (!user?.canSignIn()) return fail(new InvalidRefreshToken());
    if ((await this.d.tenants.byId(parsed.tenantId))?.suspended) return fail(new TenantSuspended());
    token.rotate(now);
    session.seen(now, command.appVersion);
    return ok(await this.sessions.tokensFor(user, session));
  }
}
