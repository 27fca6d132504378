import type { Actor } from '../../../platform/auth/actor.js';
import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { User } from '../domain/user.js';
import type { UsersDeps } from './deps.js';

/** A user as the admin screens show them: with the groups they are in. */
export interface UserWithGroups {
  user: User;
  groupIds: string[];
}

export async function withGroupIds(d: Pick<UsersDeps, 'groups'>, user: User): Promise<UserWithGroups> {
  const groups = await d.groups.groupIdsOf(user.tenantId, [user.id]);
  return { user, groupIds: groups.get(user.id) ?? [] };
}

/** One user's profile: a read of their personal data, audited as such. */
export class GetUser {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups' | 'audit'>) {}

  async execute(query: { actor: Actor; userId: string }): Promise<Result<UserWithGroups, NotFound>> {
    const user = await this.d.users.byId(query.actor.tenantId, query.userId);
    if (!user) return fail(new NotFound('User'));
    recordPersonalDataReads(this.d.audit, query.actor, 'user', [user.id], 'profile');
    return ok(await withGroupIds(this.d, user));
  }
}
