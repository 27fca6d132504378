import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Clock } from '../domain/clock.js';
import { ENROLMENT_ONLY, permissionsOf } from './permissions.js';
import type { Principal } from './principal.js';

const ISSUER = 'crisis-platform';
const AUDIENCE = 'crisis-platform-api';
/** A second-factor challenge is a different audience, so it can never pass as an access token. */
const CHALLENGE_AUDIENCE = 'crisis-platform-second-factor';
const CHALLENGE_SECONDS = 300;

export type AccessTokenSubject =
  | { kind: 'operator'; operatorId: string }
  | { kind: 'user'; tenantId: string; userId: string; sessionId: string; roles: string[]; enrolmentOnly: boolean };

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface ChallengeSubject {
  tenantId: string;
  userId: string;
  device: { name: string | null; platform: string | null; appVersion: string | null };
}

/** Short-lived signed access tokens (JWT, HS256) that carry tenant, user, session and roles. */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number, private readonly clock: Clock) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(subject: AccessTokenSubject): Promise<IssuedToken> {
    const claims =
      subject.kind === 'operator'
        ? { kind: 'operator', roles: ['operator'] }
        : { kind: 'user', tid: subject.tenantId, sid: subject.sessionId, roles: subject.roles, ...(subject.enrolmentOnly ? { enrol: true } : {}) };
    const accessToken = await this.sign(claims, subject.kind === 'operator' ? subject.operatorId : subject.userId, AUDIENCE, this.ttlSeconds);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** The principal a token proves, or null for a token that is forged, expired or malformed. */
  verify(token: string): Promise<Principal | null> {
    return Promise.resolve(this.verified(token));
  }

  private verified(token: string): Principal | null {
    const payload = this.payload(token, AUDIENCE);
    if (!payload?.sub) return null;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    if (payload.kind === 'operator') {
      return { kind: 'operator', operatorId: payload.sub, permissions: permissionsOf(['operator']) };
    }
    if (payload.kind === 'user' && typeof payload.tid === 'string' && typeof payload.sid === 'string') {
      const tenantRoles = roles.filter((r) => r !== 'operator');
      const enrolmentOnly = payload.enrol === true;
      return {
        kind: 'user',
        tenantId: payload.tid,
        userId: payload.sub,
        sessionId: payload.sid,
        roles: tenantRoles,
        enrolmentOnly,
        permissions: enrolmentOnly ? new Set(ENROLMENT_ONLY) : permissionsOf(tenantRoles),
      };
    }
    return null;
  }

  /** Proof that the password was right, good for five minutes to present a second factor. */
  async issueChallenge(subject: ChallengeSubject): Promise<{ challengeToken: string; expiresIn: number }> {
    const challengeToken = await this.sign({ tid: subject.tenantId, dev: subject.device }, subject.userId, CHALLENGE_AUDIENCE, CHALLENGE_SECONDS);
    return { challengeToken, expiresIn: CHALLENGE_SECONDS };
  }

  verifyChallenge(token: string): Promise<ChallengeSubject | null> {
    return Promise.resolve(this.challenge(token));
  }

  private challenge(token: string): ChallengeSubject | null {
    const payload = this.payload(token, CHALLENGE_AUDIENCE);
    if (!payload?.sub || typeof payload.tid !== 'string') return null;
    const device = (payload.dev ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    return { tenantId: payload.tid, userId: payload.sub, device: { name: text(device.name), platform: text(device.platform), appVersion: text(device.appVersion) } };
  }

  private sign(claims: Record<string, unknown>, subject: string, audience: string, seconds: number): Promise<string> {
    const now = this.clock.now();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(new Date(now.getTime() + seconds * 1000))
      .sign(this.key);
  }

  /**
   * The claims of a token signed with our key for `audience`, or null. Checked with node:crypto's
   * HMAC directly (jose goes through WebCrypto, a few percent of a light request): the header must
   * say HS256 and nothing critical, the signature must match in constant time, and issuer,
   * audience, expiry and not-before must hold, as jose's jwtVerify checks them.
   */
  private payload(token: string, audience: string): Claims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return null;
    const [header, body, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', this.key).update(`${header}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const protectedHeader = parseObject(header);
    if (!protectedHeader || protectedHeader.alg !== 'HS256' || protectedHeader.crit !== undefined || protectedHeader.b64 !== undefined) return null;
    const claims = parseObject(body);
    if (!claims || claims.iss !== ISSUER) return null;
    if (!(claims.aud === audience || (Array.isArray(claims.aud) && claims.aud.includes(audience)))) return null;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) return null;
    if (claims.iat !== undefined && typeof claims.iat !== 'number') return null;
    if (claims.sub !== undefined && typeof claims.sub !== 'string') return null;
    return claims;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface Claims {
  [claim: string]: unknown;
  sub?: string;
  iss?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
  iat?: unknown;
}

function parseObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
