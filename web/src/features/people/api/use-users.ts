import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { unwrap } from '../../../lib/problem';

/** One hook per request: the page of users matching a search. */
export function useUsers(search: string) {
  return useQuery({
    queryKey: ['users', { search }],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/v1/users', { params: { query: search ? { search } : {} } })),
  });
}
