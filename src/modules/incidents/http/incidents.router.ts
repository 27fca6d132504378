import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toDetailDto, toIncidentDto } from './incident.dto.js';
import { linksOf, locationOf, onIncident, type IncidentsHttpDeps } from './incident-http.js';

/** Incidents themselves: activation, the list, one incident, and its status. */
export function incidentsRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'activate' | 'previewReach' | 'list' | 'get' | 'close' | 'reopen' | 'archive'>,
): Router {
  return operationsRouter(deps.endpoints, {
    listIncidents: (op) =>
      op.tenant({ permission: 'incidents.read' }, async ({ query }, actor) => {
        const items = await deps.list.execute({ actor, ...(query.status ? { status: query.status } : {}) });
        return ok({ items: items.map(toIncidentDto) });
      }),
    activateIncident: (op) =>
      op.tenant({ permission: 'incidents.participate' }, async ({ body }, actor) => {
        const details = {
          title: body.title,
          typeKey: body.type,
          severity: body.severity,
          description: body.description ?? null,
          location: locationOf(body.location),
          exercise: body.exercise ?? false,
        };
        const detail = unwrap(await deps.activate.execute({ actor, details, links: linksOf(body) }));
        return created({ ...toDetailDto(detail), notified: detail.notified }, `/v1/incidents/${detail.incident.id}`);
      }),
    previewIncidentReach: (op) =>
      op.tenant({ permission: 'incidents.participate' }, async ({ body }, actor) => ok(unwrap(await deps.previewReach.execute({ actor, links: linksOf(body) })))),
    getIncident: (op) => op.tenant({ permission: 'incidents.read' }, onIncident(deps.get, toDetailDto)),
    closeIncident: (op) => op.tenant({ permission: 'incidents.coordinate' }, onIncident(deps.close, toIncidentDto)),
    reopenIncident: (op) => op.tenant({ permission: 'incidents.admin' }, onIncident(deps.reopen, toIncidentDto)),
    archiveIncident: (op) => op.tenant({ permission: 'incidents.admin' }, onIncident(deps.archive, toIncidentDto)),
  });
}
