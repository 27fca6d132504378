import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, hasAccessToken, onSessionEnded, renewSession, SESSION_HEADERS, setAccessToken } from '../lib/api';

type Status = 'checking' | 'signedIn' | 'signedOut';

interface SessionValue {
  status: Status;
  /** Why the last session ended, to say so on the sign-in page. */
  endedBecause: 'revoked' | 'signedOut' | null;
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
    if (status === 'checking') void renewSession().then((ok) => setStatus(ok ? 'signedIn' : 'signedOut'));
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

  const signOut = useCallback(async () => {
    await api.POST('/v1/auth/logout', { params: { header: SESSION_HEADERS } });
    setAccessToken(null);
    queryClient.clear();
    setEndedBecause('signedOut');
    setStatus('signedOut');
  }, [queryClient]);

  const value = useMemo(() => ({ status, endedBecause, started, signOut }), [status, endedBecause, started, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
