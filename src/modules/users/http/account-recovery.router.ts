import type { Router } from 'express';
import { clientOf, unwrap } from '../../../platform/http/endpoint.js';
import { operationsRouter } from '../../../platform/http/operations.js';
import { noContentAfter } from '../../../platform/http/operations.js';
import type { UsersHttpDeps } from './users-http.js';

/** Getting into an account without a session: the invitation's activation, and a forgotten password. */
export function accountRecoveryRouter(deps: Pick<UsersHttpDeps, 'endpoints' | 'activateAccount' | 'requestPasswordReset' | 'confirmPasswordReset'>): Router {
  const open = { public: true } as const;
  return operationsRouter(deps.endpoints, {
    activateAccount: (op) => op.platform(open, ({ body }) => noContentAfter(deps.activateAccount.execute(body))),
    requestPasswordReset: (op) =>
      op.platform(open, async ({ body, req }) => {
        unwrap(await deps.requestPasswordReset.execute({ ...body, ...clientOf(req) }));
        return { status: 202 };
      }),
    confirmPasswordReset: (op) =>
      op.platform(open, ({ body, req }) => noContentAfter(deps.confirmPasswordReset.execute({ ...body, clientAddress: clientOf(req).clientAddress }))),
  });
}
