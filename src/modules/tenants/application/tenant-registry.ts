import type { TenantRepository } from '../ports.js';

/** What the privacy module needs of tenants: which exist (daily jobs), and removing one at offboarding. */
export class TenantRegistry {
  constructor(private readonly tenants: TenantRepository) {}

  async exists(tenantId: string): Promise<boolean> {
    return (await this.tenants.byId(tenantId)) !== null;
  }

  async isSuspended(tenantId: string): Promise<boolean> {
    return (await this.tenants.byId(tenantId))?.status === 'suspended';
  }

  ids(): Promise<string[]> {
    return this.tenants.ids();
  }

  remove(tenantId: string): Promise<void> {
    return this.tenants.remove(tenantId);
  }
}
