import { Router } from 'express';
import type { RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toSetupDto } from './incident.dto.js';
import type { IncidentsHttpDeps } from './incident-http.js';

/** The tenant's incident setup: types, locations, teams and the rest of its lists. */
export function incidentSetupRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'getSetup' | 'updateSetup'>): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/incident-setup',
    endpoints.tenant({ permission: 'incidents.read' }, async (_req, actor) => ({
      status: 200,
      body: toSetupDto(await deps.getSetup.execute({ tenantId: actor.tenantId })),
    })),
  );
  router.put(
    '/v1/incident-setup',
    endpoints.tenant({ permission: 'incidents.setup' }, async (req, actor) => {
      const body = req.body as RequestBody<'updateIncidentSetup'>;
      const { situationPictureTemplates: pictures, ...rest } = body;
      const lists = {
        ...rest,
        locations: body.locations.map((l) => ({
          key: l.key,
          name: l.name,
          address: l.address ?? null,
          latitude: l.latitude ?? null,
          longitude: l.longitude ?? null,
        })),
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
      return { status: 200, body: toSetupDto(unwrap(await deps.updateSetup.execute({ actor, lists }))) };
    }),
  );
  return router;
}
