import { Router, type Request } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Passport } from '../../../platform/http/authentication.js';
import { runStrategy } from '../../../platform/http/authentication.js';
import type { RequestBody } from '../../../platform/http/contract.js';
import { clientOf, unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { CompleteSecondFactor } from '../application/complete-second-factor.js';
import type { RefreshSession } from '../application/refresh-session.js';
import type { SignInOperator } from '../application/sign-in-operator.js';
import type { SignInOutcome, SignInUser } from '../application/sign-in-user.js';
import type { SignOut } from '../application/sign-out.js';
import type { Device } from '../domain/session.js';
import { accountRecoveryRouter, type AccountRecoveryHttpDeps } from './account-recovery.router.js';
import { cookieMode, cookieOptions, deliver, REFRESH_COOKIE, refreshTokenOf } from './refresh-cookie.js';

export interface AuthHttpDeps extends AccountRecoveryHttpDeps {
  endpoints: Endpoints;
  passport: Passport;
  signInUser: SignInUser;
  signInOperator: SignInOperator;
  completeSecondFactor: CompleteSecondFactor;
  refreshSession: RefreshSession;
  signOut: SignOut;
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
    deps.endpoints.platform(open, async (req) => ({ status: 200, body: deliver(req, await runStrategy<SignInOutcome>(deps.passport, 'user-local', req)) })),
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
      return { status: 200, body: deliver(req, unwrap(await deps.completeSecondFactor.execute({ ...body, ...clientOf(req) }))) };
    }),
  );
  router.post(
    '/v1/auth/refresh',
    deps.endpoints.platform(open, async (req) => {
      const refreshToken = refreshTokenOf(req);
      const result = await deps.refreshSession.execute({ refreshToken, appVersion: req.get('x-app-version') ?? null, ...clientOf(req) });
      if (!result.ok && cookieMode(req)) req.res!.clearCookie(REFRESH_COOKIE, cookieOptions(req));
      return { status: 200, body: deliver(req, unwrap(result)) };
    }),
  );
  router.post(
    '/v1/auth/logout',
    deps.endpoints.person({ permission: 'me.read' }, async (req, actor) => {
      if (cookieMode(req)) req.res!.clearCookie(REFRESH_COOKIE, cookieOptions(req));
      await deps.signOut.execute({ actor });
      return { status: 204 };
    }),
  );
  router.use(accountRecoveryRouter(deps));
  return router;
}
