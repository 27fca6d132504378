import type { Tenant } from '../domain/tenant.js';
import type { TenantRepository } from '../ports.js';

export class ListTenants {
  constructor(private readonly tenants: TenantRepository) {}

  async execute(query: { page: number; pageSize: number; status?: 'active' | 'suspended' }): Promise<{
    items: Tenant[];
    total: number;
    page: number;
    pageSize: number;
  }> {
    const { items, total } = await this.tenants.list(query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
