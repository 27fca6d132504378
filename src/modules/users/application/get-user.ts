import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { User } from '../domain/user.js';
import type { UserRepository } from '../ports.js';

export class GetUser {
  constructor(private readonly users: UserRepository) {}

  async execute(query: { tenantId: string; userId: string }): Promise<Result<User, NotFound>> {
    const user = await this.users.byId(query.tenantId, query.userId);
    return user ? ok(user) : fail(new NotFound('User'));
  }
}
