import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateTenant } from '../application/create-tenant.js';
import type { GetTenant } from '../application/get-tenant.js';
import type { ListTenants } from '../application/list-tenants.js';
import type { ReactivateTenant } from '../application/reactivate-tenant.js';
import type { SuspendTenant } from '../application/suspend-tenant.js';
import type { UpdateTenantSettings } from '../application/update-tenant-settings.js';
import { toTenantDto } from './tenant.dto.js';

export interface TenantsHttpDeps {
  endpoints: Endpoints;
  createTenant: CreateTenant;
  listTenants: ListTenants;
  getTenant: GetTenant;
  updateTenantSettings: UpdateTenantSettings;
  suspendTenant: SuspendTenant;
  reactivateTenant: ReactivateTenant;
}

/** The operator's tenant register: create, list, change, suspend and reactivate tenants. */
export function tenantsRouter(deps: TenantsHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const manage = { permission: 'platform.tenants.manage' } as const;

  router.post(
    '/v1/platform/tenants',
    endpoints.platform(manage, async (req) => {
      const body = req.body as RequestBody<'createTenant'>;
      const tenant = unwrap(
        await deps.createTenant.execute({
          slug: body.slug,
          name: body.name,
          locale: body.locale ?? 'nl-NL',
          timeZone: body.timeZone ?? 'Europe/Amsterdam',
          dpoContact: body.dpoContact ?? null,
          firstAdmin: body.firstAdmin,
        }),
      );
      return { status: 201, body: toTenantDto(tenant), headers: { location: `/v1/platform/tenants/${tenant.id}` } };
    }),
  );

  router.get(
    '/v1/platform/tenants',
    endpoints.platform(manage, async (req) => {
      const query = req.query as QueryOf<'listTenants'>;
      const page = await deps.listTenants.execute({
        ...pageOf(query),
        ...(query.status ? { status: query.status } : {}),
      });
      return { status: 200, body: { ...page, items: page.items.map(toTenantDto) } };
    }),
  );

  router.get(
    '/v1/platform/tenants/:tenantId',
    endpoints.platform(manage, async (req) => {
      const { tenantId } = req.params as PathOf<'getTenant'>;
      return { status: 200, body: toTenantDto(unwrap(await deps.getTenant.execute({ tenantId }))) };
    }),
  );

  router.patch(
    '/v1/platform/tenants/:tenantId',
    endpoints.platform(manage, async (req) => {
      const { tenantId } = req.params as PathOf<'updateTenant'>;
      const changes = req.body as RequestBody<'updateTenant'>;
      return { status: 200, body: toTenantDto(unwrap(await deps.updateTenantSettings.execute({ tenantId, changes }))) };
    }),
  );

  router.post(
    '/v1/platform/tenants/:tenantId/suspend',
    endpoints.platform(manage, async (req) => {
      const { tenantId } = req.params as PathOf<'suspendTenant'>;
      const { reason } = req.body as RequestBody<'suspendTenant'>;
      return { status: 200, body: toTenantDto(unwrap(await deps.suspendTenant.execute({ tenantId, reason }))) };
    }),
  );

  router.post(
    '/v1/platform/tenants/:tenantId/reactivate',
    endpoints.platform(manage, async (req) => {
      const { tenantId } = req.params as PathOf<'reactivateTenant'>;
      return { status: 200, body: toTenantDto(unwrap(await deps.reactivateTenant.execute({ tenantId }))) };
    }),
  );
  return router;
}
