import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';

/**
 * The one way the console talks to the API: typed from openapi/ (npm run openapi:types), so a
 * spec change that breaks a page breaks the type check. The access token lives in this module's
 * memory only; the refresh token is an HttpOnly cookie the page never sees.
 */
let accessToken: string | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | null = null;
type EndReason = 'revoked' | 'deleted';
const endedListeners = new Set<(reason: EndReason) => void>();
const forbiddenListeners = new Set<() => void>();

export const SESSION_HEADERS = { 'X-Session-Transport': 'cookie' } as const;

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
const bare = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

/** Store a fresh access token and renew it a minute before it runs out. */
export function setAccessToken(token: string | null, expiresIn?: number): void {
  accessToken = token;
  clearTimeout(renewTimer);
  if (token && expiresIn) {
    renewTimer = setTimeout(() => void renewSession(), Math.max(5, expiresIn - 60) * 1000);
  }
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** For the one request openapi-fetch cannot make: an upload that reports its progress (XMLHttpRequest). */
export function authorizationHeader(): string | null {
  return accessToken ? `Bearer ${accessToken}` : null;
}

export function onSessionEnded(listener: (reason: EndReason) => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

/** The account is gone (erased by its owner): forget the token and say so on the sign-in page. */
export function accountDeleted(): void {
  setAccessToken(null);
  for (const listener of endedListeners) listener('deleted');
}

/** Called on a 403 outside /v1/me: the caller's roles may have changed since the console read them. */
export function onForbidden(listener: () => void): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

let renewalAtStart: Promise<boolean> | null = null;

/**
 * The renewal a page load starts with: main.tsx starts it before the catalogue has arrived (two
 * independent round trips side by side), and the session provider takes its outcome.
 */
export function renewAtStart(): Promise<boolean> {
  renewalAtStart ??= renewSession();
  return renewalAtStart;
}

/** Exchange the refresh cookie for a new access token; one renewal at a time. */
export function renewSession(): Promise<boolean> {
  renewing ??= (async () => {
    try {
      const { data, response } = await bare.POST('/v1/auth/refresh', { params: { header: { 'X-Session-Transport': 'cookie' } } });
      if (data && data.status === 'authenticated') {
        setAccessToken(data.accessToken, data.expiresIn);
        return true;
      }
      if (response.status === 401 && accessToken !== null) {
        setAccessToken(null);
        for (const listener of endedListeners) listener('revoked');
      }
      setAccessToken(null);
      return false;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (accessToken && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${accessToken}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status === 403 && !new URL(request.url).pathname.startsWith('/v1/me')) for (const listener of forbiddenListeners) listener();
    if (response.status !== 401 || !accessToken || request.headers.get('X-Retried') === '1') return response;
    if (!(await renewSession())) return response;
    const retry = new Request(request, { headers: new Headers(request.headers) });
    retry.headers.set('Authorization', `Bearer ${accessToken}`);
    retry.headers.set('X-Retried', '1');
    return fetch(retry);
  },
};
api.use(auth);

/**
 * fetch with the access token in the Authorization header and one renewal on 401, for what
 * openapi-fetch does not cover: server-sent event streams (read with fetch, so no token in a URL).
 */
export async function authorizedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
    return fetch(input, { ...init, headers, credentials: 'same-origin' });
  };
  const response = await send();
  if (response.status !== 401 || !accessToken || !(await renewSession())) return response;
  return send();
}
