import type { Tenant } from '../domain/tenant.js';
import type { TenantRepository } from '../ports.js';

export interface TenantSummary {
  id: string;
  name: string;
  locale: string;
  suspended: boolean;
  secondFactorPolicy: 'optional' | 'admins' | 'everyone';
  logoMediaId: string | null;
}

/** What other modules may know of a tenant; they ask here rather than read the tenants table. */
export class TenantLookup {
  constructor(private readonly tenants: TenantRepository) {}

  async bySlug(slug: string): Promise<TenantSummary | null> {
    const tenant = await this.tenants.bySlug(slug);
    return tenant ? summary(tenant) : null;
  }

  async byId(id: string): Promise<TenantSummary | null> {
    const tenant = await this.tenants.byId(id);
    return tenant ? summary(tenant) : null;
  }
}

function summary(tenant: Tenant): TenantSummary {
  return { id: tenant.id, name: tenant.name, locale: tenant.locale, suspended: tenant.isSuspended(), secondFactorPolicy: tenant.secondFactorPolicy, logoMediaId: tenant.logoMediaId };
}
