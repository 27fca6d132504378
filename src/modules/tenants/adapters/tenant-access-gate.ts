import { TenantSuspended } from '../../../platform/domain/errors.js';
import type { TenantAccessGate } from '../../../platform/http/endpoint.js';
import type { TenantRepository } from '../ports.js';

/** A suspended tenant's users are stopped at their next request, whatever token they hold. */
export class TenantStatusGate implements TenantAccessGate {
  constructor(private readonly tenants: TenantRepository) {}

  async assertActive(tenantId: string): Promise<void> {
    const tenant = await this.tenants.byId(tenantId);
    if (!tenant || tenant.isSuspended()) throw new TenantSuspended();
  }
}
