import type { User } from '../domain/user.js';
import type { UserListQuery } from '../ports.js';
import type { UsersDeps } from './deps.js';

export interface ListUsersQuery extends UserListQuery {
  tenantId: string;
}

/** A page of users with the groups each is in, so the list shows at a glance who is where. */
export class ListUsers {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups'>) {}

  async execute(query: ListUsersQuery): Promise<{ items: Array<{ user: User; groupIds: string[] }>; total: number; page: number; pageSize: number }> {
    const { items, total } = await this.d.users.list(query.tenantId, query);
    const groups = await this.d.groups.groupIdsOf(query.tenantId, items.map((u) => u.id));
    return { items: items.map((user) => ({ user, groupIds: groups.get(user.id) ?? [] })), total, page: query.page, pageSize: query.pageSize };
  }
}
