import type { FilterQuery } from '@mikro-orm/core';
import type { UnitOfWork } from '../database/unit-of-work.js';
import type { Clock } from '../domain/clock.js';
import { AuditEvent, type AuditEntry } from './audit-event.js';
import type { AuditLog, AuditQuery } from './audit-log.js';

export class MikroOrmAuditLog implements AuditLog {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  record(entry: AuditEntry): void {
    this.uow.em().persist(AuditEvent.of(entry, this.clock.now()));
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
    if (query.action) where.action = query.action.endsWith('.') ? { $like: `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } : query.action;
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
