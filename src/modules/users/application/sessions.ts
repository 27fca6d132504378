import type { Device } from '../domain/session.js';
import { DeviceSession, RefreshToken } from '../domain/session.js';
import type { User } from '../domain/user.js';
import type { UsersDeps } from './deps.js';

export interface SignedInTokens {
  status: 'authenticated';
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
  secondFactorEnrolmentRequired: boolean;
}

/** A refresh token names its tenant, so the exchange can enter it before looking the token up. */
export function composeRefreshToken(tenantId: string, secret: string): string {
  return `${tenantId}.${secret}`;
}

export function parseRefreshToken(token: string): { tenantId: string; secret: string } | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{32,})$/.exec(token);
  return match ? { tenantId: match[1]!, secret: match[2]! } : null;
}

/**
 * Device sessions, shared by sign-in, second factor, refresh and every way of ending them.
 * Not a use case: the use cases that start or end sessions all go through here.
 */
export class Sessions {
  constructor(private readonly d: Pick<UsersDeps, 'sessions' | 'secrets' | 'accessTokens' | 'clock' | 'tenants'>) {}

  async start(user: User, device: Device): Promise<SignedInTokens> {
    const session = DeviceSession.start({ tenantId: user.tenantId, userId: user.id, device }, this.d.clock.now());
    this.d.sessions.add(session);
    return this.tokensFor(user, session);
  }

  /** A new access token and a new refresh token for the session; the caller has rotated the old one. */
  async tokensFor(user: User, session: DeviceSession): Promise<SignedInTokens> {
    const { secret, hash } = this.d.secrets.create();
    this.d.sessions.addRefreshToken(RefreshToken.issue({ tenantId: user.tenantId, sessionId: session.id, tokenHash: hash }, this.d.clock.now()));
    const tenant = await this.d.tenants.byId(user.tenantId);
    const enrolmentOnly = !user.hasSecondFactor() && user.needsSecondFactor(tenant?.secondFactorPolicy ?? 'optional');
    const issued = await this.d.accessTokens.issue({
      kind: 'user',
      tenantId: user.tenantId,
      userId: user.id,
      sessionId: session.id,
      roles: user.roles,
      enrolmentOnly,
    });
    return {
      status: 'authenticated',
      accessToken: issued.accessToken,
      tokenType: 'Bearer',
      expiresIn: issued.expiresIn,
      refreshToken: composeRefreshToken(user.tenantId, secret),
      sessionId: session.id,
      secondFactorEnrolmentRequired: enrolmentOnly,
    };
  }

  /** Ends every session of a user: deactivation, lost phone, password reset, second factor reset. */
  async revokeAll(tenantId: string, userId: string, reason: string): Promise<number> {
    const sessions = await this.d.sessions.activeOf(tenantId, userId);
    for (const session of sessions) session.revoke(reason, this.d.clock.now());
    return sessions.length;
  }
}
