import { Router } from 'express';
import type { PathOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { DeactivateUser } from '../application/deactivate-user.js';
import type { ReactivateUser } from '../application/reactivate-user.js';
import type { ResendInvitation } from '../application/resend-invitation.js';
import { toUserDto } from './user.dto.js';

export interface UserStatusHttpDeps {
  endpoints: Endpoints;
  deactivateUser: DeactivateUser;
  reactivateUser: ReactivateUser;
  resendInvitation: ResendInvitation;
}

/** A user's account status: deactivation, reactivation, and a fresh invitation. */
export function userStatusRouter(deps: UserStatusHttpDeps): Router {
  const router = Router();
  const write = { permission: 'users.write' } as const;
  for (const [path, useCase] of [
    ['deactivate', deps.deactivateUser],
    ['reactivate', deps.reactivateUser],
  ] as const) {
    router.post(
      `/v1/users/:userId/${path}`,
      deps.endpoints.tenant(write, async (req, actor) => {
        const { userId } = req.params as PathOf<'deactivateUser'>;
        const { user, groupIds } = unwrap(await useCase.execute({ actor, userId }));
        return { status: 200, body: toUserDto(user, groupIds) };
      }),
    );
  }
  router.post(
    '/v1/users/:userId/invitation',
    deps.endpoints.tenant(write, async (req, actor) => {
      const { userId } = req.params as PathOf<'resendInvitation'>;
      unwrap(await deps.resendInvitation.execute({ actor, userId }));
      return { status: 202 };
    }),
  );
  return router;
}
