import { Readable } from 'node:stream';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { PeopleSource, Row, Sheet } from '../ports.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { audited, CONTENT_TYPES, type FileReply, type PrivacyDeps } from './deps.js';

/** Rows fetched per database round trip; each page in a transaction of its own, so nothing is held open while a client reads slowly. */
export const EXPORT_PAGE_SIZE = 1000;

async function* pagesOf(d: Pick<PrivacyDeps, 'transactions'>, source: PeopleSource, tenantId: string): AsyncIterable<Row[]> {
  let after: string | null = null;
  for (;;) {
    const page = await d.transactions.run(tenantId, () => source.page(tenantId, after, EXPORT_PAGE_SIZE));
    if (page.length === 0) return;
    yield page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    after = page[page.length - 1]!.id;
  }
}

function stamp(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * All users or all contacts of the tenant as a spreadsheet or CSV, streamed: pages of rows are
 * read by id and written as the client takes them, so memory stays flat whatever the tenant's
 * size. The export itself is audited (one entry, with what and how many is not known upfront).
 */
export class ExportPeople {
  constructor(private readonly d: Pick<PrivacyDeps, 'users' | 'contacts' | 'writer' | 'transactions' | 'audit' | 'clock'>) {}

  execute(command: { actor: Actor; dataset: 'users' | 'contacts'; format: 'csv' | 'xlsx' }): FileReply {
    const source = command.dataset === 'users' ? this.d.users : this.d.contacts;
    audited(this.d, command.actor, `privacy.export.${command.dataset}`, null, { format: command.format });
    const sheet: Sheet = { name: command.dataset, columns: source.columns, rows: pagesOf(this.d, source, command.actor.tenantId) };
    return {
      stream: command.format === 'csv' ? this.d.writer.csv(sheet) : this.d.writer.xlsx([sheet]),
      contentType: CONTENT_TYPES[command.format],
      fileName: `${command.dataset}-${stamp(this.d.clock.now())}.${command.format}`,
    };
  }
}

/**
 * Everything the platform holds about one person (right of access and portability): each
 * module's part through its PersonalDataHolder, plus the audit trail about them. Asked by an
 * admin, or by the member for themself; audited either way.
 */
export class ExportSubject {
  constructor(private readonly d: Pick<PrivacyDeps, 'users' | 'holders' | 'writer' | 'audit' | 'clock'>) {}

  async execute(command: { actor: Actor; userId: string; format: 'json' | 'xlsx' }): Promise<Result<FileReply, NotFound>> {
    const { tenantId } = command.actor;
    if ((await this.d.users.nameOf(tenantId, command.userId)) === null) return fail(new NotFound('User'));
    const subject = { tenantId, userId: command.userId };
    const parts: Record<string, Record<string, unknown>[]> = {};
    for (const holder of this.d.holders()) parts[holder.category] = [...(parts[holder.category] ?? []), ...(await holder.exportSubject(subject))];
    parts.audit = await this.auditAbout(tenantId, command.userId);
    const self = command.actor.userId === command.userId;
    audited(this.d, command.actor, self ? 'privacy.export.own_data' : 'privacy.export.subject', { type: 'user', id: command.userId }, { format: command.format, categories: Object.keys(parts) });
    const fileName = `personal-data-${command.userId}-${stamp(this.d.clock.now())}.${command.format}`;
    if (command.format === 'json') {
      const body = JSON.stringify({ subject: { type: 'user', id: command.userId }, exportedAt: this.d.clock.now().toISOString(), data: parts }, null, 2);
      return ok({ stream: Readable.from([body]), contentType: CONTENT_TYPES.json, fileName });
    }
    const sheets: Sheet[] = Object.entries(parts).map(([name, rows]) => {
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      return { name, columns: columns.length ? columns : ['none'], rows: [rows.map(toRow)] };
    });
    return ok({ stream: this.d.writer.xlsx(sheets), contentType: CONTENT_TYPES.xlsx, fileName });
  }

  private async auditAbout(tenantId: string, userId: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const filter of [{ subjectId: userId }, { actorId: userId }]) {
      const { items } = await this.d.audit.list({ tenantId, page: 1, pageSize: 5000, ...filter });
      for (const e of items) rows.push({ occurredAt: e.occurredAt, action: e.action, actorType: e.actorType, actorId: e.actorId, subjectType: e.subjectType, subjectId: e.subjectId, clientAddress: e.clientAddress, details: JSON.stringify(e.details) });
    }
    return rows;
  }
}

function toRow(row: Record<string, unknown>): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value === null || value === undefined ? null : value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value) ? (value as string) : JSON.stringify(value)]),
  );
}

/** The audit trail, filtered like the list (subject, actor, action, period), as CSV or xlsx; the export is audited too. */
export class ExportAuditTrail {
  constructor(private readonly d: Pick<PrivacyDeps, 'audit' | 'writer' | 'transactions' | 'clock'>) {}

  execute(command: { actor: Actor; format: 'csv' | 'xlsx'; filter: { action?: string; actorId?: string; subjectId?: string; from?: Date; to?: Date } }): FileReply {
    audited(this.d, command.actor, 'privacy.export.audit', null, { format: command.format, filter: { ...command.filter } });
    const { tenantId } = command.actor;
    const d = this.d;
    async function* pages(): AsyncIterable<Row[]> {
      for (let page = 1; ; page += 1) {
        const { items } = await d.transactions.run(tenantId, () => d.audit.list({ tenantId, page, pageSize: EXPORT_PAGE_SIZE, ...command.filter }));
        if (items.length === 0) return;
        yield items.map((e) => ({ id: e.id, occurredAt: e.occurredAt, action: e.action, actorType: e.actorType, actorId: e.actorId, subjectType: e.subjectType, subjectId: e.subjectId, clientAddress: e.clientAddress, userAgent: e.userAgent, details: JSON.stringify(e.details) }));
        if (items.length < EXPORT_PAGE_SIZE) return;
      }
    }
    const sheet: Sheet = { name: 'audit', columns: ['id', 'occurredAt', 'action', 'actorType', 'actorId', 'subjectType', 'subjectId', 'clientAddress', 'userAgent', 'details'], rows: pages() };
    return { stream: command.format === 'csv' ? this.d.writer.csv(sheet) : this.d.writer.xlsx([sheet]), contentType: CONTENT_TYPES[command.format], fileName: `audit-${stamp(this.d.clock.now())}.${command.format}` };
  }
}
