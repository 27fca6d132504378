import type { Actor } from '../../../platform/auth/actor.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { TenantLogoChanged } from '../domain/events.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantsDeps } from './deps.js';

/** Colours and logo for the apps. A new logo must be an uploaded image; the content module checks it. */
export class SetBranding {
  constructor(private readonly d: Pick<TenantsDeps, 'tenants' | 'events' | 'clock'>) {}

  async execute(command: { actor: Actor; primaryColor: string | null; accentColor: string | null; logoMediaId: string | null }): Promise<Result<Tenant, NotFound>> {
    const tenant = await this.d.tenants.byId(command.actor.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const logoChanged = tenant.brand({ primaryColor: command.primaryColor?.toLowerCase() ?? null, accentColor: command.accentColor?.toLowerCase() ?? null, logoMediaId: command.logoMediaId }, this.d.clock.now());
    if (logoChanged && command.logoMediaId) {
      const event: TenantLogoChanged = { type: 'tenant.logo_changed', tenantId: tenant.id, mediaId: command.logoMediaId };
      await this.d.events.publish(event);
    }
    return ok(tenant);
  }
}
