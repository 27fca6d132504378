import type { Endpoints } from '../../../platform/http/endpoint.js';
import type { DeleteOwnAccount, EraseContact, EraseUser, ListErasures } from '../application/erasure.js';
import type { ExportAuditTrail, ExportPeople, ExportSubject } from '../application/exports.js';
import type { ArchiveTenant, ListProcessorAgreements, OffboardTenant, RecordProcessorAgreement } from '../application/offboarding.js';
import type {
  DeleteProcessingActivity,
  ExportRegister,
  ListBreaches,
  ListProcessingActivities,
  RecordBreach,
  RecordProcessingActivity,
  UpdateBreach,
  UpdateProcessingActivity,
} from '../application/registers.js';
import type { GetPrivacySettings, ListRetentionFlags, RunRetention, UpdatePrivacySettings } from '../application/retention.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { Logger } from '../../../platform/logging/logger.js';

/** The use cases behind the privacy routers; each router takes the part it serves. */
export interface PrivacyHttpDeps {
  endpoints: Endpoints;
  clock: Clock;
  /** Offboarding leaves no audit trail in the tenant (it is deleted with it): the operator's log keeps the line. */
  logger: Logger;
  getSettings: GetPrivacySettings;
  updateSettings: UpdatePrivacySettings;
  runRetention: RunRetention;
  listFlags: ListRetentionFlags;
  exportPeople: ExportPeople;
  exportSubject: ExportSubject;
  exportAudit: ExportAuditTrail;
  eraseUser: EraseUser;
  eraseContact: EraseContact;
  deleteOwnAccount: DeleteOwnAccount;
  listErasures: ListErasures;
  listBreaches: ListBreaches;
  recordBreach: RecordBreach;
  updateBreach: UpdateBreach;
  listProcessing: ListProcessingActivities;
  recordProcessing: RecordProcessingActivity;
  updateProcessing: UpdateProcessingActivity;
  deleteProcessing: DeleteProcessingActivity;
  exportRegister: ExportRegister;
  recordAgreement: RecordProcessorAgreement;
  listAgreements: ListProcessorAgreements;
  archiveTenant: ArchiveTenant;
  offboardTenant: OffboardTenant;
}

/** The privacy officer's work on the tenant's data, and a person's on their own. */
export const manage = { permission: 'privacy.manage' } as const;
export const self = { permission: 'me.privacy' } as const;
