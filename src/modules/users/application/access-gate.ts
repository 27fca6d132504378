import { timingSafeEqual } from 'node:crypto';
import { ENROLMENT_ONLY, permissionsOf, permissionsOfScopes } from '../../../platform/auth/permissions.js';
import type { TenantPrincipal } from '../../../platform/auth/principal.js';
import { ApiKeyInvalid, SessionRevoked } from '../domain/user.errors.js';
import type { UsersDeps } from './deps.js';

/**
 * Every tenant request passes here inside its transaction: a user's session must still be
 * active (so a revoked session's token stops at once, not when it expires), the user still
 * active, and their permissions are those of the roles they have now, whatever the token says; an API key must match its stored hash and not be revoked, and gets exactly
 * the permissions of its scopes.
 */
export class UsersAccessGate {
  constructor(private readonly d: Pick<UsersDeps, 'sessions' | 'apiKeys' | 'secrets' | 'clock'>) {}

  async admit(principal: TenantPrincipal): Promise<TenantPrincipal> {
    if (principal.kind === 'user') {
      // Roles and status come from the database on every request, never from the token alone:
      // a demoted admin loses the rights with the next request, not when the token expires.
      const access = await this.d.sessions.access(principal.tenantId, principal.sessionId);
      if (!access?.active || access.userId !== principal.userId || access.userStatus !== 'active') throw new SessionRevoked();
      const roles = [...access.roles];
      return { ...principal, roles, permissions: principal.enrolmentOnly ? new Set(ENROLMENT_ONLY) : permissionsOf(roles) };
    }
    const key = await this.d.apiKeys.byId(principal.tenantId, principal.keyId);
    if (!key?.isActive() || !sameHash(key.secretHash, this.d.secrets.hash(principal.secret))) throw new ApiKeyInvalid();
    key.used(this.d.clock.now());
    return { ...principal, permissions: permissionsOfScopes(key.scopes) };
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
