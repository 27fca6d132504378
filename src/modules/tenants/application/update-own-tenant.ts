import type { Actor } from '../../../platform/auth/actor.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { SecondFactorPolicy, Tenant, TenantLocale } from '../domain/tenant.js';
import type { InvalidTenantSettings } from '../domain/tenant.errors.js';
import type { TenantsDeps } from './deps.js';

/** What a tenant's own admin may change: its name, DPO contact, second-factor policy, language and time zone. */
export class UpdateOwnTenant {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants' | 'clock'>) {}

  async execute(command: { actor: Actor;
    changes: { name?: string; dpoContact?: string | null; secondFactorPolicy?: SecondFactorPolicy; locale?: TenantLocale; timeZone?: string };
  }): Promise<Result<Tenant, NotFound | InvalidTenantSettings>> {
    const tenant = await this.d.tenants.byId(command.actor.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const now = this.d.clock.now();
    const { secondFactorPolicy, ...settings } = command.changes;
    const changed = tenant.changeSettings(settings, now);
    if (!changed.ok) return changed;
    if (secondFactorPolicy) tenant.setSecondFactorPolicy(secondFactorPolicy, now);
    return ok(tenant);
  }
}
