import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { unwrap } from '../../../lib/problem';

/** The same cache entry the shell and other pages read the organisation from. */
export function useOwnTenant() {
  return useQuery({ queryKey: ['tenant'], staleTime: 300_000, queryFn: async () => unwrap(await api.GET('/v1/tenant')) });
}

export function useUpdateOwnTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['OwnTenantUpdate']) => unwrap(await api.PATCH('/v1/tenant', { body })),
    onSuccess: async (tenant) => {
      queryClient.setQueryData(['tenant'], tenant);
      // GET /v1/me carries the organisation's locale and time zone for the shell.
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useAppVersions() {
  return useQuery({ queryKey: ['settings', 'app-versions'], queryFn: async () => unwrap(await api.GET('/v1/settings/app-versions')) });
}

export function useSetAppVersions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['AppVersionMinimums']) => unwrap(await api.PUT('/v1/settings/app-versions', { body })),
    onSuccess: (minimums) => queryClient.setQueryData(['settings', 'app-versions'], minimums),
  });
}

export function useProcessorAgreements() {
  return useQuery({ queryKey: ['settings', 'processor-agreements'], queryFn: async () => unwrap(await api.GET('/v1/privacy/processor-agreements')) });
}
