import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toMemberDto } from './incident.dto.js';
import { incidentIdOf, type IncidentsHttpDeps } from './incident-http.js';

/** Who takes part in an incident: linked teams and people, and their roles. */
export function incidentTeamRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'link' | 'removeTeam' | 'removeMember' | 'changeRole'>,
): Router {
  const router = Router();
  const { endpoints } = deps;
  router.post(
    '/v1/incidents/:incidentId/participants',
    endpoints.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const body = req.body as RequestBody<'linkIncidentParticipants'>;
      const linked = unwrap(
        await deps.link.execute({ actor, incidentId: incidentIdOf(req), links: { teams: body.teams ?? [], users: body.users ?? [] } }),
      );
      return { status: 200, body: linked };
    }),
  );
  router.delete(
    '/v1/incidents/:incidentId/teams/:groupId',
    endpoints.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, groupId } = req.params as PathOf<'removeIncidentTeam'>;
      unwrap(await deps.removeTeam.execute({ actor, incidentId, groupId }));
      return { status: 204 };
    }),
  );
  router.put(
    '/v1/incidents/:incidentId/members/:userId',
    endpoints.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, userId } = req.params as PathOf<'changeIncidentMemberRole'>;
      const { role } = req.body as RequestBody<'changeIncidentMemberRole'>;
      return { status: 200, body: toMemberDto(unwrap(await deps.changeRole.execute({ actor, incidentId, userId, role }))) };
    }),
  );
  router.delete(
    '/v1/incidents/:incidentId/members/:userId',
    endpoints.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, userId } = req.params as PathOf<'removeIncidentMember'>;
      unwrap(await deps.removeMember.execute({ actor, incidentId, userId }));
      return { status: 204 };
    }),
  );
  return router;
}
