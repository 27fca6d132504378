import type { Tenant } from '../../../src/modules/tenants/domain/tenant.js';
import type { TenantRepository } from '../../../src/modules/tenants/ports.js';

/** Tenants by reference, as the unit of work's identity map keeps them. */
export class InMemoryTenantRepository implements TenantRepository {
  readonly tenants: Tenant[] = [];

  byId(id: string): Promise<Tenant | null> {
    return Promise.resolve(this.tenants.find((t) => t.id === id) ?? null);
  }

  viewById(id: string): Promise<Tenant | null> {
    return this.byId(id);
  }

  statusOf(id: string): Promise<Tenant['status'] | null> {
    return Promise.resolve(this.tenants.find((t) => t.id === id)?.status ?? null);
  }

  bySlug(slug: string): Promise<Tenant | null> {
    return Promise.resolve(this.tenants.find((t) => t.slug === slug) ?? null);
  }

  list(page: { page: number; pageSize: number; status?: 'active' | 'suspended' }): Promise<{ items: Tenant[]; total: number }> {
    const matching = this.tenants.filter((t) => page.status === undefined || t.status === page.status).sort((a, b) => a.slug.localeCompare(b.slug));
    return Promise.resolve({ items: matching.slice((page.page - 1) * page.pageSize, page.page * page.pageSize), total: matching.length });
  }

  add(tenant: Tenant): void {
    this.tenants.push(tenant);
  }

  ids(): Promise<string[]> {
    return Promise.resolve(this.tenants.map((t) => t.id));
  }

  remove(id: string): Promise<void> {
    const at = this.tenants.findIndex((t) => t.id === id);
    if (at >= 0) this.tenants.splice(at, 1);
    return Promise.resolve();
  }
}
