import { useQuery } from '@tanstack/react-query';
import { api, hasAccessToken } from './api';
import { unwrap } from './problem';

/** The caller with roles and permissions: what the navigation and every permission check read. */
export function useMe() {
  return useQuery({ queryKey: ['me'], enabled: hasAccessToken(), queryFn: async () => unwrap(await api.GET('/v1/me')), staleTime: 60_000 });
}

export function hasAnyPermission(granted: readonly string[] | undefined, needed: readonly string[] | undefined): boolean {
  if (!needed || needed.length === 0) return true;
  return needed.some((permission) => granted?.includes(permission));
}

/** The tenant's time zone (GET /v1/me), for every date a feature shows. */
export function useTimeZone(): string {
  const me = useMe();
  return me.data?.tenant.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
