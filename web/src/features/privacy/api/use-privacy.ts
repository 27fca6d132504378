import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { unwrap } from '../../../lib/problem';

/** A 204 answer has no body, which openapi-fetch gives as undefined data: only a failure throws. */
function noContent(result: { error?: unknown; response: Response }): void {
  if (!result.response.ok) unwrap({ ...result, data: undefined });
}

/** Users matching a search, for a data subject's request (an empty search asks nothing). */
export function useUserSearch(search: string) {
  return useQuery({
    queryKey: ['privacy', 'users', { search }],
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { search, pageSize: 50 } } })),
  });
}

export function useContactSearch(search: string) {
  return useQuery({
    queryKey: ['privacy', 'contacts', { search }],
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/contacts', { params: { query: { search, pageSize: 50 } } })),
  });
}

export function useUser(userId: string) {
  return useQuery({ queryKey: ['privacy', 'user', userId], queryFn: async () => unwrap(await api.GET('/v1/users/{userId}', { params: { path: { userId } } })) });
}

export function useContact(contactId: string) {
  return useQuery({
    queryKey: ['privacy', 'contact', contactId],
    queryFn: async () => unwrap(await api.GET('/v1/contacts/{contactId}', { params: { path: { contactId } } })),
  });
}

/** The API's per-person export (audited on the server: opening this page is a recorded read). */
export function useUserExport(userId: string) {
  return useQuery({
    queryKey: ['privacy', 'user-export', userId],
    staleTime: Infinity,
    queryFn: async () => {
      const held = unwrap(await api.GET('/v1/privacy/users/{userId}/export', { params: { path: { userId }, query: { format: 'json' } } }));
      // The spec also describes the spreadsheet (a string); with format=json the answer is the object.
      if (typeof held === 'string') throw new Error('expected the JSON export');
      return held;
    },
  });
}

export function useEraseUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => noContent(await api.POST('/v1/privacy/users/{userId}/erase', { params: { path: { userId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy'] }).then(() => queryClient.invalidateQueries({ queryKey: ['users'] })),
  });
}

export function useEraseContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (contactId: string) =>
      noContent(await api.POST('/v1/privacy/contacts/{contactId}/erase', { params: { path: { contactId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy'] }),
  });
}

export function useErasures(page: number) {
  return useQuery({
    queryKey: ['privacy', 'erasures', { page }],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/privacy/erasures', { params: { query: { page, pageSize: 50 } } })),
  });
}

/** The organisation's time zone for dates (the same cache entry as the shell's; features do not import the app). */
export function useTimeZone(): string {
  const tenant = useQuery({ queryKey: ['tenant'], staleTime: 300_000, queryFn: async () => unwrap(await api.GET('/v1/tenant')) });
  return tenant.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export interface AuditFilter {
  subjectId?: string;
  actorId?: string;
  action?: string;
  /** Days (yyyy-mm-dd) in the organisation's calendar as typed; sent as the instants they start and end. */
  from?: string;
  to?: string;
}

export function auditQuery(filter: AuditFilter) {
  return {
    ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from ? { from: new Date(`${filter.from}T00:00:00`).toISOString() } : {}),
    ...(filter.to ? { to: new Date(`${filter.to}T23:59:59.999`).toISOString() } : {}),
  };
}

export function useAuditEvents(filter: AuditFilter, page: number) {
  return useQuery({
    queryKey: ['privacy', 'audit', filter, { page }],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/audit-events', { params: { query: { ...auditQuery(filter), page, pageSize: 50 } } })),
  });
}

export function useBreaches() {
  return useQuery({ queryKey: ['privacy', 'breaches'], queryFn: async () => unwrap(await api.GET('/v1/privacy/breaches')) });
}

export type BreachCreate = components['schemas']['BreachCreate'];

export function useCreateBreach() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BreachCreate) => unwrap(await api.POST('/v1/privacy/breaches', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy', 'breaches'] }),
  });
}

export function useMarkBreachReported() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { breachId: string; reportedToAuthorityAt: string; authorityReference: string | null }) =>
      unwrap(
        await api.PATCH('/v1/privacy/breaches/{breachId}', {
          params: { path: { breachId: input.breachId } },
          body: { reportedToAuthorityAt: input.reportedToAuthorityAt, authorityReference: input.authorityReference },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy', 'breaches'] }),
  });
}

export type PeopleFilter = 'pastRetention' | 'noLegalBasis';

/** Users and contacts on one filter of the retention page (the lists' own filters, first 100 of each). */
export function usePeopleOn(filter: PeopleFilter) {
  return useQuery({
    queryKey: ['privacy', 'retention', filter],
    queryFn: async () => {
      const [users, contacts] = await Promise.all([
        api.GET('/v1/users', { params: { query: { [filter]: true, pageSize: 100 } } }),
        api.GET('/v1/contacts', { params: { query: { [filter]: true, pageSize: 100 } } }),
      ]);
      return { users: unwrap(users), contacts: unwrap(contacts) };
    },
  });
}

export function useRetentionFlags() {
  return useQuery({ queryKey: ['privacy', 'retention', 'flags'], queryFn: async () => unwrap(await api.GET('/v1/privacy/retention/flags')) });
}

export function useRunRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/v1/privacy/retention/run')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy'] }),
  });
}

export function usePrivacySettings() {
  return useQuery({ queryKey: ['privacy', 'settings'], queryFn: async () => unwrap(await api.GET('/v1/privacy/settings')) });
}

export function useUpdatePrivacySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['PrivacySettingsUpdate']) => unwrap(await api.PATCH('/v1/privacy/settings', { body })),
    onSuccess: (settings) => queryClient.setQueryData(['privacy', 'settings'], settings),
  });
}

export function useProcessingActivities() {
  return useQuery({ queryKey: ['privacy', 'processing'], queryFn: async () => unwrap(await api.GET('/v1/privacy/processing-activities')) });
}

export function useCreateProcessingActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['ProcessingActivityCreate']) => unwrap(await api.POST('/v1/privacy/processing-activities', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy', 'processing'] }),
  });
}

export function useDeleteProcessingActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (activityId: string) =>
      noContent(await api.DELETE('/v1/privacy/processing-activities/{activityId}', { params: { path: { activityId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy', 'processing'] }),
  });
}

/** How many users or contacts the organisation has: the size an export will have. */
export function usePeopleCount(kind: 'users' | 'contacts') {
  return useQuery({
    queryKey: ['privacy', 'count', kind],
    queryFn: async () => unwrap(await api.GET(kind === 'users' ? '/v1/users' : '/v1/contacts', { params: { query: { pageSize: 1 } } })).total,
  });
}
