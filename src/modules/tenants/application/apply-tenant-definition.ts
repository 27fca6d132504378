import { ok, type Result } from '../../../platform/domain/result.js';
import { Tenant, type TenantSettings } from '../domain/tenant.js';
import type { InvalidTenantSettings } from '../domain/tenant.errors.js';
import type { TenantsDeps } from './deps.js';

export interface TenantDefinition extends TenantSettings {
  slug: string;
}

/**
 * Onboarding as code: makes the tenant look like its definition file. Applying the same file
 * twice changes nothing the second time. Suspension is an operator's act and is left alone.
 */
export class ApplyTenantDefinition {
  constructor(private readonly d: Pick<TenantsDeps, 'transaction' | 'tenants' | 'clock'>) {}

  async execute(definition: TenantDefinition): Promise<
    Result<{ tenantId: string; outcome: 'created' | 'updated' | 'unchanged' }, InvalidTenantSettings>
  > {
    const now = this.d.clock.now();
    const existing = await this.d.tenants.bySlug(definition.slug);
    if (existing) {
      const changed = existing.changeSettings(definition, now);
      if (!changed.ok) return changed;
      await this.d.transaction.enterTenant(existing.id);
      return ok({ tenantId: existing.id, outcome: changed.value ? 'updated' : 'unchanged' });
    }
    const created = Tenant.create(definition, now);
    if (!created.ok) return created;
    this.d.tenants.add(created.value);
    await this.d.transaction.enterTenant(created.value.id);
    return ok({ tenantId: created.value.id, outcome: 'created' });
  }
}
