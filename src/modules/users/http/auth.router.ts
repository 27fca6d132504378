import type { Request, Router } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import { runStrategy } from '../../../platform/http/authentication.js';
import type { RequestBody } from '../../../platform/http/contract.js';
import { clientOf, unwrap } from '../../../platform/http/endpoint.js';
import { noContent, ok, operationsRouter } from '../../../platform/http/operations.js';
import type { SignInOutcome } from '../application/sign-in-user.js';
import type { Device } from '../domain/session.js';
import { deliver, forgetRefreshCookie, refreshTokenOf } from './refresh-cookie.js';
import type { UsersHttpDeps } from './users-http.js';

type AuthRouterDeps = Pick<UsersHttpDeps, 'endpoints' | 'passport' | 'signInUser' | 'signInOperator' | 'completeSecondFactor' | 'refreshSession' | 'signOut'>;

const credentials = { usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false } as const;

/** Sign-in through passport's local strategy; the strategies only hand over to the use cases. */
export function authRouter(deps: AuthRouterDeps): Router {
  deps.passport.use(
    'user-local',
    new LocalStrategy(credentials, (req, email, password, done) => {
      deps.signInUser.execute({ ...signInOf(req), email, password, ...clientOf(req) }).then(
        (result) => (result.ok ? done(null, result.value) : done(result.error)),
        (error: unknown) => done(error),
      );
    }),
  );
  deps.passport.use(
    'operator-local',
    new LocalStrategy(credentials, (req, email, password, done) => {
      deps.signInOperator.execute({ email, password, ...clientOf(req) }).then(
        (result) => (result.ok ? done(null, result.value) : done(result.error)),
        (error: unknown) => done(error),
      );
    }),
  );

  const open = { public: true } as const;
  return operationsRouter(deps.endpoints, {
    signIn: (op) => op.platform(open, async ({ req }) => ok(deliver(req, await runStrategy<SignInOutcome>(deps.passport, 'user-local', req)))),
    signInOperator: (op) =>
      op.platform(open, async ({ req }) => {
        const issued = await runStrategy<{ accessToken: string; expiresIn: number }>(deps.passport, 'operator-local', req);
        return ok({ accessToken: issued.accessToken, tokenType: 'Bearer', expiresIn: issued.expiresIn });
      }),
    completeSecondFactor: (op) =>
      op.platform(open, async ({ body, req }) => ok(deliver(req, unwrap(await deps.completeSecondFactor.execute({ ...body, ...clientOf(req) }))))),
    refreshSession: (op) =>
      op.platform(open, async ({ req }) => {
        const result = await deps.refreshSession.execute({ refreshToken: refreshTokenOf(req), appVersion: req.get('x-app-version') ?? null, ...clientOf(req) });
        if (!result.ok) forgetRefreshCookie(req);
        return ok(deliver(req, unwrap(result)));
      }),
    signOut: (op) =>
      op.person({ permission: 'me.read' }, async ({ req }, actor) => {
        forgetRefreshCookie(req);
        await deps.signOut.execute({ actor });
        return noContent();
      }),
  });
}

/**
 * The tenant and device of a user's sign-in. Passport hands its strategy the bare request, not
 * the operation's typed input; the validator has checked the body against signIn all the same.
 */
function signInOf(req: Request): { tenant: string; device: Device } {
  const { tenant, device } = req.body as RequestBody<'signIn'>;
  return { tenant, device: { name: device?.name ?? null, platform: device?.platform ?? null, appVersion: device?.appVersion ?? null } };
}
