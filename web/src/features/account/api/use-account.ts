import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ensureOk, unwrap } from '../../../lib/problem';

type Session = components['schemas']['Session'];

export function useMySessions() {
  return useQuery({ queryKey: ['me', 'sessions'], queryFn: async () => unwrap(await api.GET('/v1/me/sessions')) });
}

async function revoke(sessionId: string) {
  ensureOk(await api.DELETE('/v1/me/sessions/{sessionId}', { params: { path: { sessionId } } }));
}

export function useRevokeMySession() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: revoke, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] }) });
}

/**
 * Every session, this one last: the next request then fails its renewal and the shell shows
 * sign-in with "your session has ended".
 */
export function useRevokeAllMySessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (sessions: Session[]) => {
      for (const session of sessions.filter((s) => !s.current)) await revoke(session.id);
      const current = sessions.find((s) => s.current);
      if (current) await revoke(current.id);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useStartEnrolment() {
  return useMutation({ mutationFn: async () => unwrap(await api.POST('/v1/me/second-factor')) });
}

export function useConfirmEnrolment() {
  return useMutation({ mutationFn: async (code: string) => unwrap(await api.POST('/v1/me/second-factor/confirm', { body: { code } })) });
}

/** The file the browser saves: everything the platform holds about the caller. */
export async function downloadMyData(): Promise<Blob> {
  const result = await api.GET('/v1/me/personal-data', { params: { query: { format: 'json' } }, parseAs: 'blob' });
  return unwrap(result);
}

export function useDeleteMyAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['DeleteMyAccount']) => ensureOk(await api.POST('/v1/me/erase', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}
