import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { User } from '../domain/user.js';
import type { UsersDeps } from './deps.js';

export class GetUser {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups'>) {}

  async execute(query: { tenantId: string; userId: string }): Promise<Result<{ user: User; groupIds: string[] }, NotFound>> {
    const user = await this.d.users.byId(query.tenantId, query.userId);
    if (!user) return fail(new NotFound('User'));
    const groups = await this.d.groups.groupIdsOf(query.tenantId, [user.id]);
    return ok({ user, groupIds: groups.get(user.id) ?? [] });
  }
}
