/** Container keys of this module's use cases, for the composition root and other modules. */
export const TENANTS_APP = {
  Deps: Symbol.for('tenants.Deps'),
  CreateTenant: Symbol.for('tenants.CreateTenant'),
  ListTenants: Symbol.for('tenants.ListTenants'),
  GetTenant: Symbol.for('tenants.GetTenant'),
  UpdateTenantSettings: Symbol.for('tenants.UpdateTenantSettings'),
  SuspendTenant: Symbol.for('tenants.SuspendTenant'),
  ReactivateTenant: Symbol.for('tenants.ReactivateTenant'),
  ApplyTenantDefinition: Symbol.for('tenants.ApplyTenantDefinition'),
  TenantLookup: Symbol.for('tenants.TenantLookup'),
  UpdateOwnTenant: Symbol.for('tenants.UpdateOwnTenant'),
  SetBranding: Symbol.for('tenants.SetBranding'),
  TenantRegistry: Symbol.for('tenants.TenantRegistry'),
} as const;
