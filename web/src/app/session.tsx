import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, hasAccessToken, onForbidden, onSessionEnded, renewAtStart, SESSION_HEADERS, setAccessToken } from '../lib/api';
import type { components } from '../lib/api-schema';
import { fetchMe } from '../lib/session';

type Status = 'checking' | 'signedIn' | 'signedOut';

interface SessionValue {
  status: Status;
  /** Why the last session ended, to say so on the sign-in page. */
  endedBecause: 'revoked' | 'signedOut' | 'demoted' | 'deleted' | null;
  started: (accessToken: string, expiresIn: number) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * On load the console asks for a new access token with the refresh cookie: a reload keeps the
 * session, a revoked one lands on the sign-in page with a message.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>(hasAccessToken() ? 'signedIn' : 'checking');
  const [endedBecause, setEndedBecause] = useState<SessionValue['endedBecause']>(null);

  useEffect(() => {
    if (status === 'checking') void renewAtStart().then((ok) => setStatus(ok ? 'signedIn' : 'signedOut'));
    return onSessionEnded((reason) => {
      queryClient.clear();
      setEndedBecause(reason);
      setStatus('signedOut');
    });
    // Only at start: later changes come through started/signOut and the listener.
  }, []);

  const started = useCallback(
    (accessToken: string, expiresIn: number) => {
      setAccessToken(accessToken, expiresIn);
      queryClient.clear();
      setEndedBecause(null);
      setStatus('signedIn');
    },
    [queryClient],
  );

  const endSession = useCallback(
    async (reason: 'signedOut' | 'demoted') => {
      await api.POST('/v1/auth/logout', { params: { header: SESSION_HEADERS } });
      setAccessToken(null);
      queryClient.clear();
      setEndedBecause(reason);
      setStatus('signedOut');
    },
    [queryClient],
  );
  const signOut = useCallback(() => endSession('signedOut'), [endSession]);

  // A refusal where the console expected none: if the caller lost a permission since /v1/me was
  // read (demoted), the navigation and pages are built on rights they no longer have, so they
  // sign in again and get a console built on their new roles.
  const checking = useRef(false);
  useEffect(
    () =>
      onForbidden(() => {
        const before = queryClient.getQueryData<components['schemas']['Me']>(['me'])?.permissions;
        if (!before || checking.current) return;
        checking.current = true;
        void queryClient
          .fetchQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 0 })
          .then(
            (after) => (before.some((permission) => !after.permissions.includes(permission)) ? endSession('demoted') : undefined),
            // The session's own end (401) is reported by the renewal; a suspended tenant by the page.
            () => undefined,
          )
          .finally(() => {
            checking.current = false;
          });
      }),
    [queryClient, endSession],
  );

  const value = useMemo(() => ({ status, endedBecause, started, signOut }), [status, endedBecause, started, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
