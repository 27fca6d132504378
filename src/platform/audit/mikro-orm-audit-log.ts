import type { FilterQuery } from '@mikro-orm/core';
import { escapeLike } from '../database/orm-repository.js';
import type { UnitOfWork } from '../database/unit-of-work.js';
import type { Clock } from '../domain/clock.js';
import { AuditEvent, type AuditEntry } from './audit-event.js';
import type { AuditLog, AuditQuery } from './audit-log.js';

/** Rows per insert statement: 11 values each, well within PostgreSQL's 65,535 parameters. */
const INSERT_ROWS = 1000;

export class MikroOrmAuditLog implements AuditLog {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  record(entry: AuditEntry): void {
    this.uow.em().persist(AuditEvent.of(entry, this.clock.now()));
  }

  recordAll(entries: AuditEntry[]): void {
    if (entries.length === 0) return;
    const now = this.clock.now().toISOString();
    this.uow.beforeCommit(async () => {
      // Raw SQL: no entity per entry for the ORM to build, track and diff at commit. The entries are
      // the tenant's own; row-level security checks each row's tenant_id against the transaction's.
      for (let from = 0; from < entries.length; from += INSERT_ROWS) {
        const chunk = entries.slice(from, from + INSERT_ROWS).map((entry) => AuditEvent.of(entry, this.clock.now()));
        await this.uow.rows(
          `insert into audit_events (id, tenant_id, occurred_at, action, actor_type, actor_id, subject_type, subject_id, client_address, user_agent, details) values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((e) => [e.id, e.tenantId, now, e.action, e.actorType, e.actorId, e.subjectType, e.subjectId, e.clientAddress, e.userAgent, JSON.stringify(e.details)]),
        );
      }
    });
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
