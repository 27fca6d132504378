import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';
import { unwrap } from '../lib/problem';
import { useMe } from '../lib/session';

/** The own organisation (name, locale, time zone) and branding, from GET /v1/me: every user may read it. */
export function useTenant() {
  const me = useMe();
  const tenant = me.data?.tenant;
  const logoId = tenant?.logoMediaId ?? null;
  const logo = useQuery({
    queryKey: ['media', logoId],
    enabled: logoId !== null,
    staleTime: 300_000,
    queryFn: async () => unwrap(await api.GET('/v1/media/{mediaId}', { params: { path: { mediaId: logoId! } } })),
  });
  return {
    tenant,
    branding: tenant ? { primaryColor: tenant.primaryColor, accentColor: tenant.accentColor } : undefined,
    logo: logo.data,
    timeZone: tenant?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
