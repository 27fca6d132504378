import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ensureOk, unwrap } from '../../../lib/problem';

export type GroupType = components['schemas']['GroupType'];
export type GroupCreate = components['schemas']['GroupCreate'];
export const GROUP_TYPES: GroupType[] = ['team', 'location', 'department'];
export const GROUP_PAGE_SIZE = 25;

export function useGroups(filters: { search: string; type: GroupType | null; page: number }) {
  return useQuery({
    queryKey: ['groups', filters],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/groups', {
          params: {
            query: {
              page: filters.page,
              pageSize: GROUP_PAGE_SIZE,
              ...(filters.search ? { search: filters.search } : {}),
              ...(filters.type ? { type: filters.type } : {}),
            },
          },
        }),
      ),
  });
}

export function useGroup(groupId: string) {
  return useQuery({ queryKey: ['groups', groupId], queryFn: async () => unwrap(await api.GET('/v1/groups/{groupId}', { params: { path: { groupId } } })) });
}

export function useGroupMembers(groupId: string, page: number) {
  return useQuery({
    queryKey: ['groups', groupId, 'members', page],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/groups/{groupId}/members', { params: { path: { groupId }, query: { page, pageSize: GROUP_PAGE_SIZE } } })),
  });
}

/** Candidates to add: users matching what was typed. */
export function useUserSearch(search: string) {
  return useQuery({
    queryKey: ['users', 'search', search],
    enabled: search.length > 0,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: { search, pageSize: 20 } } })),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['groups'] });
    await queryClient.invalidateQueries({ queryKey: ['users'] });
  };
}

export function useCreateGroup() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: async (body: GroupCreate) => unwrap(await api.POST('/v1/groups', { body })), onSuccess: invalidate });
}

export function useUpdateGroup(groupId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: GroupCreate) => unwrap(await api.PATCH('/v1/groups/{groupId}', { params: { path: { groupId } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteGroup(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => ensureOk(await api.DELETE('/v1/groups/{groupId}', { params: { path: { groupId } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['groups', groupId] });
      return queryClient.invalidateQueries({ queryKey: ['groups'] });
    },
  });
}

export function useMembership(groupId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ userId, add }: { userId: string; add: boolean }) => {
      const params = { params: { path: { groupId, userId } } };
      return ensureOk(add ? await api.PUT('/v1/groups/{groupId}/members/{userId}', params) : await api.DELETE('/v1/groups/{groupId}/members/{userId}', params));
    },
    onSuccess: invalidate,
  });
}
