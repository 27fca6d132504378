import { parse as parseCookies } from 'cookie';
import type { Request } from 'express';
import { DomainError } from '../../../platform/domain/errors.js';

/*
 * How the web console holds its session: the refresh token only in an HttpOnly cookie scoped to
 * the refresh path, never in a body the page's scripts could read. Apps send it in the body.
 */

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

/** Ends the console's cookie session (a sign-out, a refused refresh); an app holds its token itself. */
export function forgetRefreshCookie(req: Request): void {
  if (cookieMode(req)) req.res?.clearCookie(REFRESH_COOKIE, cookieOptions(req));
}

/** Moves the refresh token of a signed-in answer into the cookie when the console asked for it. */
export function deliver<T extends object>(req: Request, outcome: T): T {
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
export function refreshTokenOf(req: Request): string {
  const token = sentRefreshToken(req);
  if (!token) throw new NoRefreshToken(cookieMode(req));
  return token;
}

function sentRefreshToken(req: Request): string | undefined {
  const fromBody = (req.body as { refreshToken?: string } | undefined)?.refreshToken;
  if (fromBody || !cookieMode(req)) return fromBody;
  const origin = req.get('origin');
  if (origin && origin !== `${req.protocol}://${req.get('host')}`) {
    throw new CrossSiteRefresh();
  }
  return parseCookies(req.get('cookie') ?? '')[REFRESH_COOKIE];
}
