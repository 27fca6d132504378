import { Router } from 'express';
import type { PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { CreateTenant } from '../application/create-tenant.js';
import type { GetTenant } from '../application/get-tenant.js';
import type { ListTenants } from '../application/list-tenants.js';
import type { ReactivateTenant } from '../application/reactivate-tenant.js';
import type { SuspendTenant } from '../application/suspend-tenant.js';
import type { UpdateTenantSettings } from '../application/update-tenant-settings.js';
import type { UpdateOwnTenant } from '../application/update-own-tenant.js';
import type { SetBranding } from '../application/set-branding.js';
import type { Tenant } from '../domain/tenant.js';
import { toOwnTenantDto, toTenantDto } from './tenant.dto.js';

export interface TenantsHttpDeps {
  endpoints: Endpoints;
  createTenant: CreateTenant;
  listTenants: ListTenants;
  getTenant: GetTenant;
  updateTenantSettings: UpdateTenantSettings;
  suspendTenant: SuspendTenant;
  reactivateTenant: ReactivateTenant;
  updateOwnTenant: UpdateOwnTenant;
  setBranding: SetBranding;
}

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
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
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

  router.get(
    '/v1/tenant',
    endpoints.tenant({ permission: 'tenant.read' }, async (_req, actor) => {
      return { status: 200, body: toOwnTenantDto(unwrap(await deps.getTenant.execute({ tenantId: actor.tenantId }))) };
    }),
  );

  router.patch(
    '/v1/tenant',
    endpoints.tenant({ permission: 'tenant.settings.write' }, async (req, actor) => {
      const changes = req.body as RequestBody<'updateOwnTenant'>;
      return { status: 200, body: toOwnTenantDto(unwrap(await deps.updateOwnTenant.execute({ tenantId: actor.tenantId, changes }))) };
    }),
  );

  const branding = (tenant: Tenant) => ({ primaryColor: tenant.primaryColor, accentColor: tenant.accentColor, logoMediaId: tenant.logoMediaId });
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
      const tenant = unwrap(
        await deps.setBranding.execute({ tenantId: actor.tenantId, primaryColor: body.primaryColor ?? null, accentColor: body.accentColor ?? null, logoMediaId: body.logoMediaId ?? null }),
      );
      return { status: 200, body: branding(tenant) };
    }),
  );

  return router;
}
