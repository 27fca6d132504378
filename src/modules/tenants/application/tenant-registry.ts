import type { TenantsDeps } from './deps.js';

/** What the privacy module needs of tenants: which exist (daily jobs), and removing one at offboarding. */
export class TenantRegistry {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants'>) {}

  async exists(tenantId: string): Promise<boolean> {
    return (await this.d.tenants.byId(tenantId)) !== null;
  }

  async isSuspended(tenantId: string): Promise<boolean> {
    return (await this.d.tenants.byId(tenantId))?.status === 'suspended';
  }

  ids(): Promise<string[]> {
    return this.d.tenants.ids();
  }

  remove(tenantId: string): Promise<void> {
    return this.d.tenants.remove(tenantId);
  }
}
