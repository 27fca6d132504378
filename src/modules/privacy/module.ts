import { ContainerModule, type Container } from 'inversify';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import type { Clock } from '../../platform/domain/clock.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { ObjectStorage } from '../../platform/media/ports.js';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../platform/privacy/personal-data.js';
import { problemsOf } from '../../platform/domain/errors.js';
import type { ContactPrivacy } from '../content/application/privacy.js';
import { CONTENT_PUBLIC } from '../content/application/tokens.js';
import type { TenantRegistry } from '../tenants/application/tenant-registry.js';
import { TENANTS_APP } from '../tenants/application/tokens.js';
import type { UserPrivacy } from '../users/application/privacy.js';
import { USERS_APP } from '../users/application/tokens.js';
import { CatalogTenantData } from './adapters/catalog-tenant-data.js';
import {
  MikroOrmBreaches,
  MikroOrmErasureLedger,
  MikroOrmPrivacySettings,
  MikroOrmProcessingRegister,
  MikroOrmProcessorAgreements,
  MikroOrmRetentionFlags,
} from './adapters/mikro-orm-privacy.repositories.js';
import { privacyEntities } from './adapters/privacy.schema.js';
import { StorageErasureLedger } from './adapters/storage-erasure-ledger.js';
import { StorageTenantFiles } from './adapters/storage-tenant-files.js';
import { StreamingTableWriter } from './adapters/table-writers.js';
import { ZipArchiveWriter } from './adapters/zip-archive.js';
import type { PrivacyDeps } from './application/deps.js';
import { DeleteOwnAccount, EraseContact, EraseUser, ListErasures, ReapplyErasures } from './application/erasure.js';
import { ErasureService } from './application/erasure-service.js';
import { ExportAuditTrail, ExportPeople, ExportSubject } from './application/exports.js';
import { ArchiveTenant, ListProcessorAgreements, OffboardTenant, RecordProcessorAgreement } from './application/offboarding.js';
import { DeleteProcessingActivity, ExportRegister, ListBreaches, ListProcessingActivities, RecordBreach, RecordProcessingActivity, UpdateBreach, UpdateProcessingActivity } from './application/registers.js';
import { GetPrivacySettings, ListRetentionFlags, RetentionSweep, RunRetention, UpdatePrivacySettings } from './application/retention.js';
import { privacyRouter } from './http/privacy.router.js';
import * as privacyErrors from './domain/privacy.errors.js';

export const PRIVACY_APP = {
  Deps: Symbol.for('privacy.Deps'),
  RetentionSweep: Symbol.for('privacy.RetentionSweep'),
  ReapplyErasures: Symbol.for('privacy.ReapplyErasures'),
} as const;

const bindings = new ContainerModule(({ bind }) => {
  bind<PrivacyDeps>(PRIVACY_APP.Deps)
    .toResolvedValue(
      (uow: UnitOfWork, clock: Clock, audit: AuditLog, storage: ObjectStorage, users: UserPrivacy, contacts: ContactPrivacy, tenants: TenantRegistry): PrivacyDeps => ({
        settings: new MikroOrmPrivacySettings(uow),
        ledger: new MikroOrmErasureLedger(uow),
        ledgerCopy: new StorageErasureLedger(storage),
        flags: new MikroOrmRetentionFlags(uow),
        breaches: new MikroOrmBreaches(uow),
        processing: new MikroOrmProcessingRegister(uow),
        agreements: new MikroOrmProcessorAgreements(uow),
        users,
        contacts,
        holders: () => [],
        writer: new StreamingTableWriter(),
        archives: new ZipArchiveWriter(),
        transactions: uow,
        tenantData: new CatalogTenantData(uow),
        tenantFiles: new StorageTenantFiles(storage),
        tenants,
        audit,
        clock,
      }),
      [PLATFORM.UnitOfWork, PLATFORM.Clock, PLATFORM.AuditLog, PLATFORM.ObjectStorage, USERS_APP.UserPrivacy, CONTENT_PUBLIC.ContactPrivacy, TENANTS_APP.TenantRegistry],
    )
    .inSingletonScope();
});

/** The application helper several use cases share, built once per container. */
interface Shared {
  erasure: ErasureService;
}

/** How a use case is made from the module's deps (it takes its own part) and the shared helper. */
type Make<T> = (d: PrivacyDeps, shared: Shared) => T;

const made = new WeakMap<Container, { d: PrivacyDeps; shared: Shared }>();

/**
 * Makes this module's use cases, in one way for the router and the jobs: the deps get the holders
 * every module bound (looked up once the container is complete), and the erasure is built once.
 */
function useCases(container: Container): <T>(make: Make<T>) => T {
  let built = made.get(container);
  if (!built) {
    const d = container.get<PrivacyDeps>(PRIVACY_APP.Deps);
    let holders: PersonalDataHolder[] | null = null;
    d.holders = () => (holders ??= container.getAll<PersonalDataHolder>(PERSONAL_DATA.Holder));
    built = { d, shared: { erasure: new ErasureService(d) } };
    made.set(container, built);
  }
  const { d, shared } = built;
  return (make) => make(d, shared);
}

export function retentionSweep(container: Container): RetentionSweep {
  const logger = container.get<Logger>(PLATFORM.Logger);
  return useCases(container)((d, { erasure }) => new RetentionSweep(d, new RunRetention(d, erasure), (tenantId, error) => logger.error({ err: error, tenantId }, 'retention run failed')));
}

export function reapplyErasures(container: Container): ReapplyErasures {
  return useCases(container)((d, { erasure }) => new ReapplyErasures(d, erasure));
}

export const privacyModule: PlatformModule = {
  problems: problemsOf(privacyErrors),
  name: 'privacy',
  entities: privacyEntities,
  bindings,
  router: (container) => {
    const useCase = useCases(container);
    return privacyRouter({
      endpoints: container.get<Endpoints>(PLATFORM.Endpoints),
      clock: container.get<Clock>(PLATFORM.Clock),
      logger: container.get<Logger>(PLATFORM.Logger),
      getSettings: useCase((d) => new GetPrivacySettings(d)),
      updateSettings: useCase((d) => new UpdatePrivacySettings(d)),
      runRetention: useCase((d, { erasure }) => new RunRetention(d, erasure)),
      listFlags: useCase((d) => new ListRetentionFlags(d)),
      exportPeople: useCase((d) => new ExportPeople(d)),
      exportSubject: useCase((d) => new ExportSubject(d)),
      exportAudit: useCase((d) => new ExportAuditTrail(d)),
      eraseUser: useCase((d, { erasure }) => new EraseUser(d, erasure)),
      eraseContact: useCase((d, { erasure }) => new EraseContact(d, erasure)),
      deleteOwnAccount: useCase((d, { erasure }) => new DeleteOwnAccount(d, erasure)),
      listErasures: useCase((d) => new ListErasures(d)),
      listBreaches: useCase((d) => new ListBreaches(d)),
      recordBreach: useCase((d) => new RecordBreach(d)),
      updateBreach: useCase((d) => new UpdateBreach(d)),
      listProcessing: useCase((d) => new ListProcessingActivities(d)),
      recordProcessing: useCase((d) => new RecordProcessingActivity(d)),
      updateProcessing: useCase((d) => new UpdateProcessingActivity(d)),
      deleteProcessing: useCase((d) => new DeleteProcessingActivity(d)),
      exportRegister: useCase((d) => new ExportRegister(d)),
      recordAgreement: useCase((d) => new RecordProcessorAgreement(d)),
      listAgreements: useCase((d) => new ListProcessorAgreements(d)),
      archiveTenant: useCase((d) => new ArchiveTenant(d)),
      offboardTenant: useCase((d) => new OffboardTenant(d)),
    });
  },
};
