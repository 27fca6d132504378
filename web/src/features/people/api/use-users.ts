import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ensureOk, unwrap } from '../../../lib/problem';

export type Role = components['schemas']['Role'];
export type UserStatus = components['schemas']['UserStatus'];
export type UserCreate = components['schemas']['UserCreate'];
export type UserUpdate = components['schemas']['UserUpdate'];

export interface UserFilters {
  search: string;
  role: Role | null;
  status: UserStatus | null;
  group: string | null;
  pastRetention: boolean;
  noLegalBasis: boolean;
  page: number;
}

export const PAGE_SIZE = 25;

/** The page of users matching the filters. */
export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', filters],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/users', {
          params: {
            query: {
              page: filters.page,
              pageSize: PAGE_SIZE,
              ...(filters.search ? { search: filters.search } : {}),
              ...(filters.role ? { role: filters.role } : {}),
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.group ? { group: filters.group } : {}),
              ...(filters.pastRetention ? { pastRetention: true } : {}),
              ...(filters.noLegalBasis ? { noLegalBasis: true } : {}),
            },
          },
        }),
      ),
  });
}

export function useUser(userId: string) {
  return useQuery({ queryKey: ['users', userId], queryFn: async () => unwrap(await api.GET('/v1/users/{userId}', { params: { path: { userId } } })) });
}

export function useUserSessions(userId: string) {
  return useQuery({
    queryKey: ['users', userId, 'sessions'],
    queryFn: async () => unwrap(await api.GET('/v1/users/{userId}/sessions', { params: { path: { userId } } })),
  });
}

/** Groups to choose from (invite, filter): the first 100 by name is what a picker can show. */
export function useGroupChoices() {
  return useQuery({
    queryKey: ['groups', 'choices'],
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/v1/groups', { params: { query: { pageSize: 100 } } })),
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['users'] });
}

export function useInviteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: async (body: UserCreate) => unwrap(await api.POST('/v1/users', { body })), onSuccess: invalidate });
}

export function useUpdateUser(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async (body: UserUpdate) => unwrap(await api.PATCH('/v1/users/{userId}', { params: { path: { userId } }, body })),
    onSuccess: invalidate,
  });
}

export type UserAction = 'deactivate' | 'reactivate' | 'invitation' | 'revokeSessions' | 'resetSecondFactor';

export function useUserAction(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async (action: UserAction) => {
      const params = { params: { path: { userId } } };
      if (action === 'deactivate') return ensureOk(await api.POST('/v1/users/{userId}/deactivate', params));
      if (action === 'reactivate') return ensureOk(await api.POST('/v1/users/{userId}/reactivate', params));
      if (action === 'invitation') return ensureOk(await api.POST('/v1/users/{userId}/invitation', params));
      if (action === 'revokeSessions') return ensureOk(await api.POST('/v1/users/{userId}/sessions/revoke', params));
      return ensureOk(await api.DELETE('/v1/users/{userId}/second-factor', params));
    },
    onSuccess: invalidate,
  });
}
