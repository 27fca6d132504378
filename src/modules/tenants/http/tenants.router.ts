import type { Router } from 'express';
import { pageOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toTenantDto } from './tenant.dto.js';
import type { TenantsHttpDeps } from './tenants-http.js';

/** The operator's tenant register: create, list, change, suspend and reactivate tenants. */
export function tenantsRouter(
  deps: Pick<TenantsHttpDeps, 'endpoints' | 'createTenant' | 'listTenants' | 'getTenant' | 'updateTenantSettings' | 'suspendTenant' | 'reactivateTenant'>,
): Router {
  const manage = { permission: 'platform.tenants.manage' } as const;
  return operationsRouter(deps.endpoints, {
    createTenant: (op) =>
      op.platform(manage, async ({ body }) => {
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
        return created(toTenantDto(tenant), `/v1/platform/tenants/${tenant.id}`);
      }),
    listTenants: (op) =>
      op.platform(manage, async ({ query }) => {
        const page = await deps.listTenants.execute({ ...pageOf(query), ...(query.status ? { status: query.status } : {}) });
        return ok({ ...page, items: page.items.map(toTenantDto) });
      }),
    getTenant: (op) => op.platform(manage, async ({ path }) => ok(toTenantDto(unwrap(await deps.getTenant.execute(path))))),
    updateTenant: (op) =>
      op.platform(manage, async ({ path, body }) => ok(toTenantDto(unwrap(await deps.updateTenantSettings.execute({ ...path, changes: body }))))),
    suspendTenant: (op) =>
      op.platform(manage, async ({ path, body }) => ok(toTenantDto(unwrap(await deps.suspendTenant.execute({ ...path, reason: body.reason }))))),
    reactivateTenant: (op) => op.platform(manage, async ({ path }) => ok(toTenantDto(unwrap(await deps.reactivateTenant.execute(path))))),
  });
}
