import type { Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateTenant } from '../application/create-tenant.js';
import type { GetTenant } from '../application/get-tenant.js';
import type { ListTenants } from '../application/list-tenants.js';
import type { ReactivateTenant } from '../application/reactivate-tenant.js';
import type { SetBranding } from '../application/set-branding.js';
import type { SuspendTenant } from '../application/suspend-tenant.js';
import type { UpdateOwnTenant } from '../application/update-own-tenant.js';
import type { UpdateTenantSettings } from '../application/update-tenant-settings.js';

/** The use cases behind the tenants module's routers; each router takes the part it serves. */
export interface TenantsHttpDeps {
  endpoints: Endpoints;
  createTenant: CreateTenant;
  listTenants: ListTenants;
  getTenant: GetTenant;
  updateTenantSettings: UpdateTenantSettings;
  suspendTenant: SuspendTenant;
  reactivateTenant: ReactivateTenant;
  updateOwnTenant: UpdateOwnTenant;
  setBranding: SetBranding;
}
