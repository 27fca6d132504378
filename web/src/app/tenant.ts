import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';
import { unwrap } from '../lib/problem';
import { useMe } from '../lib/session';

/** The own organisation (locale, time zone) and branding, for those who may read them. */
export function useTenant() {
  const me = useMe();
  const allowed = me.data?.permissions.includes('tenant.read') ?? false;
  const tenant = useQuery({ queryKey: ['tenant'], enabled: allowed, staleTime: 300_000, queryFn: async () => unwrap(await api.GET('/v1/tenant')) });
  const branding = useQuery({
    queryKey: ['tenant', 'branding'],
    enabled: allowed,
    staleTime: 300_000,
    queryFn: async () => unwrap(await api.GET('/v1/tenant/branding')),
  });
  const logoId = branding.data?.logoMediaId ?? null;
  const logo = useQuery({
    queryKey: ['media', logoId],
    enabled: logoId !== null,
    staleTime: 300_000,
    queryFn: async () => unwrap(await api.GET('/v1/media/{mediaId}', { params: { path: { mediaId: logoId! } } })),
  });
  return {
    tenant: tenant.data,
    branding: branding.data,
    logo: logo.data,
    timeZone: tenant.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
