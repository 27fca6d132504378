import type { Permission } from './permissions.js';

/**
 * Who is calling, as proven by a token or key: the only source of a request's tenant.
 * An API key's principal is only a claim until its tenant's transaction has checked the
 * key's hash and revocation (see AccessGate); its permissions are filled in then.
 */
export type Principal =
  | { kind: 'operator'; operatorId: string; permissions: ReadonlySet<Permission> }
  | {
      kind: 'user';
      tenantId: string;
      userId: string;
      sessionId: string;
      roles: string[];
      /** Signed in, but must enrol a second factor before anything else. */
      enrolmentOnly: boolean;
      permissions: ReadonlySet<Permission>;
    }
  | { kind: 'api_key'; tenantId: string; keyId: string; secret: string; permissions: ReadonlySet<Permission> };

export type TenantPrincipal = Extract<Principal, { kind: 'user' | 'api_key' }>;
