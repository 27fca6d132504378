import type { Actor } from '../../../platform/auth/actor.js';
import type { Readable } from 'node:stream';
import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { PersonalDataHolder } from '../../../platform/privacy/personal-data.js';
import type {
  ArchiveWriter,
  BreachRepository,
  ContactDirectory,
  ErasureLedger,
  ErasureLedgerCopy,
  PrivacySettingsRepository,
  ProcessingRegister,
  ProcessorAgreements,
  RetentionFlags,
  TableWriter,
  TenantData,
  TenantFiles,
  TenantRegistry,
  TenantTransactions,
  UserAccounts,
} from '../ports.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

/** Everything this module's use cases stand on, bound once in module.ts. */
export interface PrivacyDeps {
  settings: PrivacySettingsRepository;
  ledger: ErasureLedger;
  /** The ledger's copy outside the database, which a restore of the database does not roll back. */
  ledgerCopy: ErasureLedgerCopy;
  flags: RetentionFlags;
  breaches: BreachRepository;
  processing: ProcessingRegister;
  agreements: ProcessorAgreements;
  users: UserAccounts;
  contacts: ContactDirectory;
  /** Every module's part of a person's data (multi-binding, resolved when first used). */
  holders: () => PersonalDataHolder[];
  writer: TableWriter;
  archives: ArchiveWriter;
  transactions: TenantTransactions;
  tenantData: TenantData;
  tenantFiles: TenantFiles;
  tenants: TenantRegistry;
  audit: AuditLog;
  clock: Clock;
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export interface FileReply {
  stream: Readable;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
} as const;

export function audited(d: Pick<PrivacyDeps, 'audit'>, actor: Actor, action: string, subject?: { type: string; id: string } | null, details: Record<string, unknown> = {}): void {
  d.audit.record(auditEntry(actor, { action, ...(subject ? { subjectType: subject.type, subjectId: subject.id } : {}), details }));
}
