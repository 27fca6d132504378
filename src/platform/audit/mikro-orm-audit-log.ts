import type { FilterQuery } from '@mikro-orm/core';
import { escapeLike } from '../database/orm-repository.js';
import type { UnitOfWork } from '../database/unit-of-work.js';
import type { Clock } from '../domain/clock.js';
import { AuditEvent, type AuditEntry } from './audit-event.js';
import type { AuditLog, AuditQuery } from './audit-log.js';

/** Rows per insert statement: one JSON document each, kept to a size PostgreSQL parses in a moment. */
const INSERT_ROWS = 1000;

/** What the entries of one insert share: all but their subject (a page's entries differ only in the person shown). */
type Shared = Pick<AuditEvent, 'tenantId' | 'action' | 'actorType' | 'actorId' | 'clientAddress' | 'userAgent' | 'details'>;

type Group = { shared: Shared; subjects: Array<{ t: string | null; s: string | null }> };

/** Whether two entries share all but their subject; details compared by value (each entry has its own object). */
function sameShared(a: Shared, b: Shared): boolean {
  if (a.tenantId !== b.tenantId || a.action !== b.action || a.actorType !== b.actorType || a.actorId !== b.actorId || a.clientAddress !== b.clientAddress || a.userAgent !== b.userAgent) return false;
  const keys = Object.keys(a.details);
  return keys.length === Object.keys(b.details).length && keys.every((key) => a.details[key] === b.details[key] && typeof a.details[key] !== 'object');
}

/** The entries in groups that share everything but their subject, in the order first seen. */
function bySharedPart(events: AuditEvent[]): Group[] {
  const groups = new Map<string, Group>();
  let last: Group | undefined;
  for (const event of events) {
    // Entries of one response mostly share everything but their subject with the entry before:
    // only another kind of entry costs a key.
    if (!last || !sameShared(last.shared, event)) {
      const { tenantId, action, actorType, actorId, clientAddress, userAgent, details } = event;
      const key = JSON.stringify([tenantId, action, actorType, actorId, clientAddress, userAgent, details]);
      last = groups.get(key);
      if (!last) groups.set(key, (last = { shared: event, subjects: [] }));
    }
    last.subjects.push({ t: event.subjectType, s: event.subjectId });
  }
  return [...groups.values()];
}

export class MikroOrmAuditLog implements AuditLog {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  record(entry: AuditEntry): void {
    this.uow.em().persist(AuditEvent.of(entry, this.clock.now()));
  }

  recordAll(entries: AuditEntry[]): void {
    if (entries.length === 0) return;
    const now = this.clock.now();
    // Raw SQL: no entity per entry for the ORM to build, track and diff at commit. The entries are
    // the tenant's own; row-level security checks each row's tenant_id against the transaction's.
    // What the entries share goes once per statement, each entry's subject in one JSON document,
    // and PostgreSQL makes the ids: sent whole, each entry was 330 bytes of JSON, and quoting and
    // sending 250 of them (a content sync's contact lists) took this process 4.4 ms of CPU (1.7 ms so).
    // Written with the commit: in a request of raw statements, in the commit's own round trip.
    for (const { shared, subjects } of bySharedPart(entries.map((entry) => AuditEvent.of(entry, now)))) {
      for (let from = 0; from < subjects.length; from += INSERT_ROWS) {
        this.uow.writeWithCommit(
          `insert into audit_events (id, tenant_id, occurred_at, action, actor_type, actor_id, subject_type, subject_id, client_address, user_agent, details)
           select gen_random_uuid(), ?, ?::timestamptz, ?, ?, ?, r.t, r.s, ?, ?, ?::jsonb from jsonb_to_recordset(?::jsonb) as r(t text, s text)`,
          [
            shared.tenantId,
            now.toISOString(),
            shared.action,
            shared.actorType,
            shared.actorId,
            shared.clientAddress,
            shared.userAgent,
            JSON.stringify(shared.details),
            JSON.stringify(subjects.slice(from, from + INSERT_ROWS)),
          ],
        );
      }
    }
  }

  recordDetached(entry: AuditEntry): Promise<void> {
    const event = AuditEvent.of(entry, this.clock.now());
    this.uow.afterwards(entry.tenantId, () => {
      this.uow.em().persist(event);
      return Promise.resolve();
    });
    return Promise.resolve();
  }

  async list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    const where: FilterQuery<AuditEvent> = { tenantId: query.tenantId };
    if (query.action) where.action = query.action.endsWith('.') ? { $like: `${escapeLike(query.action)}%` } : query.action;
    if (query.actorId) where.actorId = query.actorId;
    if (query.subjectId) where.subjectId = query.subjectId;
    if (query.from || query.to) where.occurredAt = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
    const em = this.uow.em();
    const items = await em.find(AuditEvent, where, {
      orderBy: { occurredAt: 'desc', id: 'desc' },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const total = await em.count(AuditEvent, where);
    return { items, total };
  }
}
