import { Router } from 'express';
import type { PathOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { ListSessions } from '../application/me.js';
import type { ResetUserSecondFactor } from '../application/reset-user-second-factor.js';
import type { RevokeUserSessions } from '../application/revoke-user-sessions.js';
import { toSessionDto } from './user.dto.js';

export interface UserSessionsHttpDeps {
  endpoints: Endpoints;
  listSessions: ListSessions;
  revokeUserSessions: RevokeUserSessions;
  resetSecondFactor: ResetUserSecondFactor;
}

/** An admin's view of a user's devices and sign-in: their sessions and their second factor. */
export function userSessionsRouter(deps: UserSessionsHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const write = { permission: 'users.write' } as const;

  router.get(
    '/v1/users/:userId/sessions',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'listUserSessions'>;
      const sessions = unwrap(await deps.listSessions.execute({ actor, userId }));
      return { status: 200, body: { items: sessions.map((s) => toSessionDto(s, actor.sessionId)) } };
    }),
  );
  router.post(
    '/v1/users/:userId/sessions/revoke',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'revokeUserSessions'>;
      unwrap(await deps.revokeUserSessions.execute({ actor, userId }));
      return { status: 204 };
    }),
  );
  router.delete(
    '/v1/users/:userId/second-factor',
    endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'resetUserSecondFactor'>;
      unwrap(await deps.resetSecondFactor.execute({ actor, userId }));
      return { status: 204 };
    }),
  );
  return router;
}
