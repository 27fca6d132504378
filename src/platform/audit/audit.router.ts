import type { Router } from 'express';
import { pageOf, type ResponseBody } from '../http/contract.js';
import type { Endpoints } from '../http/endpoint.js';
import { ok, operationsRouter } from '../http/operations.js';
import type { AuditEvent } from './audit-event.js';
import type { AuditLog } from './audit-log.js';

type AuditEventDto = ResponseBody<'listAuditEvents', 200>['items'][number];

/** The audit trail of the caller's tenant, a page at a time. */
export function auditRouter(endpoints: Endpoints, audit: AuditLog): Router {
  return operationsRouter(endpoints, {
    listAuditEvents: (op) =>
      op.tenant({ permission: 'audit.read' }, async ({ query }, actor) => {
        const { page, pageSize } = pageOf(query);
        const { items, total } = await audit.list({
          tenantId: actor.tenantId,
          page,
          pageSize,
          ...(query.action ? { action: query.action } : {}),
          ...(query.actorId ? { actorId: query.actorId } : {}),
          ...(query.subjectId ? { subjectId: query.subjectId } : {}),
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
        });
        return ok({ items: items.map(toAuditEventDto), page, pageSize, total });
      }),
  });
}

function toAuditEventDto(event: AuditEvent): AuditEventDto {
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actorType: event.actorType,
    actorId: event.actorId,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    clientAddress: event.clientAddress,
    details: event.details,
  };
}
