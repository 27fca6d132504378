import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints, type TenantActor } from '../../../platform/http/endpoint.js';
import type { GetMe, ListSessions, RevokeMySession } from '../application/me.js';
import type { ConfirmSecondFactorEnrolment, StartSecondFactorEnrolment } from '../application/second-factor-enrolment.js';
import { toSessionDto } from './user.dto.js';

export interface MeHttpDeps {
  endpoints: Endpoints;
  getMe: GetMe;
  listSessions: ListSessions;
  revokeMySession: RevokeMySession;
  startEnrolment: StartSecondFactorEnrolment;
  confirmEnrolment: ConfirmSecondFactorEnrolment;
}

/** Only users have a "me"; an API key has none of these permissions. */
function self(actor: TenantActor): { tenantId: string; userId: string } {
  return { tenantId: actor.tenantId, userId: actor.userId! };
}

export function meRouter(deps: MeHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/me',
    endpoints.tenant({ permission: 'me.read' }, async (_req, actor) => {
      const me = unwrap(await deps.getMe.execute(self(actor)));
      const { user } = me;
      return {
        status: 200,
        body: {
          id: user.id,
          email: user.email,
          name: user.name,
          phone: user.phone,
          jobTitle: user.jobTitle,
          location: user.location,
          roles: user.roles,
          permissions: [...actor.permissions].sort(),
          groups: me.groups,
          secondFactor: { enabled: user.hasSecondFactor(), required: me.secondFactorRequired },
          tenant: me.tenant!,
        },
      };
    }),
  );
  router.get(
    '/v1/me/sessions',
    endpoints.tenant({ permission: 'me.write' }, async (_req, actor) => {
      const sessions = unwrap(await deps.listSessions.execute(self(actor)));
      return { status: 200, body: { items: sessions.map((s) => toSessionDto(s, actor.sessionId)) } };
    }),
  );
  router.delete(
    '/v1/me/sessions/:sessionId',
    endpoints.tenant({ permission: 'me.write' }, async (req, actor) => {
      const { sessionId } = req.params as PathOf<'revokeMySession'>;
      unwrap(await deps.revokeMySession.execute({ ...self(actor), sessionId, clientAddress: actor.clientAddress }));
      return { status: 204 };
    }),
  );
  router.post(
    '/v1/me/second-factor',
    endpoints.tenant({ permission: 'me.second_factor' }, async (_req, actor) => ({
      status: 200,
      body: unwrap(await deps.startEnrolment.execute(self(actor))),
    })),
  );
  router.post(
    '/v1/me/second-factor/confirm',
    endpoints.tenant({ permission: 'me.second_factor' }, async (req, actor) => {
      const { code } = req.body as RequestBody<'confirmSecondFactorEnrolment'>;
      return {
        status: 200,
        body: unwrap(await deps.confirmEnrolment.execute({ ...self(actor), code, clientAddress: actor.clientAddress, userAgent: actor.userAgent })),
      };
    }),
  );
  return router;
}
