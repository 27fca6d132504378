import { Router } from 'express';
import type { QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toDetailDto, toIncidentDto } from './incident.dto.js';
import { incidentIdOf, type IncidentsHttpDeps } from './incident-http.js';

/** Incidents themselves: activation, the list, one incident, and its status. */
export function incidentsRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'activate' | 'previewReach' | 'list' | 'get' | 'close' | 'reopen' | 'archive'>,
): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/incidents',
    endpoints.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const { status } = req.query as QueryOf<'listIncidents'>;
      const items = await deps.list.execute({ actor, ...(status ? { status } : {}) });
      return { status: 200, body: { items: items.map(toIncidentDto) } };
    }),
  );
  router.post(
    '/v1/incidents',
    endpoints.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'activateIncident'>;
      const location = body.location
        ? {
            standardKey: body.location.standardKey ?? null,
            name: null,
            address: body.location.address ?? null,
            latitude: body.location.latitude ?? null,
            longitude: body.location.longitude ?? null,
          }
        : null;
      const detail = unwrap(
        await deps.activate.execute({
          actor,
          details: {
            title: body.title,
            typeKey: body.type,
            severity: body.severity,
            description: body.description ?? null,
            location,
            exercise: body.exercise ?? false,
          },
          links: { teams: body.teams ?? [], users: body.users ?? [] },
        }),
      );
      return {
        status: 201,
        body: { ...toDetailDto(detail), notified: detail.notified },
        headers: { location: `/v1/incidents/${detail.incident.id}` },
      };
    }),
  );
  router.post(
    '/v1/incidents/reach',
    endpoints.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'previewIncidentReach'>;
      const reach = unwrap(await deps.previewReach.execute({ actor, links: { teams: body.teams ?? [], users: body.users ?? [] } }));
      return { status: 200, body: reach };
    }),
  );
  router.get(
    '/v1/incidents/:incidentId',
    endpoints.tenant({ permission: 'incidents.read' }, async (req, actor) => ({
      status: 200,
      body: toDetailDto(unwrap(await deps.get.execute({ actor, incidentId: incidentIdOf(req) }))),
    })),
  );
  for (const [path, permission, useCase] of [
    ['close', 'incidents.coordinate', deps.close],
    ['reopen', 'incidents.admin', deps.reopen],
    ['archive', 'incidents.admin', deps.archive],
  ] as const) {
    router.post(
      `/v1/incidents/:incidentId/${path}`,
      endpoints.tenant({ permission }, async (req, actor) => ({
        status: 200,
        body: toIncidentDto(unwrap(await useCase.execute({ actor, incidentId: incidentIdOf(req) }))),
      })),
    );
  }
  return router;
}
