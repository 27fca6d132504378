import { Readable } from 'node:stream';
import type { Breach } from '../../../src/modules/privacy/domain/breach.js';
import type { ErasureRecord } from '../../../src/modules/privacy/domain/erasure.js';
import type { RetentionFlag } from '../../../src/modules/privacy/domain/privacy-settings.js';
import type { ProcessingActivity } from '../../../src/modules/privacy/domain/processing-activity.js';
import type {
  BreachRepository,
  ContactDirectory,
  ErasureLedger,
  ErasureLedgerCopy,
  PersonRow,
  ProcessingRegister,
  RetentionFlags,
  Row,
  Sheet,
  TableWriter,
  TenantRegistry,
  TenantTransactions,
  UserAccounts,
} from '../../../src/modules/privacy/ports.js';
import type { DataSubject, PersonalDataHolder } from '../../../src/platform/privacy/personal-data.js';

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

  page(tenantId: string, afterId: string | null, limit: number): Promise<PersonRow[]> {
    void tenantId;
    return Promise.resolve([...this.people].filter(([id]) => afterId === null || id > afterId).sort(([a], [b]) => a.localeCompare(b)).slice(0, limit).map(([id, p]) => ({ id, name: p.name })));
  }

  pastRetention(): Promise<Array<{ id: string; retentionUntil: string }>> {
    return Promise.resolve([]);
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

  deactivatedBefore(): Promise<string[]> {
    return Promise.resolve([]);
  }
}

export class InMemoryContactDirectory implements ContactDirectory {
  readonly columns = ['id', 'name'];
  readonly contacts = new Map<string, string>();

  page(tenantId: string, afterId: string | null, limit: number): Promise<PersonRow[]> {
    void tenantId;
    return Promise.resolve([...this.contacts].filter(([id]) => afterId === null || id > afterId).slice(0, limit).map(([id, name]) => ({ id, name })));
  }

  pastRetention(): Promise<Array<{ id: string; retentionUntil: string }>> {
    return Promise.resolve([]);
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
