import { PassThrough, Readable } from 'node:stream';
import type { Breach } from '../../../src/modules/privacy/domain/breach.js';
import type { ErasureRecord } from '../../../src/modules/privacy/domain/erasure.js';
import type { PrivacySettings, ProcessorAgreement, RetentionFlag } from '../../../src/modules/privacy/domain/privacy-settings.js';
import type { ProcessingActivity } from '../../../src/modules/privacy/domain/processing-activity.js';
import type {
  ArchiveWriter,
  BreachRepository,
  ContactDirectory,
  ErasureLedger,
  ErasureLedgerCopy,
  PersonRow,
  PrivacySettingsRepository,
  ProcessingRegister,
  ProcessorAgreements,
  RetentionFlags,
  Row,
  Sheet,
  TableWriter,
  TenantData,
  TenantFiles,
  TenantRegistry,
  TenantTransactions,
  UserAccounts,
} from '../../../src/modules/privacy/ports.js';
import { AuditEvent, type AuditEntry } from '../../../src/platform/audit/audit-event.js';
import type { AuditQuery } from '../../../src/platform/audit/audit-log.js';
import type { Clock } from '../../../src/platform/domain/clock.js';
import type { DataSubject, PersonalDataHolder } from '../../../src/platform/privacy/personal-data.js';
import { InMemoryAuditLog } from './platform.js';

export class InMemoryBreachRepository implements BreachRepository {
  readonly breaches: Breach[] = [];

  byId(tenantId: string, id: string): Promise<Breach | null> {
    return Promise.resolve(this.breaches.find((b) => b.tenantId === tenantId && b.id === id) ?? null);
  }

  list(tenantId: string): Promise<Breach[]> {
    return Promise.resolve(this.breaches.filter((b) => b.tenantId === tenantId));
  }

  add(breach: Breach): void {
    this.breaches.push(breach);
  }
}

export class InMemoryProcessingRegister implements ProcessingRegister {
  readonly activities: ProcessingActivity[] = [];

  byId(tenantId: string, id: string): Promise<ProcessingActivity | null> {
    return Promise.resolve(this.activities.find((a) => a.tenantId === tenantId && a.id === id) ?? null);
  }

  list(tenantId: string): Promise<ProcessingActivity[]> {
    return Promise.resolve(this.activities.filter((a) => a.tenantId === tenantId));
  }

  add(activity: ProcessingActivity): void {
    this.activities.push(activity);
  }

  remove(activity: ProcessingActivity): void {
    this.activities.splice(this.activities.indexOf(activity), 1);
  }
}

/** Writes each sheet as JSON lines (`{"sheet":…,"row":…}`), so a spec reads back what would be in the file. */
export class JsonLinesTableWriter implements TableWriter {
  xlsx(sheets: Sheet[]): Readable {
    return Readable.from(lines(sheets));
  }

  csv(sheet: Sheet): Readable {
    return Readable.from(lines([sheet]));
  }
}

async function* lines(sheets: Sheet[]): AsyncIterable<string> {
  for (const sheet of sheets) {
    for await (const page of sheet.rows as AsyncIterable<Row[]>) for (const row of page) yield `${JSON.stringify({ sheet: sheet.name, row })}\n`;
  }
}

/** Everything a readable stream yields, as text. */
export async function textOf(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

export class InMemoryErasureLedger implements ErasureLedger {
  readonly records: ErasureRecord[] = [];

  add(record: ErasureRecord): void {
    this.records.push(record);
  }

  list(tenantId: string, query: { page: number; pageSize: number }): Promise<{ items: ErasureRecord[]; total: number }> {
    const of = this.records.filter((r) => r.tenantId === tenantId);
    return Promise.resolve({ items: of.slice((query.page - 1) * query.pageSize, query.page * query.pageSize), total: of.length });
  }

  all(tenantId: string): Promise<ErasureRecord[]> {
    return Promise.resolve(this.records.filter((r) => r.tenantId === tenantId));
  }
}

/** The ledger copy outside the database: lines are written once, never changed. */
export class InMemoryErasureLedgerCopy implements ErasureLedgerCopy {
  readonly lines: ErasureRecord[] = [];

  write(record: ErasureRecord): Promise<void> {
    if (!this.lines.some((l) => l.id === record.id)) this.lines.push(record);
    return Promise.resolve();
  }

  all(tenantId: string): Promise<ErasureRecord[]> {
    return Promise.resolve(this.lines.filter((r) => r.tenantId === tenantId));
  }
}

export class InMemoryRetentionFlags implements RetentionFlags {
  readonly flags: RetentionFlag[] = [];

  flagged(tenantId: string, subjectType: 'user' | 'contact', subjectIds: string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(this.flags.filter((f) => f.tenantId === tenantId && f.subjectType === subjectType && subjectIds.includes(f.subjectId)).map((f) => f.subjectId)));
  }

  add(flag: RetentionFlag): void {
    this.flags.push(flag);
  }

  list(tenantId: string): Promise<RetentionFlag[]> {
    return Promise.resolve(this.flags.filter((f) => f.tenantId === tenantId));
  }

  forget(tenantId: string, subjectType: 'user' | 'contact', subjectId: string): Promise<void> {
    const kept = this.flags.filter((f) => !(f.tenantId === tenantId && f.subjectType === subjectType && f.subjectId === subjectId));
    this.flags.splice(0, this.flags.length, ...kept);
    return Promise.resolve();
  }
}

/** People of the users module as privacy sees them: a name (null once erased), whether they are the last admin, their password. */
export class InMemoryUserAccounts implements UserAccounts {
  readonly columns = ['id', 'name'];
  readonly people = new Map<string, { name: string; lastAdmin: boolean; password: string }>();
  readonly confirmations: Array<{ userId: string; ok: boolean }> = [];
  /** Retention dates (YYYY-MM-DD) by user id; past ones are what the retention job finds. */
  readonly retention = new Map<string, string>();
  /** When accounts were deactivated, by user id: the purge candidates. */
  readonly deactivated = new Map<string, Date>();

  page(tenantId: string, afterId: string | null, limit: number): Promise<PersonRow[]> {
    void tenantId;
    return Promise.resolve([...this.people].filter(([id]) => afterId === null || id > afterId).sort(([a], [b]) => a.localeCompare(b)).slice(0, limit).map(([id, p]) => ({ id, name: p.name })));
  }

  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    void tenantId;
    return Promise.resolve(pastRetention(this.retention, today));
  }

  nameOf(tenantId: string, userId: string): Promise<string | null> {
    void tenantId;
    return Promise.resolve(this.people.get(userId)?.name ?? null);
  }

  isLastActiveAdmin(tenantId: string, userId: string): Promise<boolean> {
    void tenantId;
    return Promise.resolve(this.people.get(userId)?.lastAdmin ?? false);
  }

  confirmIdentity(tenantId: string, userId: string, password: string): Promise<boolean> {
    void tenantId;
    const ok = this.people.get(userId)?.password === password;
    this.confirmations.push({ userId, ok });
    return Promise.resolve(ok);
  }

  deactivatedBefore(tenantId: string, cutoff: Date): Promise<string[]> {
    void tenantId;
    return Promise.resolve([...this.deactivated].filter(([, at]) => at < cutoff).map(([id]) => id));
  }
}

function pastRetention(retention: Map<string, string>, today: string): Array<{ id: string; retentionUntil: string }> {
  return [...retention].filter(([, until]) => until < today).map(([id, retentionUntil]) => ({ id, retentionUntil }));
}

export class InMemoryContactDirectory implements ContactDirectory {
  readonly columns = ['id', 'name'];
  readonly contacts = new Map<string, string>();
  readonly retention = new Map<string, string>();

  page(tenantId: string, afterId: string | null, limit: number): Promise<PersonRow[]> {
    void tenantId;
    return Promise.resolve([...this.contacts].filter(([id]) => afterId === null || id > afterId).sort(([a], [b]) => a.localeCompare(b)).slice(0, limit).map(([id, name]) => ({ id, name })));
  }

  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    void tenantId;
    return Promise.resolve(pastRetention(this.retention, today));
  }

  nameOf(tenantId: string, contactId: string): Promise<string | null> {
    void tenantId;
    return Promise.resolve(this.contacts.get(contactId) ?? null);
  }

  erase(tenantId: string, contactId: string): Promise<void> {
    void tenantId;
    this.contacts.delete(contactId);
    return Promise.resolve();
  }
}

/** Runs work at once, remembering in which tenant (null: platform work). */
export class RecordingTenantTransactions implements TenantTransactions {
  readonly runs: Array<string | null> = [];
  readonly entered: string[] = [];

  run<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
    this.runs.push(tenantId);
    return work();
  }

  enterTenant(tenantId: string): Promise<void> {
    this.entered.push(tenantId);
    return Promise.resolve();
  }
}

export class InMemoryTenantRegistry implements TenantRegistry {
  readonly tenants = new Map<string, { suspended: boolean }>();

  exists(tenantId: string): Promise<boolean> {
    return Promise.resolve(this.tenants.has(tenantId));
  }

  isSuspended(tenantId: string): Promise<boolean> {
    return Promise.resolve(this.tenants.get(tenantId)?.suspended ?? false);
  }

  ids(): Promise<string[]> {
    return Promise.resolve([...this.tenants.keys()]);
  }

  remove(tenantId: string): Promise<void> {
    this.tenants.delete(tenantId);
    return Promise.resolve();
  }
}

/** A module's part of a person's data: records each erasure, in the order the holders were asked. */
export class RecordingHolder implements PersonalDataHolder {
  constructor(readonly category: string, private readonly order: string[], private readonly onErase: (subject: DataSubject & { pseudonym: string }) => void = () => {}) {}

  exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]> {
    return Promise.resolve([{ category: this.category, userId: subject.userId }]);
  }

  eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    this.order.push(`${this.category}:${subject.userId}:${subject.pseudonym}`);
    this.onErase(subject);
    return Promise.resolve();
  }
}

/** A holder whose purge differs from its erasure (as the account's does): records purges apart. */
export class PurgingHolder extends RecordingHolder {
  constructor(category: string, private readonly purged: string[]) {
    super(category, purged);
  }

  purgeSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    this.purged.push(`purge ${this.category}:${subject.userId}:${subject.pseudonym}`);
    return Promise.resolve();
  }
}

export class InMemoryPrivacySettingsRepository implements PrivacySettingsRepository {
  readonly settings: PrivacySettings[] = [];

  of(tenantId: string): Promise<PrivacySettings | null> {
    return Promise.resolve(this.settings.find((s) => s.tenantId === tenantId) ?? null);
  }

  add(settings: PrivacySettings): void {
    this.settings.push(settings);
  }
}

export class InMemoryProcessorAgreements implements ProcessorAgreements {
  readonly agreements: ProcessorAgreement[] = [];

  list(tenantId: string): Promise<ProcessorAgreement[]> {
    return Promise.resolve(this.agreements.filter((a) => a.tenantId === tenantId));
  }

  add(agreement: ProcessorAgreement): void {
    this.agreements.push(agreement);
  }
}

/**
 * The audit log as the privacy module reads it back (subject exports, the trail export): each
 * entry becomes an event at the clock's time when recorded, listed newest last, filtered as the SQL is.
 */
export class ListingAuditLog extends InMemoryAuditLog {
  readonly events: AuditEvent[] = [];

  constructor(private readonly clock: Clock) {
    super();
  }

  override record(entry: AuditEntry): void {
    super.record(entry);
    this.events.push(AuditEvent.of(entry, this.clock.now()));
  }

  override recordAll(entries: AuditEntry[]): void {
    for (const entry of entries) this.record(entry);
  }

  override list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    const matching = this.events.filter(
      (e) =>
        e.tenantId === query.tenantId &&
        (query.action === undefined || e.action === query.action) &&
        (query.actorId === undefined || e.actorId === query.actorId) &&
        (query.subjectId === undefined || e.subjectId === query.subjectId) &&
        (query.from === undefined || e.occurredAt >= query.from) &&
        (query.to === undefined || e.occurredAt < query.to),
    );
    return Promise.resolve({ items: matching.slice((query.page - 1) * query.pageSize, query.page * query.pageSize), total: matching.length });
  }
}

/** A tenant's rows by table, as the catalog would find them; deleting takes every table at once. */
export class InMemoryTenantData implements TenantData {
  readonly byTable = new Map<string, Map<string, Row[]>>();
  readonly deleted: string[] = [];

  tables(): Promise<string[]> {
    return Promise.resolve([...this.byTable.keys()]);
  }

  columns(table: string): Promise<string[]> {
    const rows = [...(this.byTable.get(table)?.values() ?? [])].flat();
    return Promise.resolve([...new Set(rows.flatMap((r) => Object.keys(r)))]);
  }

  async *rows(tenantId: string, table: string, pageSize: number): AsyncIterable<Row[]> {
    const rows = this.byTable.get(table)?.get(tenantId) ?? [];
    for (let at = 0; at < rows.length; at += pageSize) yield await Promise.resolve(rows.slice(at, at + pageSize));
  }

  deleteAll(tenantId: string): Promise<void> {
    for (const byTenant of this.byTable.values()) byTenant.delete(tenantId);
    this.deleted.push(tenantId);
    return Promise.resolve();
  }

  put(table: string, tenantId: string, rows: Row[]): void {
    const byTenant = this.byTable.get(table) ?? new Map<string, Row[]>();
    byTenant.set(tenantId, rows);
    this.byTable.set(table, byTenant);
  }
}

/** Object storage by key (`tenants/<id>/…`); a key in `unreadable` fails when opened, as a lost object would. */
export class InMemoryTenantFiles implements TenantFiles {
  readonly files = new Map<string, string>();
  readonly unreadable = new Set<string>();

  async *list(tenantId: string): AsyncIterable<string> {
    for (const key of [...this.files.keys()]) if (key.startsWith(`tenants/${tenantId}/`)) yield await Promise.resolve(key);
  }

  open(key: string): Promise<Readable> {
    if (this.unreadable.has(key) || !this.files.has(key)) return Promise.reject(new Error(`no object ${key}`));
    return Promise.resolve(Readable.from([this.files.get(key)!]));
  }

  deleteAll(tenantId: string): Promise<number> {
    const keys = [...this.files.keys()].filter((key) => key.startsWith(`tenants/${tenantId}/`));
    for (const key of keys) this.files.delete(key);
    return Promise.resolve(keys.length);
  }
}

/** An "archive" that lists its entries as JSON lines (`{"name":…,"content":…}`) once finished. */
export class JsonLinesArchiveWriter implements ArchiveWriter {
  create(): { stream: Readable; add(name: string, content: Readable | Buffer | string): Promise<void>; finish(): Promise<void> } {
    const stream = new PassThrough();
    return {
      stream,
      add: async (name, content) => {
        const text = typeof content === 'string' || Buffer.isBuffer(content) ? String(content) : await textOf(content);
        stream.write(`${JSON.stringify({ name, content: text })}\n`);
      },
      finish: () => {
        stream.end();
        return Promise.resolve();
      },
    };
  }
}
