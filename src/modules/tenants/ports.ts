import type { Tenant } from './domain/tenant.js';

// Writing through these ports. A use case runs inside its request's (or job's) unit of work
// (platform/database/unit-of-work.ts). What it `add`s, and every change it makes to an entity it
// read through a repository here, is written when that transaction commits: there is no save(),
// the commit's flush finds the changed entities. A method that returns a Promise and writes runs
// its SQL at once, in the same transaction. Either way, nothing is written when a later step of
// the request fails (test/e2e/unit-of-work.spec.ts shows both outcomes).

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
