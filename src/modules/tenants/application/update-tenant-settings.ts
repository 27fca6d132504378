import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Tenant, TenantSettings } from '../domain/tenant.js';
import type { InvalidTenantSettings } from '../domain/tenant.errors.js';
import type { TenantsDeps } from './deps.js';

export class UpdateTenantSettings {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants' | 'clock'>) {}

  async execute(command: { tenantId: string; changes: Partial<TenantSettings> }): Promise<
    Result<Tenant, NotFound | InvalidTenantSettings>
  > {
    const tenant = await this.d.tenants.byId(command.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const changed = tenant.changeSettings(command.changes, this.d.clock.now());
    if (!changed.ok) return changed;
    return ok(tenant);
  }
}
