import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import type { Tenant } from '../domain/tenant.js';
import { toOwnTenantDto } from './tenant.dto.js';
import type { TenantsHttpDeps } from './tenants-http.js';

const brandingOf = (tenant: Tenant) => ({ primaryColor: tenant.primaryColor, accentColor: tenant.accentColor, logoMediaId: tenant.logoMediaId });

/** A tenant's own organisation as its admins see it: settings and branding. */
export function ownTenantRouter(deps: Pick<TenantsHttpDeps, 'endpoints' | 'getTenant' | 'updateOwnTenant' | 'setBranding'>): Router {
  const read = { permission: 'tenant.read' } as const;
  const write = { permission: 'tenant.settings.write' } as const;
  return operationsRouter(deps.endpoints, {
    getOwnTenant: (op) =>
      op.tenant({ ...read, rawStatements: true }, async (_input, actor) => ok(toOwnTenantDto(unwrap(await deps.getTenant.execute({ tenantId: actor.tenantId }))))),
    updateOwnTenant: (op) => op.tenant(write, async ({ body }, actor) => ok(toOwnTenantDto(unwrap(await deps.updateOwnTenant.execute({ actor, changes: body }))))),
    getBranding: (op) => op.tenant(read, async (_input, actor) => ok(brandingOf(unwrap(await deps.getTenant.execute({ tenantId: actor.tenantId }))))),
    setBranding: (op) =>
      op.tenant(write, async ({ body }, actor) => {
        const colours = { primaryColor: body.primaryColor ?? null, accentColor: body.accentColor ?? null };
        return ok(brandingOf(unwrap(await deps.setBranding.execute({ actor, ...colours, logoMediaId: body.logoMediaId ?? null }))));
      }),
  });
}
