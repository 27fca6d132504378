import type { TenantPrincipal } from '../../../platform/auth/principal.js';
import { TenantSuspended } from '../../../platform/domain/errors.js';
import { Unauthenticated, type AccessGate } from '../../../platform/http/endpoint.js';
import type { TenantRepository } from '../ports.js';

/** A suspended tenant's users and keys are stopped at their next request, whatever they hold. */
export class TenantStatusGate implements AccessGate {
  constructor(private readonly tenants: TenantRepository) {}

  async admit(principal: TenantPrincipal): Promise<TenantPrincipal> {
    const status = await this.tenants.statusOf(principal.tenantId);
    // A key or token naming an organisation that does not exist proves nothing: 401, like any
    // other bad credential, and without telling whether such an organisation ever existed.
    if (!status) throw new Unauthenticated(principal.kind === 'api_key' ? 'The API key is not valid.' : 'The access token is invalid or has expired; sign in again.');
    if (status === 'suspended') throw new TenantSuspended();
    return principal;
  }
}
