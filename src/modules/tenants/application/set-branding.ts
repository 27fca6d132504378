import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/domain/clock.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import type { TenantLogoChanged } from '../domain/events.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantRepository } from '../ports.js';

/** Colours and logo for the apps. A new logo must be an uploaded image; the content module checks it. */
export class SetBranding {
  constructor(private readonly tenants: TenantRepository, private readonly events: EventBus, private readonly clock: Clock) {}

  async execute(command: { actor: Actor; primaryColor: string | null; accentColor: string | null; logoMediaId: string | null }): Promise<Result<Tenant, NotFound>> {
    const tenant = await this.tenants.byId(command.actor.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const logoChanged = tenant.brand({ primaryColor: command.primaryColor?.toLowerCase() ?? null, accentColor: command.accentColor?.toLowerCase() ?? null, logoMediaId: command.logoMediaId }, this.clock.now());
    if (logoChanged && command.logoMediaId) {
      const event: TenantLogoChanged = { type: 'tenant.logo_changed', tenantId: tenant.id, mediaId: command.logoMediaId };
      await this.events.publish(event);
    }
    return ok(tenant);
  }
}
