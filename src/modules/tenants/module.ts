import { Router } from 'express';
import { ContainerModule } from 'inversify';
import type { Clock } from '../../platform/domain/clock.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import { problemsOf } from '../../platform/domain/errors.js';
import { MikroOrmTenantRepository } from './adapters/mikro-orm-tenant.repository.js';
import { TenantStatusGate } from './adapters/tenant-access-gate.js';
import { TenantSchema } from './adapters/tenant.schema.js';
import { ApplyTenantDefinition } from './application/apply-tenant-definition.js';
import { CreateTenant } from './application/create-tenant.js';
import { GetTenant } from './application/get-tenant.js';
import { ListTenants } from './application/list-tenants.js';
import { ReactivateTenant } from './application/reactivate-tenant.js';
import { SuspendTenant } from './application/suspend-tenant.js';
import { TenantLookup } from './application/tenant-lookup.js';
import { UpdateTenantSettings } from './application/update-tenant-settings.js';
import { UpdateOwnTenant } from './application/update-own-tenant.js';
import { SetBranding } from './application/set-branding.js';
import { ownTenantRouter } from './http/own-tenant.router.js';
import { tenantsRouter } from './http/tenants.router.js';
import type { TenantsHttpDeps } from './http/tenants-http.js';
import { TENANTS, type TenantRepository } from './ports.js';
import { TenantRegistry } from './application/tenant-registry.js';
import type { TenantsDeps } from './application/deps.js';
import { TENANTS_APP } from './application/tokens.js';
import * as tenantErrors from './domain/tenant.errors.js';

const bindings = new ContainerModule(({ bind }) => {
  bind<TenantRepository>(TENANTS.TenantRepository).toResolvedValue((uow: UnitOfWork) => new MikroOrmTenantRepository(uow), [PLATFORM.UnitOfWork]).inSingletonScope();
  bind<TenantsDeps>(TENANTS_APP.Deps)
    .toResolvedValue(
      (uow: UnitOfWork, tenants: TenantRepository, events: EventBus, clock: Clock): TenantsDeps => ({ transaction: uow, tenants, events, clock }),
      [PLATFORM.UnitOfWork, TENANTS.TenantRepository, PLATFORM.EventBus, PLATFORM.Clock],
    )
    .inSingletonScope();
  bind(PLATFORM.AccessGate).toResolvedValue((repo: TenantRepository) => new TenantStatusGate(repo), [TENANTS.TenantRepository]).inSingletonScope();
  const useCase = <T>(id: symbol, make: (d: TenantsDeps) => T) => bind<T>(id).toResolvedValue(make, [TENANTS_APP.Deps]).inSingletonScope();
  useCase(TENANTS_APP.CreateTenant, (d) => new CreateTenant(d));
  useCase(TENANTS_APP.ListTenants, (d) => new ListTenants(d));
  useCase(TENANTS_APP.GetTenant, (d) => new GetTenant(d));
  useCase(TENANTS_APP.UpdateTenantSettings, (d) => new UpdateTenantSettings(d));
  useCase(TENANTS_APP.SuspendTenant, (d) => new SuspendTenant(d));
  useCase(TENANTS_APP.ReactivateTenant, (d) => new ReactivateTenant(d));
  useCase(TENANTS_APP.ApplyTenantDefinition, (d) => new ApplyTenantDefinition(d));
  useCase(TENANTS_APP.UpdateOwnTenant, (d) => new UpdateOwnTenant(d));
  useCase(TENANTS_APP.SetBranding, (d) => new SetBranding(d));
  useCase(TENANTS_APP.TenantRegistry, (d) => new TenantRegistry(d));
  useCase(TENANTS_APP.TenantLookup, (d) => new TenantLookup(d));
});

export const tenantsModule: PlatformModule = {
  problems: problemsOf(tenantErrors),
  name: 'tenants',
  entities: [TenantSchema],
  bindings,
  router: (container) => {
    const deps: TenantsHttpDeps = {
      endpoints: container.get<Endpoints>(PLATFORM.Endpoints),
      createTenant: container.get(TENANTS_APP.CreateTenant),
      listTenants: container.get(TENANTS_APP.ListTenants),
      getTenant: container.get(TENANTS_APP.GetTenant),
      updateTenantSettings: container.get(TENANTS_APP.UpdateTenantSettings),
      suspendTenant: container.get(TENANTS_APP.SuspendTenant),
      reactivateTenant: container.get(TENANTS_APP.ReactivateTenant),
      updateOwnTenant: container.get(TENANTS_APP.UpdateOwnTenant),
      setBranding: container.get(TENANTS_APP.SetBranding),
    };
    return Router().use(tenantsRouter(deps), ownTenantRouter(deps));
  },
};
