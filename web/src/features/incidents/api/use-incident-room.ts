import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ensureOk, unwrap } from '../../../lib/problem';

export type IncidentLinks = components['schemas']['IncidentLinks'];
export type IncidentReport = components['schemas']['IncidentReport'];

/** The room's own data changed: the incident (teams, members, status) and the lists showing it. */
function useRefreshIncident(incidentId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['incidents', incidentId] }).then(() => queryClient.invalidateQueries({ queryKey: ['incidents'], exact: true }));
}

/** People to link: searched by name or e-mail, a short page (the picker shows a handful). */
export function usePeopleSearch(search: string, enabled: boolean) {
  const term = search.trim();
  return useQuery({
    queryKey: ['users', 'for-incident', { term }],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { pageSize: 20, status: 'active', ...(term ? { search: term } : {}) } } })),
  });
}

/** Groups and teams to link, searched by name. */
export function useTeamSearch(search: string, enabled: boolean) {
  const term = search.trim();
  return useQuery({
    queryKey: ['groups', 'for-incident', { term }],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/groups', { params: { query: { pageSize: 20, ...(term ? { search: term } : {}) } } })),
  });
}

export function useLinkParticipants(incidentId: string) {
  const refresh = useRefreshIncident(incidentId);
  return useMutation({
    mutationFn: async (body: IncidentLinks) => unwrap(await api.POST('/v1/incidents/{incidentId}/participants', { params: { path: { incidentId } }, body })),
    onSuccess: refresh,
  });
}

export function useChangeMemberRole(incidentId: string) {
  const refresh = useRefreshIncident(incidentId);
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: string }) =>
      unwrap(await api.PUT('/v1/incidents/{incidentId}/members/{userId}', { params: { path: { incidentId, userId } }, body: { role } })),
    onSuccess: refresh,
  });
}

export function useRemoveMember(incidentId: string) {
  const refresh = useRefreshIncident(incidentId);
  return useMutation({
    mutationFn: async (userId: string) => ensureOk(await api.DELETE('/v1/incidents/{incidentId}/members/{userId}', { params: { path: { incidentId, userId } } })),
    onSuccess: refresh,
  });
}

export function useRemoveTeam(incidentId: string) {
  const refresh = useRefreshIncident(incidentId);
  return useMutation({
    mutationFn: async (groupId: string) => ensureOk(await api.DELETE('/v1/incidents/{incidentId}/teams/{groupId}', { params: { path: { incidentId, groupId } } })),
    onSuccess: refresh,
  });
}

/** Close (coordinators and admins) or reopen (admins only, audited); the API decides who and when. */
export function useIncidentStatus(incidentId: string) {
  const refresh = useRefreshIncident(incidentId);
  return useMutation({
    mutationFn: async (to: 'close' | 'reopen') =>
      unwrap(
        to === 'close'
          ? await api.POST('/v1/incidents/{incidentId}/close', { params: { path: { incidentId } } })
          : await api.POST('/v1/incidents/{incidentId}/reopen', { params: { path: { incidentId } } }),
      ),
    onSuccess: refresh,
  });
}

/** Hands a fetched file to the browser as a download: a link cannot carry the bearer token, a Blob can. */
function saveBlob(blob: Blob, response: Response, fallbackName: string): void {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The after-action report as a file (reading it is audited by the API). */
export function useDownloadReport(incidentId: string) {
  return useMutation({
    mutationFn: async (format: 'json' | 'pdf') => {
      const result = await api.GET('/v1/incidents/{incidentId}/report', { params: { path: { incidentId }, query: { format } }, parseAs: 'blob' });
      saveBlob(unwrap(result), result.response, `incident-report-${incidentId}.${format}`);
    },
  });
}
