import type { Router } from 'express';
import type { RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import type { SetupLists } from '../domain/setup.js';
import { toSetupDto } from './incident.dto.js';
import type { IncidentsHttpDeps } from './incident-http.js';

/** The tenant's incident setup: types, locations, teams and the rest of its lists. */
export function incidentSetupRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'getSetup' | 'updateSetup'>): Router {
  return operationsRouter(deps.endpoints, {
    getIncidentSetup: (op) => op.tenant({ permission: 'incidents.read' }, async (_input, actor) => ok(toSetupDto(await deps.getSetup.execute({ tenantId: actor.tenantId })))),
    updateIncidentSetup: (op) =>
      op.tenant({ permission: 'incidents.setup' }, async ({ body }, actor) => ok(toSetupDto(unwrap(await deps.updateSetup.execute({ actor, lists: setupListsOf(body) }))))),
  });
}

/** The lists as sent, with what the contract leaves out set to null. */
function setupListsOf(body: RequestBody<'updateIncidentSetup'>): SetupLists {
  const { situationPictureTemplates: pictures, ...rest } = body;
  return {
    ...rest,
    locations: body.locations.map((l) => ({ key: l.key, name: l.name, address: l.address ?? null, latitude: l.latitude ?? null, longitude: l.longitude ?? null })),
    ...(pictures
      ? {
          situationPictureTemplates: pictures.map((t) => ({
            key: t.key,
            name: t.name,
            sections: t.sections.map((x) => ({ key: x.key, title: x.title, guidance: x.guidance ?? null })),
          })),
        }
      : {}),
  };
}
