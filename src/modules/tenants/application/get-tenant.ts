import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantsDeps } from './deps.js';

/** One tenant by id: for the operator any tenant, for a tenant's user only their own (the id comes from their token). */
export class GetTenant {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants'>) {}

  async execute(query: { tenantId: string }): Promise<Result<Tenant, NotFound>> {
    const tenant = await this.d.tenants.viewById(query.tenantId);
    return tenant ? ok(tenant) : fail(new NotFound('Tenant'));
  }
}
