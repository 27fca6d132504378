import type { Tenant } from './domain/tenant.js';

export interface TenantRepository {
  byId(id: string): Promise<Tenant | null>;
  bySlug(slug: string): Promise<Tenant | null>;
  list(page: { page: number; pageSize: number; status?: 'active' | 'suspended' }): Promise<{ items: Tenant[]; total: number }>;
  add(tenant: Tenant): void;
}

export const TENANTS = {
  TenantRepository: Symbol.for('tenants.TenantRepository'),
} as const;
