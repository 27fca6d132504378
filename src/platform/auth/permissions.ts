/**
 * The one table of who may do what. Handlers ask for a permission, never for a role name, so
 * changing what a role may do is a change here only. The OpenAPI spec names each operation's
 * permission (x-permission) and a test walks every operation for every role against this table.
 * All but one are done within an organisation; managing the tenants themselves is the platform
 * operator's alone.
 */
const TENANT_PERMISSIONS = [
  'tenant.read',
  'tenant.settings.write',
  'me.read',
  'me.write',
  'me.second_factor',
  'users.read',
  'users.write',
  'groups.read',
  'groups.write',
  'apikeys.manage',
  'audit.read',
  'content.read',
  'content.write',
  'me.content',
  'messages.send',
  'messages.read',
  'me.inbox',
  'me.devices',
  'incidents.read',
  'incidents.participate',
  'incidents.activate',
  'incidents.coordinate',
  'incidents.setup',
  'incidents.admin',
  'privacy.manage',
  'me.privacy',
] as const;

export const PERMISSIONS = ['platform.tenants.manage', ...TENANT_PERMISSIONS] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['operator', 'admin', 'coordinator', 'member'] as const;
export type RoleName = (typeof ROLES)[number];

const SELF: Permission[] = ['tenant.read', 'me.read', 'me.write', 'me.second_factor', 'me.content', 'me.inbox', 'me.devices', 'me.privacy'];

export const ROLE_PERMISSIONS: Readonly<Record<RoleName, readonly Permission[]>> = {
  operator: ['platform.tenants.manage'],
  // An admin may do everything within the organisation.
  admin: TENANT_PERMISSIONS,
  coordinator: [
    ...SELF,
    'users.read',
    'groups.read',
    'content.read',
    'messages.send',
    'messages.read',
    'incidents.read',
    'incidents.participate',
    'incidents.activate',
    'incidents.coordinate',
  ],
  // Members are read-only for tenant content and see people only through their own groups; in an
  // incident they are linked to they post to the log and work on actions (participate).
  member: [...SELF, 'incidents.read', 'incidents.participate'],
};

/** What a user whose organisation requires a second factor may do before enrolling one. */
export const ENROLMENT_ONLY: readonly Permission[] = ['me.read', 'me.second_factor'];

/** API key scopes, and the permissions each grants; a key never gets more than its scopes. */
export const SCOPE_PERMISSIONS = {
  'users:read': ['users.read'],
  'users:write': ['users.read', 'users.write'],
  'groups:read': ['groups.read'],
  'groups:write': ['groups.read', 'groups.write'],
  'content:read': ['content.read'],
  'messages:send': ['messages.send'],
  'incidents:read': ['incidents.read'],
  'audit:read': ['audit.read'],
} as const satisfies Record<string, readonly Permission[]>;
export type ApiScope = keyof typeof SCOPE_PERMISSIONS;
export const API_SCOPES = Object.keys(SCOPE_PERMISSIONS) as ApiScope[];

export function permissionsOf(roles: readonly string[]): ReadonlySet<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of ROLE_PERMISSIONS[role as RoleName] ?? []) granted.add(permission);
  }
  return granted;
}

export function permissionsOfScopes(scopes: readonly string[]): ReadonlySet<Permission> {
  const granted = new Set<Permission>();
  for (const scope of scopes) {
    for (const permission of SCOPE_PERMISSIONS[scope as ApiScope] ?? []) granted.add(permission);
  }
  return granted;
}
