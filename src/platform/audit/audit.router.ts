import { Router } from 'express';
import type { QueryOf, ResponseBody } from '../http/contract.js';
import type { Endpoints } from '../http/endpoint.js';
import type { AuditLog } from './audit-log.js';

type AuditEventDto = ResponseBody<'listAuditEvents', 200>['items'][number];

export function auditRouter(endpoints: Endpoints, audit: AuditLog): Router {
  const router = Router();
  router.get(
    '/v1/audit-events',
    endpoints.tenant({ permission: 'audit.read' }, async (req, actor) => {
      const query = req.query as QueryOf<'listAuditEvents'>;
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
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
      const dtos: AuditEventDto[] = items.map((event) => ({
        id: event.id,
        occurredAt: event.occurredAt.toISOString(),
        action: event.action,
        actorType: event.actorType,
        actorId: event.actorId,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        clientAddress: event.clientAddress,
        details: event.details,
      }));
      return { status: 200, body: { items: dtos, page, pageSize, total } };
    }),
  );
  return router;
}
