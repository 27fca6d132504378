import { Router } from 'express';
import type { RequestBody } from '../../../platform/http/contract.js';
import { clientOf, unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { ActivateAccount } from '../application/activate-account.js';
import type { ConfirmPasswordReset } from '../application/confirm-password-reset.js';
import type { RequestPasswordReset } from '../application/request-password-reset.js';

export interface AccountRecoveryHttpDeps {
  endpoints: Endpoints;
  activateAccount: ActivateAccount;
  requestPasswordReset: RequestPasswordReset;
  confirmPasswordReset: ConfirmPasswordReset;
}

/** Getting into an account without a session: the invitation's activation, and a forgotten password. */
export function accountRecoveryRouter(deps: AccountRecoveryHttpDeps): Router {
  const router = Router();
  const open = { public: true } as const;
  router.post(
    '/v1/auth/activate',
    deps.endpoints.platform(open, async (req) => {
      unwrap(await deps.activateAccount.execute(req.body as RequestBody<'activateAccount'>));
      return { status: 204 };
    }),
  );
  router.post(
    '/v1/auth/password-reset',
    deps.endpoints.platform(open, async (req) => {
      unwrap(await deps.requestPasswordReset.execute({ ...(req.body as RequestBody<'requestPasswordReset'>), ...clientOf(req) }));
      return { status: 202 };
    }),
  );
  router.post(
    '/v1/auth/password-reset/confirm',
    deps.endpoints.platform(open, async (req) => {
      const body = req.body as RequestBody<'confirmPasswordReset'>;
      unwrap(await deps.confirmPasswordReset.execute({ ...body, clientAddress: clientOf(req).clientAddress }));
      return { status: 204 };
    }),
  );
  return router;
}
