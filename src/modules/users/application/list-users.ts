import type { Actor } from '../../../platform/auth/actor.js';
import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { isoDate } from '../../../platform/domain/legal-basis.js';
import type { UserListQuery } from '../ports.js';
import type { UsersDeps } from './deps.js';
import type { UserWithGroups } from './get-user.js';

export interface ListUsersQuery extends Omit<UserListQuery, 'pastRetentionOn'> {
  actor: Actor;
  /** Only users whose retention date lies before today. */
  pastRetention?: boolean;
}

/** A page of users with the groups each is in, so the list shows at a glance who is where; each profile shown is a read. */
export class ListUsers {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'audit' | 'clock'>) {}

  async execute(query: ListUsersQuery): Promise<{ items: UserWithGroups[]; total: number; page: number; pageSize: number }> {
    const { actor, pastRetention, ...filter } = query;
    const { tenantId } = actor;
    const { items, total } = await this.d.users.listWithGroups(tenantId, { ...filter, ...(pastRetention ? { pastRetentionOn: isoDate(this.d.clock.now()) } : {}) });
    recordPersonalDataReads(this.d.audit, actor, 'user', items.map((i) => i.user.id), 'profile');
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
