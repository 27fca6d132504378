import { parse as parseCookies } from 'cookie';
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
import { DomainError } from '../../../platform/domain/errors.js';

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

class CrossSiteRefresh extends DomainError {
  readonly code = 'AUTH.CROSS_SITE_REFRESH';
  readonly kind = 'forbidden' as const;
  constructor() {
    super('Refresh refused', 'The refresh cookie is only accepted from the console itself.');
  }
}

class NoRefreshToken extends DomainError {
  readonly code = 'AUTH.NO_REFRESH_TOKEN';
  readonly kind: 'invalid' | 'unauthenticated';
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(cookie: boolean) {
    super(cookie ? 'Not signed in' : 'Refresh token missing', cookie ? 'There is no session cookie: sign in again.' : 'refreshToken is required.');
    this.kind = cookie ? 'unauthenticated' : 'invalid';
    this.fields = cookie ? [] : [{ pointer: '/refreshToken', detail: 'is required' }];
  }
}

const REFRESH_COOKIE = 'crisis_refresh';
const REFRESH_PATH = '/v1/auth/refresh';

/** The web console's session mode: the refresh token lives only in an HttpOnly cookie, never in a body. */
function cookieMode(req: Request): boolean {
  return req.get('x-session-transport') === 'cookie';
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: REFRESH_PATH };
}

/** Moves the refresh token of a signed-in answer into the cookie when the console asked for it. */
function deliver<T extends object>(req: Request, outcome: T): T {
  const { refreshToken, ...rest } = outcome as { refreshToken?: unknown };
  if (!cookieMode(req) || typeof refreshToken !== 'string') return outcome;
  req.res!.cookie(REFRESH_COOKIE, refreshToken, cookieOptions(req));
  return rest as T;
}

/**
 * The cookie is sent by the browser on its own, so a cookie refresh must prove it comes from
 * the console itself: a custom header (a cross-site form or fetch cannot add one without a CORS
 * preflight, which this API never grants) and, when the browser names it, our own origin.
 */
function refreshTokenOf(req: Request): string | undefined {
  const fromBody = (req.body as { refreshToken?: string } | undefined)?.refreshToken;
  if (fromBody || !cookieMode(req)) return fromBody;
  const origin = req.get('origin');
  if (origin && origin !== `${req.protocol}://${req.get('host')}`) {
    throw new CrossSiteRefresh();
  }
  return parseCookies(req.get('cookie') ?? '')[REFRESH_COOKIE];
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
      if (!refreshToken) throw new NoRefreshToken(cookieMode(req));
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
