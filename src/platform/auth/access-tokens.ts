import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Clock } from '../domain/clock.js';
import { permissionsOf } from './permissions.js';
import type { Principal } from './principal.js';

const ISSUER = 'crisis-platform';
const AUDIENCE = 'crisis-platform-api';

export type AccessTokenSubject =
  | { kind: 'operator'; operatorId: string }
  | { kind: 'user'; tenantId: string; userId: string; roles: string[] };

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** Short-lived signed access tokens (JWT, HS256) that carry tenant, user and roles. */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number, private readonly clock: Clock) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(subject: AccessTokenSubject): Promise<IssuedToken> {
    const claims =
      subject.kind === 'operator'
        ? { kind: 'operator', roles: ['operator'] }
        : { kind: 'user', tid: subject.tenantId, roles: subject.roles };
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.kind === 'operator' ? subject.operatorId : subject.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(this.clock.now())
      .setExpirationTime(new Date(this.clock.now().getTime() + this.ttlSeconds * 1000))
      .sign(this.key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** The principal a token proves, or null for a token that is forged, expired or malformed. */
  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: this.clock.now() });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
      if (payload.kind === 'operator' && payload.sub) {
        return { kind: 'operator', operatorId: payload.sub, permissions: permissionsOf(['operator']) };
      }
      if (payload.kind === 'user' && payload.sub && typeof payload.tid === 'string') {
        const tenantRoles = roles.filter((r) => r !== 'operator');
        return { kind: 'user', tenantId: payload.tid, userId: payload.sub, roles: tenantRoles, permissions: permissionsOf(tenantRoles) };
      }
      return null;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  }
}
