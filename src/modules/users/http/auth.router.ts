import { Router, type Request } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Passport } from '../../../platform/http/authentication.js';
import { runStrategy } from '../../../platform/http/authentication.js';
import type { RequestBody } from '../../../platform/http/contract.js';
import { clientOf, unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { ActivateAccount } from '../application/activate-account.js';
import type { CompleteSecondFactor } from '../application/complete-second-factor.js';
import type { ConfirmPasswordReset } from '../application/confirm-password-reset.js';
import type { RefreshSession } from '../application/refresh-session.js';
import type { RequestPasswordReset } from '../application/request-password-reset.js';
import type { SignInOperator } from '../application/sign-in-operator.js';
import type { SignInOutcome, SignInUser } from '../application/sign-in-user.js';
import type { SignOut } from '../application/sign-out.js';
import type { Device } from '../domain/session.js';

export interface AuthHttpDeps {
  endpoints: Endpoints;
  passport: Passport;
  signInUser: SignInUser;
  signInOperator: SignInOperator;
  activateAccount: ActivateAccount;
  completeSecondFactor: CompleteSecondFactor;
  refreshSession: RefreshSession;
  signOut: SignOut;
  requestPasswordReset: RequestPasswordReset;
  confirmPasswordReset: ConfirmPasswordReset;
}

function deviceOf(req: Request): Device {
  const device = (req.body as RequestBody<'signIn'>).device;
  return { name: device?.name ?? null, platform: device?.platform ?? null, appVersion: device?.appVersion ?? null };
}

/** Sign-in through passport's local strategy; the strategies only hand over to the use cases. */
export function authRouter(deps: AuthHttpDeps): Router {
  deps.passport.use(
    'user-local',
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false }, (req, email, password, done) => {
      const { tenant } = req.body as RequestBody<'signIn'>;
      deps.signInUser.execute({ tenant, email, password, device: deviceOf(req), ...clientOf(req) }).then(
        (result) => (result.ok ? done(null, result.value) : done(result.error)),
        (error: unknown) => done(error),
      );
    }),
  );
  deps.passport.use(
    'operator-local',
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false }, (req, email, password, done) => {
      deps.signInOperator.execute({ email, password, ...clientOf(req) }).then(
        (result) => (result.ok ? done(null, result.value) : done(result.error)),
        (error: unknown) => done(error),
      );
    }),
  );

  const router = Router();
  const open = { public: true } as const;
  router.post(
    '/v1/auth/login',
    deps.endpoints.platform(open, async (req) => ({ status: 200, body: await runStrategy<SignInOutcome>(deps.passport, 'user-local', req) })),
  );
  router.post(
    '/v1/platform/auth/login',
    deps.endpoints.platform(open, async (req) => {
      const issued = await runStrategy<{ accessToken: string; expiresIn: number }>(deps.passport, 'operator-local', req);
      return { status: 200, body: { accessToken: issued.accessToken, tokenType: 'Bearer', expiresIn: issued.expiresIn } };
    }),
  );
  router.post(
    '/v1/auth/second-factor',
    deps.endpoints.platform(open, async (req) => {
      const body = req.body as RequestBody<'completeSecondFactor'>;
      return { status: 200, body: unwrap(await deps.completeSecondFactor.execute({ ...body, ...clientOf(req) })) };
    }),
  );
  router.post(
    '/v1/auth/refresh',
    deps.endpoints.platform(open, async (req) => {
      const { refreshToken } = req.body as RequestBody<'refreshSession'>;
      return { status: 200, body: unwrap(await deps.refreshSession.execute({ refreshToken, appVersion: req.get('x-app-version') ?? null, ...clientOf(req) })) };
    }),
  );
  router.post(
    '/v1/auth/logout',
    deps.endpoints.tenant({ permission: 'me.read' }, async (_req, actor) => {
      if (actor.userId && actor.sessionId) {
        await deps.signOut.execute({ tenantId: actor.tenantId, userId: actor.userId, sessionId: actor.sessionId, clientAddress: actor.clientAddress });
      }
      return { status: 204 };
    }),
  );
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
