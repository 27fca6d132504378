import type { Router } from 'express';
import { unwrap, type TenantAccess } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { toMemberDto } from './incident.dto.js';
import { noContentAfter } from '../../../platform/http/operations.js';
import { linksOf, type IncidentsHttpDeps } from './incident-http.js';

/** Who takes part in an incident: linked teams and people, and their roles. */
export function incidentTeamRouter(
  deps: Pick<IncidentsHttpDeps, 'endpoints' | 'link' | 'removeTeam' | 'removeMember' | 'changeRole'>,
): Router {
  const coordinate: TenantAccess = { permission: 'incidents.coordinate' };
  return operationsRouter(deps.endpoints, {
    linkIncidentParticipants: (op) =>
      op.tenant(coordinate, async ({ path, body }, actor) => ok(unwrap(await deps.link.execute({ actor, ...path, links: linksOf(body) })))),
    removeIncidentTeam: (op) => op.tenant(coordinate, ({ path }, actor) => noContentAfter(deps.removeTeam.execute({ actor, ...path }))),
    changeIncidentMemberRole: (op) =>
      op.tenant(coordinate, async ({ path, body }, actor) => ok(toMemberDto(unwrap(await deps.changeRole.execute({ actor, ...path, role: body.role }))))),
    removeIncidentMember: (op) => op.tenant(coordinate, ({ path }, actor) => noContentAfter(deps.removeMember.execute({ actor, ...path }))),
  });
}
