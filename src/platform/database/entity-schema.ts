import type { Constructor } from '@mikro-orm/core';

/**
 * A domain class as the ORM sees it. Domain classes keep their constructors private (they are made
 * through their factories), so TypeScript will not pass them as a Constructor; the ORM only
 * hydrates them from rows, which is what the private constructor allows anyway.
 */
export function ormClass<T>(domainClass: { prototype: T }): Constructor<T> {
  return domainClass as unknown as Constructor<T>;
}

/**
 * The key of a tenant-owned row, spread first into a schema's properties: (tenant_id, id), in
 * that order, so every primary key starts with the column Citus distributes by and a tenant's
 * rows sit together in the key's index (which also serves every lookup by tenant alone).
 */
export const tenantKey = {
  tenantId: { type: 'uuid', primary: true },
  id: { type: 'uuid', primary: true },
} as const;
