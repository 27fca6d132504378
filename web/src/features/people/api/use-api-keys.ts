import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ensureOk, unwrap } from '../../../lib/problem';

export type ApiScope = components['schemas']['ApiScope'];
export const API_SCOPES: ApiScope[] = ['users:read', 'users:write', 'groups:read', 'groups:write', 'content:read', 'messages:send', 'incidents:read', 'audit:read'];

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: async () => unwrap(await api.GET('/v1/api-keys')) });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['ApiKeyCreate']) => unwrap(await api.POST('/v1/api-keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (apiKeyId: string) => ensureOk(await api.DELETE('/v1/api-keys/{apiKeyId}', { params: { path: { apiKeyId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}
