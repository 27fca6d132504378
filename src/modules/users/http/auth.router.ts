import { Router } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import type { IssuedToken } from '../../../platform/auth/access-tokens.js';
import { runStrategy, type Passport } from '../../../platform/http/authentication.js';
import type { RequestBody, ResponseBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { ActivateAccount } from '../application/activate-account.js';
import type { SignInOperator } from '../application/sign-in-operator.js';
import type { SignInUser } from '../application/sign-in-user.js';

export interface AuthHttpDeps {
  endpoints: Endpoints;
  passport: Passport;
  signInUser: SignInUser;
  signInOperator: SignInOperator;
  activateAccount: ActivateAccount;
}

function tokenBody(issued: IssuedToken): ResponseBody<'signIn', 200> {
  return { accessToken: issued.accessToken, tokenType: 'Bearer', expiresIn: issued.expiresIn };
}

/** Sign-in through passport's local strategy; the strategies only hand over to the use cases. */
export function authRouter(deps: AuthHttpDeps): Router {
  deps.passport.use(
    'user-local',
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false }, (req, email, password, done) => {
      const { tenant } = req.body as RequestBody<'signIn'>;
      deps.signInUser.execute({ tenant, email, password }).then(
        (result) => (result.ok ? done(null, result.value) : done(result.error)),
        (error: unknown) => done(error),
      );
    }),
  );
  deps.passport.use(
    'operator-local',
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: false }, (email, password, done) => {
      deps.signInOperator.execute({ email, password }).then(
        (result) => (result.ok ? done(null, result.value) : done(result.error)),
        (error: unknown) => done(error),
      );
    }),
  );

  const router = Router();
  router.post(
    '/v1/auth/login',
    deps.endpoints.platform({ public: true }, async (req) => ({
      status: 200,
      body: tokenBody(await runStrategy<IssuedToken>(deps.passport, 'user-local', req)),
    })),
  );
  router.post(
    '/v1/platform/auth/login',
    deps.endpoints.platform({ public: true }, async (req) => ({
      status: 200,
      body: tokenBody(await runStrategy<IssuedToken>(deps.passport, 'operator-local', req)),
    })),
  );
  router.post(
    '/v1/auth/activate',
    deps.endpoints.platform({ public: true }, async (req) => {
      const body = req.body as RequestBody<'activateAccount'>;
      unwrap(await deps.activateAccount.execute(body));
      return { status: 204 };
    }),
  );
  return router;
}
