import { Router } from 'express';
import type { RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { GetTenant } from '../application/get-tenant.js';
import type { SetBranding } from '../application/set-branding.js';
import type { UpdateOwnTenant } from '../application/update-own-tenant.js';
import type { Tenant } from '../domain/tenant.js';
import { toOwnTenantDto } from './tenant.dto.js';

export interface OwnTenantHttpDeps {
  endpoints: Endpoints;
  getTenant: GetTenant;
  updateOwnTenant: UpdateOwnTenant;
  setBranding: SetBranding;
}

/** A tenant's own organisation as its admins see it: settings and branding. */
export function ownTenantRouter(deps: OwnTenantHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/tenant',
    endpoints.tenant({ permission: 'tenant.read', rawStatements: true }, async (_req, actor) => {
      return { status: 200, body: toOwnTenantDto(unwrap(await deps.getTenant.execute({ tenantId: actor.tenantId }))) };
    }),
  );

  router.patch(
    '/v1/tenant',
    endpoints.tenant({ permission: 'tenant.settings.write' }, async (req, actor) => {
      const changes = req.body as RequestBody<'updateOwnTenant'>;
      return { status: 200, body: toOwnTenantDto(unwrap(await deps.updateOwnTenant.execute({ actor, changes }))) };
    }),
  );

  const branding = (tenant: Tenant) => ({
    primaryColor: tenant.primaryColor,
    accentColor: tenant.accentColor,
    logoMediaId: tenant.logoMediaId,
  });
  router.get(
    '/v1/tenant/branding',
    endpoints.tenant({ permission: 'tenant.read' }, async (_req, actor) => ({
      status: 200,
      body: branding(unwrap(await deps.getTenant.execute({ tenantId: actor.tenantId }))),
    })),
  );
  router.put(
    '/v1/tenant/branding',
    endpoints.tenant({ permission: 'tenant.settings.write' }, async (req, actor) => {
      const body = req.body as RequestBody<'setBranding'>;
      const colours = { primaryColor: body.primaryColor ?? null, accentColor: body.accentColor ?? null };
      const tenant = unwrap(await deps.setBranding.execute({ actor, ...colours, logoMediaId: body.logoMediaId ?? null }));
      return { status: 200, body: branding(tenant) };
    }),
  );
  return router;
}
