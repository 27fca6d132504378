import createClient, { type Middleware } from 'openapi-fetch';
import { useSyncExternalStore } from 'react';
import type { paths } from './api-schema';

/**
 * The operator's session for /platform, kept apart from a tenant user's: operators sign in with
 * e-mail and password (POST /v1/platform/auth/login) and get an access token only, no refresh
 * token, so the token lives in this module's memory and a reload or its expiry means signing in
 * again. A separate client keeps a tenant session's renewal from ever touching it.
 */
type OperatorState = { token: string; expiresAt: number } | null;
type Ended = 'expired' | 'signedOut' | null;

let state: OperatorState = null;
let ended: Ended = null;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function startOperatorSession(token: string, expiresIn: number): void {
  clearTimeout(expiryTimer);
  state = { token, expiresAt: Date.now() + expiresIn * 1000 };
  ended = null;
  // The token cannot be renewed: say so when it runs out rather than fail the next click.
  expiryTimer = setTimeout(() => endOperatorSession('expired'), expiresIn * 1000);
  emit();
}

export function endOperatorSession(reason: Exclude<Ended, null>): void {
  clearTimeout(expiryTimer);
  if (state === null && ended === reason) return;
  state = null;
  ended = reason;
  emit();
}

let snapshot = { signedIn: false, ended: null as Ended };
function read() {
  if (snapshot.signedIn !== (state !== null) || snapshot.ended !== ended) snapshot = { signedIn: state !== null, ended };
  return snapshot;
}

export function useOperatorSession(): { signedIn: boolean; ended: Ended } {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
  );
}

const operatorAuth: Middleware = {
  onRequest({ request }) {
    if (state) request.headers.set('Authorization', `Bearer ${state.token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && state) endOperatorSession('expired');
    return response;
  },
};

/** The typed client for /v1/platform/*, with the operator's token. */
export const platformApi = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
platformApi.use(operatorAuth);
