import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantAlreadyActive } from '../domain/tenant.errors.js';
import type { TenantsDeps } from './deps.js';

export class ReactivateTenant {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants' | 'clock'>) {}

  async execute(command: { tenantId: string }): Promise<Result<Tenant, NotFound | TenantAlreadyActive>> {
    const tenant = await this.d.tenants.byId(command.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const reactivated = tenant.reactivate(this.d.clock.now());
    if (!reactivated.ok) return reactivated;
    return ok(tenant);
  }
}
