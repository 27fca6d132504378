import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { GetMe, ListSessions, RevokeMySession } from '../application/me.js';
import type { ConfirmSecondFactorEnrolment, DisableMySecondFactor, StartSecondFactorEnrolment } from '../application/second-factor-enrolment.js';
import { toMeDto, toSessionDto } from './user.dto.js';

export interface MeHttpDeps {
  endpoints: Endpoints;
  getMe: GetMe;
  listSessions: ListSessions;
  revokeMySession: RevokeMySession;
  startEnrolment: StartSecondFactorEnrolment;
  confirmEnrolment: ConfirmSecondFactorEnrolment;
  disableSecondFactor: DisableMySecondFactor;
}

export function meRouter(deps: MeHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/me',
    endpoints.person({ permission: 'me.read' }, async (_req, actor) => {
      const me = unwrap(await deps.getMe.execute({ actor }));
      return { status: 200, body: toMeDto(me, actor.permissions) };
    }),
  );
  router.get(
    '/v1/me/sessions',
    endpoints.person({ permission: 'me.write' }, async (_req, actor) => {
      const sessions = unwrap(await deps.listSessions.execute({ actor, userId: actor.userId }));
      return { status: 200, body: { items: sessions.map((s) => toSessionDto(s, actor.sessionId)) } };
    }),
  );
  router.delete(
    '/v1/me/sessions/:sessionId',
    endpoints.person({ permission: 'me.write' }, async (req, actor) => {
      const { sessionId } = req.params as PathOf<'revokeMySession'>;
      unwrap(await deps.revokeMySession.execute({ actor, sessionId }));
      return { status: 204 };
    }),
  );
  router.post(
    '/v1/me/second-factor',
    endpoints.person({ permission: 'me.second_factor' }, async (_req, actor) => ({
      status: 200,
      body: unwrap(await deps.startEnrolment.execute({ actor })),
    })),
  );
  router.post(
    '/v1/me/second-factor/confirm',
    endpoints.person({ permission: 'me.second_factor' }, async (req, actor) => {
      const { code } = req.body as RequestBody<'confirmSecondFactorEnrolment'>;
      return {
        status: 200,
        body: unwrap(await deps.confirmEnrolment.execute({ actor, code })),
      };
    }),
  );
  router.post(
    '/v1/me/second-factor/disable',
    endpoints.person({ permission: 'me.second_factor' }, async (req, actor) => {
      const { code } = req.body as RequestBody<'disableMySecondFactor'>;
      unwrap(await deps.disableSecondFactor.execute({ actor, code }));
      return { status: 204 };
    }),
  );
  return router;
}
