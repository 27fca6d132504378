import { Router } from 'express';
import type { PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toActionDto } from './incident.dto.js';
import { date, incidentIdOf, type IncidentsHttpDeps } from './incident-http.js';

/** An incident's action board. */
export function incidentActionsRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'actions' | 'createAction' | 'updateAction' | 'clock'>,
): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/incidents/:incidentId/actions',
    endpoints.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'listIncidentActions'>;
      const actions = unwrap(
        await deps.actions.execute({
          actor,
          incidentId: incidentIdOf(req),
          ...(q.filter ? { filter: q.filter } : {}),
          ...(q.status ? { status: q.status } : {}),
        }),
      );
      const now = deps.clock.now();
      return { status: 200, body: { items: actions.map((a) => toActionDto(a, now)) } };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/actions',
    endpoints.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'createIncidentAction'>;
      const { action, replayed } = unwrap(
        await deps.createAction.execute({
          actor,
          incidentId: incidentIdOf(req),
          title: body.title,
          description: body.description ?? null,
          dueAt: date(body.dueAt) ?? null,
          assignee: body.assignee ?? null,
          clientId: body.clientId ?? null,
          observedAt: date(body.observedAt) ?? null,
        }),
      );
      return { status: replayed ? 200 : 201, body: toActionDto(action, deps.clock.now()) };
    }),
  );
  router.patch(
    '/v1/incidents/:incidentId/actions/:actionId',
    endpoints.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const { incidentId, actionId } = req.params as PathOf<'updateIncidentAction'>;
      const body = req.body as RequestBody<'updateIncidentAction'>;
      const dueAt = date(body.dueAt);
      const action = unwrap(
        await deps.updateAction.execute({
          actor,
          incidentId,
          actionId,
          ...(body.status ? { status: body.status } : {}),
          ...(dueAt !== undefined ? { dueAt } : {}),
          ...(body.assignee ? { assignee: body.assignee } : {}),
        }),
      );
      return { status: 200, body: toActionDto(action, deps.clock.now()) };
    }),
  );
  return router;
}
