import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { TenantCreated } from '../domain/events.js';
import { Tenant, type TenantLocale } from '../domain/tenant.js';
import { TenantSlugTaken, type InvalidTenantSettings } from '../domain/tenant.errors.js';
import type { TenantsDeps } from './deps.js';

export interface CreateTenantCommand {
  slug: string;
  name: string;
  locale: TenantLocale;
  timeZone: string;
  dpoContact?: string | null;
  firstAdmin: { name: string; email: string };
}

/** Onboards an organisation: the tenant and its first admin (invited) appear together or not at all. */
export class CreateTenant {
  constructor(private readonly d: Pick<TenantsDeps, 'transaction' | 'tenants' | 'events' | 'clock'>) {}

  async execute(command: CreateTenantCommand): Promise<Result<Tenant, InvalidTenantSettings | TenantSlugTaken>> {
    const created = Tenant.create({ ...command, dpoContact: command.dpoContact ?? null }, this.d.clock.now());
    if (!created.ok) return created;
    const tenant = created.value;
    if (await this.d.tenants.bySlug(tenant.slug)) return fail(new TenantSlugTaken(tenant.slug));
    this.d.tenants.add(tenant);
    await this.d.transaction.enterTenant(tenant.id);
    const event: TenantCreated = { type: 'tenant.created', tenantId: tenant.id, firstAdmin: command.firstAdmin };
    await this.d.events.publish(event);
    return ok(tenant);
  }
}
