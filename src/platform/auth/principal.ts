import type { Permission } from './permissions.js';

/** Who is calling, as proven by a token: the only source of a request's tenant. */
export type Principal =
  | { kind: 'operator'; operatorId: string; permissions: ReadonlySet<Permission> }
  | { kind: 'user'; tenantId: string; userId: string; roles: string[]; permissions: ReadonlySet<Permission> };
