import type { Transaction } from '../../../platform/database/transaction.js';
import type { Clock } from '../../../platform/domain/clock.js';
import { ok, type Result } from '../../../platform/domain/result.js';
import { Tenant, type TenantSettings } from '../domain/tenant.js';
import type { InvalidTenantSettings } from '../domain/tenant.errors.js';
import type { TenantRepository } from '../ports.js';

export interface TenantDefinition extends TenantSettings {
  slug: string;
}

/**
 * Onboarding as code: makes the tenant look like its definition file. Applying the same file
 * twice changes nothing the second time. Suspension is an operator's act and is left alone.
 */
export class ApplyTenantDefinition {
  constructor(
    private readonly transaction: Transaction,
    private readonly tenants: TenantRepository,
    private readonly clock: Clock,
  ) {}

  async execute(definition: TenantDefinition): Promise<
    Result<{ tenantId: string; outcome: 'created' | 'updated' | 'unchanged' }, InvalidTenantSettings>
  > {
    const now = this.clock.now();
    const existing = await this.tenants.bySlug(definition.slug);
    if (existing) {
      const changed = existing.changeSettings(definition, now);
      if (!changed.ok) return changed;
      await this.transaction.enterTenant(existing.id);
      return ok({ tenantId: existing.id, outcome: changed.value ? 'updated' : 'unchanged' });
    }
    const created = Tenant.create(definition, now);
    if (!created.ok) return created;
    this.tenants.add(created.value);
    await this.transaction.enterTenant(created.value.id);
    return ok({ tenantId: created.value.id, outcome: 'created' });
  }
}
