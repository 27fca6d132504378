import type { Tenant } from './domain/tenant.js';

export interface TenantRepository {
  byId(id: string): Promise<Tenant | null>;
  /** The tenant for reading only (not managed, nothing to save): what a query shows. */
  viewById(id: string): Promise<Tenant | null>;
  /** Only the status, read without loading the tenant: checked on every request. */
  statusOf(id: string): Promise<Tenant['status'] | null>;
  bySlug(slug: string): Promise<Tenant | null>;
  list(page: { page: number; pageSize: number; status?: 'active' | 'suspended' }): Promise<{ items: Tenant[]; total: number }>;
  add(tenant: Tenant): void;
  ids(): Promise<string[]>;
  /** The tenant's own row; its data in other tables is the offboarding's to remove. */
  remove(id: string): Promise<void>;
}

export const TENANTS = {
  TenantRepository: Symbol.for('tenants.TenantRepository'),
} as const;
