import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { toActionDto } from './incident.dto.js';
import { date, deviceStamp, posted, type IncidentsHttpDeps } from './incident-http.js';

/** An incident's action board. */
export function incidentActionsRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'actions' | 'createAction' | 'updateAction' | 'clock'>,
): Router {
  const dto = (action: Parameters<typeof toActionDto>[0]) => toActionDto(action, deps.clock.now());
  return operationsRouter(deps.endpoints, {
    listIncidentActions: (op) =>
      op.tenant({ permission: 'incidents.read' }, async ({ path, query }, actor) => {
        const actions = unwrap(await deps.actions.execute({ actor, incidentId: path.incidentId, ...(query.filter ? { filter: query.filter } : {}), ...(query.status ? { status: query.status } : {}) }));
        return ok({ items: actions.map(dto) });
      }),
    createIncidentAction: (op) =>
      op.tenant({ permission: 'incidents.participate' }, async ({ path, body }, actor) => {
        const fields = { title: body.title, description: body.description ?? null, dueAt: date(body.dueAt) ?? null, assignee: body.assignee ?? null };
        return posted(await deps.createAction.execute({ actor, incidentId: path.incidentId, ...fields, ...deviceStamp(body) }), ({ action }) => dto(action));
      }),
    updateIncidentAction: (op) =>
      op.tenant({ permission: 'incidents.participate' }, async ({ path, body }, actor) => {
        const dueAt = date(body.dueAt);
        const changes = { ...(body.status ? { status: body.status } : {}), ...(dueAt !== undefined ? { dueAt } : {}), ...(body.assignee ? { assignee: body.assignee } : {}) };
        return ok(dto(unwrap(await deps.updateAction.execute({ actor, ...path, ...changes }))));
      }),
  });
}
