import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { unwrap } from '../../../lib/problem';
import { useMe } from '../../../lib/session';

/** The organisation's time zone for dates (the same cached request the shell makes). */
export function useTimeZone(): string {
  const me = useMe();
  const tenant = useQuery({
    queryKey: ['tenant'],
    enabled: me.data?.permissions.includes('tenant.read') ?? false,
    staleTime: 300_000,
    queryFn: async () => unwrap(await api.GET('/v1/tenant')),
  });
  return tenant.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
