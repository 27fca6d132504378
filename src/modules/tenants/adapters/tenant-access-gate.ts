import type { TenantPrincipal } from '../../../platform/auth/principal.js';
import { TenantSuspended } from '../../../platform/domain/errors.js';
import type { AccessGate } from '../../../platform/http/endpoint.js';
import type { TenantRepository } from '../ports.js';

/** A suspended tenant's users and keys are stopped at their next request, whatever they hold. */
export class TenantStatusGate implements AccessGate {
  constructor(private readonly tenants: TenantRepository) {}

  async admit(principal: TenantPrincipal): Promise<TenantPrincipal> {
    const tenant = await this.tenants.byId(principal.tenantId);
    if (!tenant || tenant.isSuspended()) throw new TenantSuspended();
    return principal;
  }
}
