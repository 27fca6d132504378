/**
 * The one table of who may do what. Handlers ask for a permission, never for a role name, so
 * changing what a role may do is a change here only.
 */
export const PERMISSIONS = [
  'platform.tenants.manage',
  'tenant.read',
  'users.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<'operator' | 'admin' | 'coordinator' | 'member', readonly Permission[]>> = {
  operator: ['platform.tenants.manage'],
  admin: ['tenant.read', 'users.read'],
  coordinator: ['tenant.read', 'users.read'],
  member: ['tenant.read'],
};

export function permissionsOf(roles: readonly string[]): ReadonlySet<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of ROLE_PERMISSIONS[role as keyof typeof ROLE_PERMISSIONS] ?? []) granted.add(permission);
  }
  return granted;
}
