import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantAlreadySuspended } from '../domain/tenant.errors.js';
import type { TenantsDeps } from './deps.js';

/** Stops every user of a tenant at their next request; their data stays untouched. */
export class SuspendTenant {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants' | 'clock'>) {}

  async execute(command: { tenantId: string; reason: string }): Promise<Result<Tenant, NotFound | TenantAlreadySuspended>> {
    const tenant = await this.d.tenants.byId(command.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const suspended = tenant.suspend(command.reason, this.d.clock.now());
    if (!suspended.ok) return suspended;
    return ok(tenant);
  }
}
