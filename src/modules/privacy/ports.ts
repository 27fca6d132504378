import type { Readable } from 'node:stream';
import type { Breach } from './domain/breach.js';
import type { ErasureRecord } from './domain/erasure.js';
import type { PrivacySettings, ProcessorAgreement, RetentionFlag } from './domain/privacy-settings.js';
import type { ProcessingActivity } from './domain/processing-activity.js';

// Writing through these ports. A use case runs inside its request's (or job's) unit of work
// (platform/database/unit-of-work.ts). What it `add`s, and every change it makes to an entity it
// read through a repository here, is written when that transaction commits: there is no save(),
// the commit's flush finds the changed entities. A method that returns a Promise and writes runs
// its SQL at once, in the same transaction. Either way, nothing is written when a later step of
// the request fails (test/e2e/unit-of-work.spec.ts shows both outcomes).

export interface PrivacySettingsRepository {
  of(tenantId: string): Promise<PrivacySettings | null>;
  add(settings: PrivacySettings): void;
}

export interface ErasureLedger {
  add(record: ErasureRecord): void;
  list(tenantId: string, query: { page: number; pageSize: number }): Promise<{ items: ErasureRecord[]; total: number }>;
  all(tenantId: string): Promise<ErasureRecord[]>;
}

/**
 * The copy of the erasure ledger kept outside the database (object storage, one object per line,
 * written once and never changed), so a database restore cannot take erasures back with it.
 */
export interface ErasureLedgerCopy {
  write(record: ErasureRecord): Promise<void>;
  all(tenantId: string): Promise<ErasureRecord[]>;
}

export interface RetentionFlags {
  flagged(tenantId: string, subjectType: 'user' | 'contact', subjectIds: string[]): Promise<Set<string>>;
  add(flag: RetentionFlag): void;
  list(tenantId: string): Promise<RetentionFlag[]>;
  forget(tenantId: string, subjectType: 'user' | 'contact', subjectId: string): Promise<void>;
}

export interface BreachRepository {
  byId(tenantId: string, id: string): Promise<Breach | null>;
  list(tenantId: string): Promise<Breach[]>;
  add(breach: Breach): void;
}

export interface ProcessingRegister {
  byId(tenantId: string, id: string): Promise<ProcessingActivity | null>;
  list(tenantId: string): Promise<ProcessingActivity[]>;
  add(activity: ProcessingActivity): void;
  remove(activity: ProcessingActivity): void;
}

export interface ProcessorAgreements {
  list(tenantId: string): Promise<ProcessorAgreement[]>;
  add(agreement: ProcessorAgreement): void;
}

/** A flat row of an export: column name to a plain value. */
export type Row = Record<string, string | number | boolean | Date | null>;

export interface Sheet {
  name: string;
  columns: string[];
  rows: AsyncIterable<Row[]> | Iterable<Row[]>;
}

/** Writes tables as spreadsheet or CSV, streaming: a page of rows at a time, never the whole. */
export interface TableWriter {
  xlsx(sheets: Sheet[]): Readable;
  /** One table as CSV (UTF-8 with BOM, so spreadsheet programs read the accents right). */
  csv(sheet: Sheet): Readable;
}

/** People as the users and content modules hand them over for bulk exports and the retention job. */
export interface PersonRow extends Row {
  id: string;
}

export interface PeopleSource {
  readonly columns: string[];
  /** The next page after `afterId`, ordered by id. */
  page(tenantId: string, afterId: string | null, limit: number): Promise<PersonRow[]>;
  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>>;
}

/** What privacy needs of the users module (through its application layer). */
export interface UserAccounts extends PeopleSource {
  nameOf(tenantId: string, userId: string): Promise<string | null>;
  isLastActiveAdmin(tenantId: string, userId: string): Promise<boolean>;
  /** The password, and the second factor code when the user has one. */
  /** Counts failures against the sign-in lockout (too many: TooManyAttempts is thrown). */
  confirmIdentity(tenantId: string, userId: string, password: string, code: string | null, clientAddress: string | null): Promise<boolean>;
  deactivatedBefore(tenantId: string, cutoff: Date): Promise<string[]>;
}

/** What privacy needs of the content module's contacts. */
export interface ContactDirectory extends PeopleSource {
  nameOf(tenantId: string, contactId: string): Promise<string | null>;
  erase(tenantId: string, contactId: string): Promise<void>;
}

/** Runs work in a transaction of its own, in a tenant: each page of a streamed export. */
export interface TenantTransactions {
  run<T>(tenantId: string | null, work: () => Promise<T>): Promise<T>;
  enterTenant(tenantId: string): Promise<void>;
}

/** Every table holding a tenant's rows, found from the database catalog (so later tables are included). */
export interface TenantData {
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
  /** Rows of one table for the tenant, page by page. */
  rows(tenantId: string, table: string, pageSize: number): AsyncIterable<Row[]>;
  /** Deletes every row of the tenant in every table, the append-only audit trail last through its one privileged path. */
  deleteAll(tenantId: string): Promise<void>;
}

/** The tenants module's part of offboarding. */
export interface TenantRegistry {
  exists(tenantId: string): Promise<boolean>;
  isSuspended(tenantId: string): Promise<boolean>;
  ids(): Promise<string[]>;
  remove(tenantId: string): Promise<void>;
}

/** Files of a tenant in object storage. */
export interface TenantFiles {
  list(tenantId: string): AsyncIterable<string>;
  open(key: string): Promise<Readable>;
  deleteAll(tenantId: string): Promise<number>;
}

/** An archive (zip) built while it is sent. */
export interface ArchiveWriter {
  create(): { stream: Readable; add(name: string, content: Readable | Buffer | string): Promise<void>; finish(): Promise<void> };
}
