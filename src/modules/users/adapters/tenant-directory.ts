import type { TenantLookup } from '../../tenants/application/tenant-lookup.js';
import type { TenantDirectory } from '../ports.js';

/** The users module learns about tenants through the tenants module's application layer. */
export class TenantLookupDirectory implements TenantDirectory {
  constructor(private readonly lookup: TenantLookup) {}

  bySlug(slug: string) {
    return this.lookup.bySlug(slug);
  }

  byId(id: string) {
    return this.lookup.byId(id);
  }
}
