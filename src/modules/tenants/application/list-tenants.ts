import type { Tenant } from '../domain/tenant.js';
import type { TenantsDeps } from './deps.js';

export class ListTenants {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants'>) {}

  async execute(query: { page: number; pageSize: number; status?: 'active' | 'suspended' }): Promise<{
    items: Tenant[];
    total: number;
    page: number;
    pageSize: number;
  }> {
    const { items, total } = await this.d.tenants.list(query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
