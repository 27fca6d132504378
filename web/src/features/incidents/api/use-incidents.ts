import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { unwrap } from '../../../lib/problem';

export type Incident = components['schemas']['Incident'];
export type IncidentDetail = components['schemas']['IncidentDetail'];
export type IncidentActivate = components['schemas']['IncidentActivate'];
export type IncidentSetup = components['schemas']['IncidentSetup'];
export type IncidentSetupUpdate = components['schemas']['IncidentSetupUpdate'];
export type IncidentLinks = components['schemas']['IncidentLinks'];
export type IncidentReach = components['schemas']['IncidentReach'];
export type LogEntry = components['schemas']['LogEntry'];
export type IncidentAction = components['schemas']['IncidentAction'];
export type ActionStatus = components['schemas']['ActionStatus'];
export type ActionFilter = 'mine' | 'my_team' | 'overdue';

export function useIncidents() {
  return useQuery({ queryKey: ['incidents'], queryFn: async () => unwrap(await api.GET('/v1/incidents')) });
}

export function useIncident(incidentId: string) {
  return useQuery({
    queryKey: ['incidents', incidentId],
    queryFn: async () => unwrap(await api.GET('/v1/incidents/{incidentId}', { params: { path: { incidentId } } })),
  });
}

export function useIncidentSetup() {
  return useQuery({ queryKey: ['incident-setup'], staleTime: 60_000, queryFn: async () => unwrap(await api.GET('/v1/incident-setup')) });
}

export function useUpdateIncidentSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: IncidentSetupUpdate) => unwrap(await api.PUT('/v1/incident-setup', { body })),
    onSuccess: (saved) => queryClient.setQueryData(['incident-setup'], saved),
  });
}

/** Whom an incident with these teams and people would link and notify; asked again whenever they change. */
export function useIncidentReach(links: IncidentLinks, enabled: boolean) {
  return useQuery({
    queryKey: ['incidents', 'reach', links],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.POST('/v1/incidents/reach', { body: links })),
  });
}

/** People to link in person, found by name or e-mail address (coordinators and admins may read users). */
export function usePeopleToLink(search: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'for-incident', search],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { pageSize: 50, status: 'active', ...(search ? { search } : {}) } } })),
  });
}

/** Teams to link when starting an incident (coordinators and admins may read groups). */
export function useTeams(enabled: boolean) {
  return useQuery({
    queryKey: ['groups', 'for-incident'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/v1/groups', { params: { query: { pageSize: 200 } } })),
  });
}

export function useActivateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: IncidentActivate) => unwrap(await api.POST('/v1/incidents', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['incidents'] }),
  });
}

/** Uploads one photo or attachment for an entry of an open incident. */
export function useUploadMedia(incidentId: string) {
  return useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return unwrap(
        await api.POST('/v1/incidents/{incidentId}/media', {
          params: { path: { incidentId } },
          // openapi-fetch sends FormData as it is; the type names the multipart fields.
          body: body as unknown as { file: string },
          bodySerializer: (value) => value as unknown as FormData,
        }),
      );
    },
  });
}

export function usePostEntry(incidentId: string) {
  return useMutation({
    mutationFn: async (body: components['schemas']['LogEntryCreate']) =>
      unwrap(await api.POST('/v1/incidents/{incidentId}/entries', { params: { path: { incidentId } }, body })),
  });
}

export function useMarkEntry(incidentId: string) {
  return useMutation({
    mutationFn: async ({ entryId, ...body }: { entryId: string; important: boolean; summary: string | null }) =>
      unwrap(await api.PUT('/v1/incidents/{incidentId}/entries/{entryId}/highlight', { params: { path: { incidentId, entryId } }, body })),
  });
}

export function useMedia(mediaId: string) {
  return useQuery({
    queryKey: ['media', mediaId],
    staleTime: 4 * 60_000,
    queryFn: async () => unwrap(await api.GET('/v1/media/{mediaId}', { params: { path: { mediaId } } })),
  });
}

export function useActions(incidentId: string, filter: ActionFilter | undefined) {
  return useQuery({
    queryKey: ['incidents', incidentId, 'actions', { filter }],
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
    queryFn: async () =>
      unwrap(await api.GET('/v1/incidents/{incidentId}/actions', { params: { path: { incidentId }, query: filter ? { filter } : {} } })),
  });
}

export function useCreateAction(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['IncidentActionCreate']) =>
      unwrap(await api.POST('/v1/incidents/{incidentId}/actions', { params: { path: { incidentId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['incidents', incidentId, 'actions'] }),
  });
}

export function useUpdateAction(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ actionId, ...body }: { actionId: string } & components['schemas']['IncidentActionUpdate']) =>
      unwrap(await api.PATCH('/v1/incidents/{incidentId}/actions/{actionId}', { params: { path: { incidentId, actionId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['incidents', incidentId, 'actions'] }),
  });
}
