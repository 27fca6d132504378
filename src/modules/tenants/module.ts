import { ContainerModule } from 'inversify';
import type { Clock } from '../../platform/domain/clock.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
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
import { TENANTS, type TenantRepository } from './ports.js';
import { TenantRegistry } from './application/tenant-registry.js';
import { TENANTS_APP } from './application/tokens.js';
import { tenantProblems } from './domain/tenant.errors.js';


const bindings = new ContainerModule(({ bind }) => {
  bind<TenantRepository>(TENANTS.TenantRepository).toResolvedValue((uow: UnitOfWork) => new MikroOrmTenantRepository(uow), [PLATFORM.UnitOfWork]).inSingletonScope();
  bind(PLATFORM.AccessGate).toResolvedValue((repo: TenantRepository) => new TenantStatusGate(repo), [TENANTS.TenantRepository]).inSingletonScope();
  bind(TENANTS_APP.CreateTenant)
    .toResolvedValue(
      (uow: UnitOfWork, repo: TenantRepository, bus: EventBus, clock: Clock) => new CreateTenant(uow, repo, bus, clock),
      [PLATFORM.UnitOfWork, TENANTS.TenantRepository, PLATFORM.EventBus, PLATFORM.Clock],
    )
    .inSingletonScope();
  bind(TENANTS_APP.ListTenants).toResolvedValue((repo: TenantRepository) => new ListTenants(repo), [TENANTS.TenantRepository]).inSingletonScope();
  bind(TENANTS_APP.GetTenant).toResolvedValue((repo: TenantRepository) => new GetTenant(repo), [TENANTS.TenantRepository]).inSingletonScope();
  bind(TENANTS_APP.UpdateTenantSettings)
    .toResolvedValue((repo: TenantRepository, clock: Clock) => new UpdateTenantSettings(repo, clock), [TENANTS.TenantRepository, PLATFORM.Clock])
    .inSingletonScope();
  bind(TENANTS_APP.SuspendTenant)
    .toResolvedValue((repo: TenantRepository, clock: Clock) => new SuspendTenant(repo, clock), [TENANTS.TenantRepository, PLATFORM.Clock])
    .inSingletonScope();
  bind(TENANTS_APP.ReactivateTenant)
    .toResolvedValue((repo: TenantRepository, clock: Clock) => new ReactivateTenant(repo, clock), [TENANTS.TenantRepository, PLATFORM.Clock])
    .inSingletonScope();
  bind(TENANTS_APP.ApplyTenantDefinition)
    .toResolvedValue(
      (uow: UnitOfWork, repo: TenantRepository, clock: Clock) => new ApplyTenantDefinition(uow, repo, clock),
      [PLATFORM.UnitOfWork, TENANTS.TenantRepository, PLATFORM.Clock],
    )
    .inSingletonScope();
  bind(TENANTS_APP.UpdateOwnTenant)
    .toResolvedValue((repo: TenantRepository, clock: Clock) => new UpdateOwnTenant(repo, clock), [TENANTS.TenantRepository, PLATFORM.Clock])
    .inSingletonScope();
  bind(TENANTS_APP.SetBranding)
    .toResolvedValue((repo: TenantRepository, bus: EventBus, clock: Clock) => new SetBranding(repo, bus, clock), [TENANTS.TenantRepository, PLATFORM.EventBus, PLATFORM.Clock])
    .inSingletonScope();
  bind(TENANTS_APP.TenantRegistry).toResolvedValue((repo: TenantRepository) => new TenantRegistry(repo), [TENANTS.TenantRepository]).inSingletonScope();
  bind(TENANTS_APP.TenantLookup).toResolvedValue((repo: TenantRepository) => new TenantLookup(repo), [TENANTS.TenantRepository]).inSingletonScope();
});

export const tenantsModule: PlatformModule = {
  problems: tenantProblems,
  name: 'tenants',
  entities: [TenantSchema],
  bindings,
  router: (container) => {
    const endpoints = container.get<Endpoints>(PLATFORM.Endpoints);
    const getTenant = container.get<GetTenant>(TENANTS_APP.GetTenant);
    const router = tenantsRouter({
      endpoints,
      createTenant: container.get(TENANTS_APP.CreateTenant),
      listTenants: container.get(TENANTS_APP.ListTenants),
      getTenant,
      updateTenantSettings: container.get(TENANTS_APP.UpdateTenantSettings),
      suspendTenant: container.get(TENANTS_APP.SuspendTenant),
      reactivateTenant: container.get(TENANTS_APP.ReactivateTenant),
    });
    const updateOwnTenant = container.get<UpdateOwnTenant>(TENANTS_APP.UpdateOwnTenant);
    router.use(ownTenantRouter({ endpoints, getTenant, updateOwnTenant, setBranding: container.get(TENANTS_APP.SetBranding) }));
    return router;
  },
};
