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
import { privacyProblems } from './domain/privacy.errors.js';

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

/** The holders every module bound, looked up once the container is complete. */
function depsWithHolders(container: Container): PrivacyDeps {
  const d = container.get<PrivacyDeps>(PRIVACY_APP.Deps);
  let holders: PersonalDataHolder[] | null = null;
  d.holders = () => (holders ??= container.getAll<PersonalDataHolder>(PERSONAL_DATA.Holder));
  return d;
}

export function retentionSweep(container: Container): RetentionSweep {
  const d = depsWithHolders(container);
  const logger = container.get<Logger>(PLATFORM.Logger);
  return new RetentionSweep(d, new RunRetention(d, new ErasureService(d)), (tenantId, error) => logger.error({ err: error, tenantId }, 'retention run failed'));
}

export function reapplyErasures(container: Container): ReapplyErasures {
  const d = depsWithHolders(container);
  return new ReapplyErasures(d, new ErasureService(d));
}

export const privacyModule: PlatformModule = {
  problems: privacyProblems,
  name: 'privacy',
  entities: privacyEntities,
  bindings,
  router: (container) => {
    const d = depsWithHolders(container);
    const erasure = new ErasureService(d);
    return privacyRouter({
      endpoints: container.get<Endpoints>(PLATFORM.Endpoints),
      clock: d.clock,
      logger: container.get<Logger>(PLATFORM.Logger),
      getSettings: new GetPrivacySettings(d),
      updateSettings: new UpdatePrivacySettings(d),
      runRetention: new RunRetention(d, erasure),
      listFlags: new ListRetentionFlags(d),
      exportPeople: new ExportPeople(d),
      exportSubject: new ExportSubject(d),
      exportAudit: new ExportAuditTrail(d),
      eraseUser: new EraseUser(d, erasure),
      eraseContact: new EraseContact(d, erasure),
      deleteOwnAccount: new DeleteOwnAccount(d, erasure),
      listErasures: new ListErasures(d),
      listBreaches: new ListBreaches(d),
      recordBreach: new RecordBreach(d),
      updateBreach: new UpdateBreach(d),
      listProcessing: new ListProcessingActivities(d),
      recordProcessing: new RecordProcessingActivity(d),
      updateProcessing: new UpdateProcessingActivity(d),
      deleteProcessing: new DeleteProcessingActivity(d),
      exportRegister: new ExportRegister(d),
      recordAgreement: new RecordProcessorAgreement(d),
      listAgreements: new ListProcessorAgreements(d),
      archiveTenant: new ArchiveTenant(d),
      offboardTenant: new OffboardTenant(d),
    });
  },
};
