import type { Clock } from '../../../platform/domain/clock.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantAlreadySuspended } from '../domain/tenant.errors.js';
import type { TenantRepository } from '../ports.js';

/** Stops every user of a tenant at their next request; their data stays untouched. */
export class SuspendTenant {
  constructor(private readonly tenants: TenantRepository, private readonly clock: Clock) {}

  async execute(command: { tenantId: string; reason: string }): Promise<Result<Tenant, NotFound | TenantAlreadySuspended>> {
    const tenant = await this.tenants.byId(command.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const suspended = tenant.suspend(command.reason, this.clock.now());
    if (!suspended.ok) return suspended;
    return ok(tenant);
  }
}
