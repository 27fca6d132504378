import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../lib/api-schema';
import { platformApi } from '../../../lib/operator';
import { unwrap } from '../../../lib/problem';

export type Tenant = components['schemas']['Tenant'];
export type TenantStatus = components['schemas']['TenantStatus'];
export const TENANT_PAGE_SIZE = 50;

export function useTenants(filters: { status: TenantStatus | null; page: number }) {
  return useQuery({
    queryKey: ['platform', 'tenants', filters],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await platformApi.GET('/v1/platform/tenants', {
          params: { query: { page: filters.page, pageSize: TENANT_PAGE_SIZE, ...(filters.status ? { status: filters.status } : {}) } },
        }),
      ),
  });
}

export function useTenant(tenantId: string) {
  return useQuery({
    queryKey: ['platform', 'tenant', tenantId],
    queryFn: async () => unwrap(await platformApi.GET('/v1/platform/tenants/{tenantId}', { params: { path: { tenantId } } })),
  });
}

export function useProcessorAgreements(tenantId: string) {
  return useQuery({
    queryKey: ['platform', 'tenant', tenantId, 'agreements'],
    queryFn: async () => unwrap(await platformApi.GET('/v1/platform/tenants/{tenantId}/processor-agreements', { params: { path: { tenantId } } })),
  });
}

/** Every change answers with the tenant as it is now: the caches take it as it comes. */
function useTenantChange<A>(change: (args: A) => Promise<Tenant>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (tenant) => {
      queryClient.setQueryData(['platform', 'tenant', tenant.id], tenant);
      return queryClient.invalidateQueries({ queryKey: ['platform', 'tenants'] });
    },
  });
}

export function useCreateTenant() {
  return useTenantChange(async (body: components['schemas']['TenantCreate']) => unwrap(await platformApi.POST('/v1/platform/tenants', { body })));
}

export function useUpdateTenant(tenantId: string) {
  return useTenantChange(async (body: components['schemas']['TenantUpdate']) =>
    unwrap(await platformApi.PATCH('/v1/platform/tenants/{tenantId}', { params: { path: { tenantId } }, body })),
  );
}

export function useSuspendTenant(tenantId: string) {
  return useTenantChange(async (reason: string) =>
    unwrap(await platformApi.POST('/v1/platform/tenants/{tenantId}/suspend', { params: { path: { tenantId } }, body: { reason } })),
  );
}

export function useReactivateTenant(tenantId: string) {
  return useTenantChange(async () => unwrap(await platformApi.POST('/v1/platform/tenants/{tenantId}/reactivate', { params: { path: { tenantId } } })));
}

export function useRecordProcessorAgreement(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['ProcessorAgreementCreate']) =>
      unwrap(await platformApi.POST('/v1/platform/tenants/{tenantId}/processor-agreements', { params: { path: { tenantId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['platform', 'tenant', tenantId, 'agreements'] }),
  });
}
