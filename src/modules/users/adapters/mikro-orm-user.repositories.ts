import { LockMode, type FilterQuery } from '@mikro-orm/core';
import { detachedCopy } from '../../../platform/database/entity-schema.js';
import { escapeLike, OrmRepository, TenantOwnedRepository, type Page } from '../../../platform/database/orm-repository.js';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { ActivationToken, type TokenPurpose } from '../domain/activation-token.js';
import { ApiKey, RecoveryCode } from '../domain/api-key.js';
import { Group, GroupMembership, type GroupType } from '../domain/group.js';
import { Operator } from '../domain/operator.js';
import { DeviceSession, RefreshToken } from '../domain/session.js';
import { User, type Role, type UserStatus } from '../domain/user.js';
import type {
  SessionAccess,
  AccountEraser,
  AudienceMembers,
  ActivationTokenRepository,
  ApiKeyRepository,
  GroupRepository,
  OperatorRepository,
  RecoveryCodeRepository,
  SessionRepository,
  UserListQuery,
  UserProfile,
  UserRepository,
} from '../ports.js';

const SECRETS = ['passwordHash', 'totpSecretSealed', 'totpPendingSealed', 'totpLastStep'] as const;

export class MikroOrmUserRepository extends OrmRepository<User> implements UserRepository {
  protected readonly entity = User;

  byId(tenantId: string, id: string): Promise<User | null> {
    return this.uow.em().findOne(User, { tenantId, id }, { populate: SECRETS });
  }

  byIds(tenantId: string, ids: string[]): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    // For reading only (profiles, existence): kept out of the identity map, so the commit has nothing to check.
    return this.uow.em().find(User, { tenantId, id: { $in: ids } }, { disableIdentityMap: true });
  }

  profiles(tenantId: string, ids: string[]): Promise<UserProfile[]> {
    if (ids.length === 0) return Promise.resolve([]);
    // Read on every content sync that shows a contact list: raw rows with just the fields shown.
    return this.uow.rows<UserProfile>(
      `select id, name, job_title as "jobTitle", phone, email from users
        where tenant_id = ? and id = any(?::uuid[]) and status <> 'deactivated'`,
      [tenantId, `{${ids.join(',')}}`],
    );
  }

  byIdForUpdate(tenantId: string, id: string): Promise<User | null> {
    // Refreshed, so a row another transaction changed while we waited for the lock is read anew.
    return this.uow.em().findOne(User, { tenantId, id }, { populate: SECRETS, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  byEmail(tenantId: string, email: string): Promise<User | null> {
    return this.uow.em().findOne(User, { tenantId, email }, { populate: SECRETS });
  }

  async list(tenantId: string, query: UserListQuery): Promise<Page<User>> {
    const em = this.uow.em();
    const where: FilterQuery<User> = { tenantId };
    if (query.search) {
      const like = `%${escapeLike(query.search)}%`;
      where.$or = [{ name: { $ilike: like } }, { email: { $ilike: like } }];
    }
    if (query.role) where.roles = { $contains: [query.role] };
    if (query.status) where.status = query.status;
    if (query.pastRetentionOn) where.retentionUntil = { $lt: query.pastRetentionOn };
    if (query.noLegalBasis) where.legalBasis = null;
    if (query.groupId) {
      const members = await em.find(GroupMembership, { tenantId, groupId: query.groupId }, { fields: ['userId'] });
      where.id = { $in: members.map((m) => m.userId) };
    }
    // Read only: unmanaged, so the commit's flush has no change sets of a page of users to compute.
    return this.page(where, query, { orderBy: { name: 'asc', id: 'asc' }, disableIdentityMap: true });
  }

  async listWithGroups(tenantId: string, query: UserListQuery): Promise<{ items: Array<{ user: User; groupIds: string[] }>; total: number }> {
    // The user list is read far more than written: page, total and each person's groups in one
    // raw statement, as read-only copies. Raw SQL skips the ORM's tenant filter, so the tenant is
    // in the WHERE clause (and RLS holds anyway).
    const conditions = ['u.tenant_id = ?'];
    const params: unknown[] = [tenantId];
    if (query.search) {
      conditions.push(`(u.name ilike ? or u.email ilike ?)`);
      const like = `%${escapeLike(query.search)}%`;
      params.push(like, like);
    }
    if (query.role) {
      conditions.push('u.roles @> array[?]::text[]');
      params.push(query.role);
    }
    if (query.status) {
      conditions.push('u.status = ?');
      params.push(query.status);
    }
    if (query.pastRetentionOn) {
      conditions.push('u.retention_until < ?');
      params.push(query.pastRetentionOn);
    }
    if (query.noLegalBasis) conditions.push('u.legal_basis is null');
    if (query.groupId) {
      conditions.push('u.id in (select g.user_id from group_members g where g.tenant_id = u.tenant_id and g.group_id = ?)');
      params.push(query.groupId);
    }
    const where = conditions.join(' and ');
    const rows = await this.uow.rows<UserRow & { total: string; group_ids: string[] }>(
      `select u.id, u.tenant_id, u.email, u.name, u.phone, u.job_title, u.location, u.roles, u.status, u.totp_enabled_at,
              u.activated_at, u.deactivated_at, u.retention_until::text as retention_until, u.legal_basis, u.legal_basis_note,
              u.purged_at, u.created_at, u.updated_at, count(*) over () as total,
              array(select m.group_id from group_members m where m.tenant_id = u.tenant_id and m.user_id = u.id order by m.added_at asc, m.group_id asc) as group_ids
         from users u where ${where}
        order by u.name asc, u.id asc limit ? offset ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    // Past the last page the window has no row to count on.
    const total = rows[0] ? Number(rows[0].total) : query.page > 1 ? Number((await this.uow.rows<{ n: string }>(`select count(*) as n from users u where ${where}`, params))[0]?.n ?? 0) : 0;
    return { items: rows.map((row) => ({ user: userOfRow(row), groupIds: row.group_ids })), total };
  }

  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<User[]> {
    return this.uow.em().find(User, { tenantId, ...(afterId ? { id: { $gt: afterId } } : {}) }, { orderBy: { id: 'asc' }, limit, disableIdentityMap: true });
  }

  async pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    const rows = await this.uow.em().find(User, { tenantId, retentionUntil: { $lt: today } }, { fields: ['id', 'retentionUntil'], disableIdentityMap: true });
    return rows.map((u) => ({ id: u.id, retentionUntil: u.retentionUntil! }));
  }

  async deactivatedBefore(tenantId: string, cutoff: Date): Promise<string[]> {
    const rows = await this.uow.em().find(User, { tenantId, status: 'deactivated', purgedAt: null, deactivatedAt: { $lt: cutoff } }, { fields: ['id'], disableIdentityMap: true });
    return rows.map((u) => u.id);
  }

  countActiveAdmins(tenantId: string): Promise<number> {
    return this.uow.em().count(User, { tenantId, status: 'active', roles: { $contains: ['admin'] } });
  }

  async activeIdsIn(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }): Promise<string[]> {
    // Raw SQL skips the ORM's tenant filter, so the tenant is in the WHERE clause (and RLS holds anyway).
    // Only active accounts: an invited person has no app to be pushed and no inbox to read yet,
    // so counting them would promise a reach the message does not have.
    const rows = await this.uow.em().execute<Array<{ id: string }>>(
      `select u.id from users u
        where u.tenant_id = ? and u.status = 'active'
          and (?::boolean or u.id = any(?::uuid[])
               or exists (select 1 from group_members m where m.tenant_id = u.tenant_id and m.user_id = u.id and m.group_id = any(?::uuid[])))
        order by u.id`,
      [tenantId, audience.everyone, `{${audience.userIds.join(',')}}`, `{${audience.groupIds.join(',')}}`],
    );
    return rows.map((row) => row.id);
  }

  async audienceMembers(
    tenantId: string,
    audience: { everyone: boolean; groupIds: string[]; userIds: string[] },
    query: { page: number; pageSize: number; search?: string },
  ): Promise<AudienceMembers> {
    const em = this.uow.em();
    // Raw SQL skips the ORM's tenant filter, so the tenant is in the WHERE clause (and RLS holds anyway).
    const reached = `select u.id, u.name, u.email, u.status from users u
        where u.tenant_id = ? and u.status in ('active', 'invited')
          and (?::boolean or u.id = any(?::uuid[])
               or exists (select 1 from group_members m where m.tenant_id = u.tenant_id and m.user_id = u.id and m.group_id = any(?::uuid[])))`;
    const params = [tenantId, audience.everyone, `{${audience.userIds.join(',')}}`, `{${audience.groupIds.join(',')}}`];
    const like = query.search ? `%${escapeLike(query.search)}%` : '%';
    const [counts] = await em.execute<Array<{ active: number; invited: number; total: number }>>(
      `with reached as (${reached})
       select count(*) filter (where status = 'active')::int as active, count(*) filter (where status = 'invited')::int as invited,
              count(*) filter (where status = 'active' and (name ilike ? or email ilike ?))::int as total
         from reached`,
      [...params, like, like],
    );
    const items = await em.execute<Array<{ id: string; name: string; email: string }>>(
      `with reached as (${reached})
       select id, name, email from reached where status = 'active' and (name ilike ? or email ilike ?)
        order by name, id limit ? offset ?`,
      [...params, like, like, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { active: counts!.active, invited: counts!.invited, total: counts!.total, items };
  }
}

export class MikroOrmGroupRepository extends TenantOwnedRepository<Group> implements GroupRepository {
  protected readonly entity = Group;

  byName(tenantId: string, name: string): Promise<Group | null> {
    return this.uow.em().findOne(Group, { tenantId, name: { $ilike: escapeLike(name.trim()) } });
  }

  list(tenantId: string, query: { page: number; pageSize: number; type?: GroupType; search?: string }): Promise<Page<Group>> {
    const where: FilterQuery<Group> = { tenantId };
    if (query.type) where.type = query.type;
    if (query.search) where.name = { $ilike: `%${escapeLike(query.search)}%` };
    return this.page(where, query, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async memberCounts(tenantId: string, groupIds: string[]): Promise<Map<string, number>> {
    const counts = new Map(groupIds.map((id) => [id, 0]));
    if (groupIds.length === 0) return counts;
    // Raw SQL skips the ORM's tenant filter, so the tenant is in the WHERE clause (and RLS holds anyway).
    const rows = await this.uow
      .em()
      .execute<Array<{ groupId: string; count: number }>>(
        `select group_id as "groupId", count(*)::int as count from group_members
          where tenant_id = ? and group_id in (${groupIds.map(() => '?').join(', ')}) group by group_id`,
        [tenantId, ...groupIds],
      );
    for (const row of rows) counts.set(row.groupId, row.count);
    return counts;
  }

  membership(tenantId: string, groupId: string, userId: string): Promise<GroupMembership | null> {
    return this.uow.em().findOne(GroupMembership, { tenantId, groupId, userId });
  }

  async groupIdsOf(tenantId: string, userIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map(userIds.map((id) => [id, [] as string[]]));
    if (userIds.length === 0) return result;
    // Ids only, read for every content sync: raw rows, no entities to track at commit.
    // Raw SQL skips the ORM's tenant filter, so the tenant is in the WHERE clause (and RLS holds anyway).
    const rows = await this.uow.rows<{ userId: string; groupId: string }>(
      `select user_id as "userId", group_id as "groupId" from group_members
        where tenant_id = ? and user_id = any(?::uuid[]) order by added_at asc, group_id asc`,
      [tenantId, `{${userIds.join(',')}}`],
    );
    for (const row of rows) result.get(row.userId)?.push(row.groupId);
    return result;
  }

  addMembership(membership: GroupMembership): void {
    this.uow.em().persist(membership);
  }

  removeMembership(membership: GroupMembership): void {
    this.uow.em().remove(membership);
  }

  async remove(group: Group): Promise<void> {
    await this.uow.em().nativeDelete(GroupMembership, { tenantId: group.tenantId, groupId: group.id });
    this.uow.em().remove(group);
  }
}

export class MikroOrmOperatorRepository extends OrmRepository<Operator> implements OperatorRepository {
  protected readonly entity = Operator;

  byEmail(email: string): Promise<Operator | null> {
    return this.uow.em().findOne(Operator, { email });
  }
}

export class MikroOrmActivationTokenRepository extends OrmRepository<ActivationToken> implements ActivationTokenRepository {
  protected readonly entity = ActivationToken;

  bySecretHash(tenantId: string, secretHash: string): Promise<ActivationToken | null> {
    return this.uow.em().findOne(ActivationToken, { tenantId, secretHash });
  }

  openFor(tenantId: string, userId: string, purpose: TokenPurpose): Promise<ActivationToken[]> {
    return this.uow.em().find(ActivationToken, { tenantId, userId, purpose, usedAt: null });
  }
}

export class MikroOrmSessionRepository extends TenantOwnedRepository<DeviceSession> implements SessionRepository {
  protected readonly entity = DeviceSession;

  async access(tenantId: string, id: string): Promise<SessionAccess | null> {
    // On every request: a raw read, sent with the tenant binding and the other access gates' reads.
    const rows = await this.uow.rows<{ user_id: string; revoked_at: Date | null; roles: Role[]; status: UserStatus }>(
      `select s.user_id, s.revoked_at, u.roles, u.status
         from device_sessions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
        where s.tenant_id = ? and s.id = ?`,
      [tenantId, id],
    );
    const row = rows[0];
    if (!row) return null;
    return { userId: row.user_id, active: row.revoked_at === null, roles: row.roles, userStatus: row.status };
  }

  allOf(tenantId: string, userId: string): Promise<DeviceSession[]> {
    return this.uow.em().find(DeviceSession, { tenantId, userId }, { orderBy: { createdAt: 'asc' }, disableIdentityMap: true });
  }

  activeOf(tenantId: string, userId: string): Promise<DeviceSession[]> {
    return this.uow.em().find(DeviceSession, { tenantId, userId, revokedAt: null }, { orderBy: { lastSeenAt: 'desc' } });
  }

  refreshTokenByHash(tenantId: string, tokenHash: string): Promise<RefreshToken | null> {
    // Locked: two exchanges of one token at once run one after the other, so the second sees the rotation.
    return this.uow.em().findOne(RefreshToken, { tenantId, tokenHash }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  addRefreshToken(token: RefreshToken): void {
    this.uow.em().persist(token);
  }
}

export class MikroOrmApiKeyRepository extends OrmRepository<ApiKey> implements ApiKeyRepository {
  protected readonly entity = ApiKey;

  async byId(tenantId: string, id: string): Promise<ApiKey | null> {
    // Asked for by the access gate, beside the other gates' reads that carry the tenant binding.
    await this.uow.bound();
    return this.uow.em().findOne(ApiKey, { tenantId, id }, { populate: ['secretHash'] });
  }

  list(tenantId: string): Promise<ApiKey[]> {
    return this.uow.em().find(ApiKey, { tenantId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }
}

export class MikroOrmRecoveryCodeRepository implements RecoveryCodeRepository {
  constructor(private readonly uow: UnitOfWork) {}

  unusedOf(tenantId: string, userId: string): Promise<RecoveryCode[]> {
    return this.uow.em().find(RecoveryCode, { tenantId, userId, usedAt: null });
  }

  async replaceAll(tenantId: string, userId: string, codes: RecoveryCode[]): Promise<void> {
    await this.uow.em().nativeDelete(RecoveryCode, { tenantId, userId });
    for (const code of codes) this.uow.em().persist(code);
  }
}

export class MikroOrmAccountEraser implements AccountEraser {
  constructor(private readonly uow: UnitOfWork) {}

  async eraseMemberships(tenantId: string, userId: string): Promise<void> {
    await this.uow.em().nativeDelete(GroupMembership, { tenantId, userId });
  }

  async eraseSessions(tenantId: string, userId: string): Promise<void> {
    const em = this.uow.em();
    const sessions = await em.find(DeviceSession, { tenantId, userId }, { fields: ['id'] });
    if (sessions.length > 0) await em.nativeDelete(RefreshToken, { tenantId, sessionId: { $in: sessions.map((s) => s.id) } });
    await em.nativeDelete(DeviceSession, { tenantId, userId });
  }

  async eraseAccount(tenantId: string, userId: string): Promise<void> {
    const em = this.uow.em();
    await em.nativeDelete(RecoveryCode, { tenantId, userId });
    await em.nativeDelete(ActivationToken, { tenantId, userId });
    await em.nativeDelete(User, { tenantId, id: userId });
  }
}

/** A user's row as the connection gives it (times as PostgreSQL's text), without the secrets. */
interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  phone: string | null;
  job_title: string | null;
  location: string | null;
  roles: Role[];
  status: UserStatus;
  totp_enabled_at: string | null;
  activated_at: string | null;
  deactivated_at: string | null;
  retention_until: string | null;
  legal_basis: User['legalBasis'];
  legal_basis_note: string | null;
  purged_at: string | null;
  created_at: string;
  updated_at: string;
}

const timeOf = (text: string | null): Date | null => (text === null ? null : new Date(text));

/** A read-only user (secrets not read, as the ORM leaves its lazy properties). */
function userOfRow(row: UserRow): User {
  return detachedCopy(User, {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    jobTitle: row.job_title,
    location: row.location,
    roles: row.roles,
    status: row.status,
    totpEnabledAt: timeOf(row.totp_enabled_at),
    activatedAt: timeOf(row.activated_at),
    deactivatedAt: timeOf(row.deactivated_at),
    retentionUntil: row.retention_until,
    legalBasis: row.legal_basis,
    legalBasisNote: row.legal_basis_note,
    purgedAt: timeOf(row.purged_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}
