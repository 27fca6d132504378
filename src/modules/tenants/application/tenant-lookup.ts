import type { Tenant, TenantLocale } from '../domain/tenant.js';
import type { TenantsDeps } from './deps.js';

export interface TenantSummary {
  id: string;
  name: string;
  locale: TenantLocale;
  suspended: boolean;
  secondFactorPolicy: 'optional' | 'admins' | 'everyone';
  logoMediaId: string | null;
  timeZone: string;
  primaryColor: string | null;
  accentColor: string | null;
}

/** What other modules may know of a tenant; they ask here rather than read the tenants table. */
export class TenantLookup {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants'>) {}

  async bySlug(slug: string): Promise<TenantSummary | null> {
    const tenant = await this.d.tenants.bySlug(slug);
    return tenant ? summary(tenant) : null;
  }

  /** Ids of every tenant that is not suspended, for background sweeps that visit each tenant in turn. */
  async activeIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const { items } = await this.d.tenants.list({ page, pageSize: 500, status: 'active' });
      ids.push(...items.map((tenant) => tenant.id));
      if (items.length < 500) return ids;
    }
  }

  async byId(id: string): Promise<TenantSummary | null> {
    const tenant = await this.d.tenants.byId(id);
    return tenant ? summary(tenant) : null;
  }
}

function summary(tenant: Tenant): TenantSummary {
  return { id: tenant.id, name: tenant.name, locale: tenant.locale, suspended: tenant.isSuspended(), secondFactorPolicy: tenant.secondFactorPolicy, logoMediaId: tenant.logoMediaId, timeZone: tenant.timeZone, primaryColor: tenant.primaryColor, accentColor: tenant.accentColor };
}
