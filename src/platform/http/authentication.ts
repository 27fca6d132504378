import type { Request, RequestHandler } from 'express';
import { Authenticator } from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import type { AccessTokens } from '../auth/access-tokens.js';
import type { Principal } from '../auth/principal.js';
import { Unauthenticated } from './endpoint.js';

/** A passport instance of our own, not the module-wide singleton. */
export type Passport = InstanceType<typeof Authenticator>;

export function createPassport(tokens: AccessTokens): Passport {
  const passport = new Authenticator();
  passport.use(
    'bearer',
    new BearerStrategy((token, done) => {
      tokens.verify(token).then(
        (principal) => done(null, principal ?? false),
        (error: unknown) => done(error),
      );
    }),
  );
  return passport;
}

/**
 * Reads the bearer token when there is one. Whether an operation needs one is the endpoint's
 * business; a token that is present but invalid is refused here at once.
 */
export function authenticate(passport: Passport): RequestHandler {
  return (req, res, next) => {
    if (!req.headers.authorization) {
      req.principal = null;
      next();
      return;
    }
    const run = passport.authenticate('bearer', { session: false }, (error: unknown, principal: Principal | false) => {
      if (error) {
        next(error);
        return;
      }
      if (!principal) {
        next(new Unauthenticated('The access token is invalid or has expired; sign in again.'));
        return;
      }
      req.principal = principal;
      next();
    }) as RequestHandler;
    void run(req, res, next);
  };
}

/** Runs a passport strategy for one request and resolves with what it verified. */
export function runStrategy<T>(passport: Passport, strategy: string, req: Request): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = passport.authenticate(strategy, { session: false }, (error: unknown, value: T | false) => {
      if (error) reject(error instanceof Error ? error : new Error('authentication failed'));
      else if (value === false) reject(new Unauthenticated('Send e-mail address and password.'));
      else resolve(value);
    }) as RequestHandler;
    void run(req, {} as never, (error?: unknown) => reject(error instanceof Error ? error : new Error('authentication failed')));
  });
}
