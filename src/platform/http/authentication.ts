import type { Request, RequestHandler } from 'express';
import { Authenticator } from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
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
  passport.use(
    'api-key',
    new HeaderAPIKeyStrategy({ header: 'X-API-Key', prefix: '' }, false, (key, done) => {
      const claim = parseApiKey(key);
      done(null, claim ?? false);
    }),
  );
  return passport;
}

const API_KEY = /^cpk_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{32,})$/;

export function composeApiKey(keyId: string, tenantId: string, secret: string): string {
  return `cpk_${keyId}.${tenantId}.${secret}`;
}

/**
 * An API key names its tenant and id, so the request can enter the tenant before the key is
 * checked against its stored hash there; until then it is only a claim with no permissions.
 */
export function parseApiKey(key: string): Principal | null {
  const match = API_KEY.exec(key);
  if (!match) return null;
  return { kind: 'api_key', keyId: match[1]!, tenantId: match[2]!, secret: match[3]!, permissions: new Set() };
}

/**
 * Reads the bearer token when there is one. Whether an operation needs one is the endpoint's
 * business; a token that is present but invalid is refused here at once.
 */
export function authenticate(passport: Passport): RequestHandler {
  return (req, res, next) => {
    const strategy = req.headers.authorization ? 'bearer' : req.headers['x-api-key'] ? 'api-key' : null;
    if (!strategy) {
      req.principal = null;
      next();
      return;
    }
    const run = passport.authenticate(strategy, { session: false }, (error: unknown, principal: Principal | false) => {
      if (error) {
        next(error);
        return;
      }
      if (!principal) {
        next(
          new Unauthenticated(
            strategy === 'bearer' ? 'The access token is invalid or has expired; sign in again.' : 'The API key is not valid.',
          ),
        );
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
