import type { Clock } from '../../../platform/domain/clock.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantAlreadyActive } from '../domain/tenant.errors.js';
import type { TenantRepository } from '../ports.js';

export class ReactivateTenant {
  constructor(private readonly tenants: TenantRepository, private readonly clock: Clock) {}

  async execute(command: { tenantId: string }): Promise<Result<Tenant, NotFound | TenantAlreadyActive>> {
    const tenant = await this.tenants.byId(command.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const reactivated = tenant.reactivate(this.clock.now());
    if (!reactivated.ok) return reactivated;
    return ok(tenant);
  }
}
