import type { User } from '../domain/user.js';
import type { UserListQuery, UserRepository } from '../ports.js';

export interface ListUsersQuery extends UserListQuery {
  tenantId: string;
}

export class ListUsers {
  constructor(private readonly users: UserRepository) {}

  async execute(query: ListUsersQuery): Promise<{ items: User[]; total: number; page: number; pageSize: number }> {
    const { items, total } = await this.users.list(query.tenantId, query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
