import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import type { Actor, UserActor } from '../../../platform/auth/actor.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { GroupType } from '../domain/group.js';
import type { DeviceSession } from '../domain/session.js';
import type { User } from '../domain/user.js';
import type { UsersDeps } from './deps.js';
import type { TenantInfo } from '../ports.js';

export interface MyProfile {
  user: User;
  groups: Array<{ id: string; name: string; type: GroupType }>;
  secondFactorRequired: boolean;
  /** Every user reads their own organisation's name, language, time zone and branding (tenant.read is for admins). */
  tenant: { name: string; locale: TenantInfo['locale']; timeZone: string; primaryColor: string | null; accentColor: string | null; logoMediaId: string | null };
}

/** The caller's own account, with their groups and whether their organisation asks a second factor. */
export class GetMe {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups' | 'tenants'>) {}

  async execute(query: { actor: UserActor }): Promise<Result<MyProfile, NotFound>> {
    const user = await this.d.users.byId(query.actor.tenantId, query.actor.userId);
    if (!user) return fail(new NotFound('User'));
    const groupIds = (await this.d.groups.groupIdsOf(query.actor.tenantId, [user.id])).get(user.id) ?? [];
    const groups = [];
    for (const id of groupIds) {
      const group = await this.d.groups.byId(query.actor.tenantId, id);
      if (group) groups.push({ id: group.id, name: group.name, type: group.type });
    }
    const tenant = await this.d.tenants.byId(query.actor.tenantId);
    if (!tenant) return fail(new NotFound('Tenant'));
    const own = { name: tenant.name, locale: tenant.locale, timeZone: tenant.timeZone, primaryColor: tenant.primaryColor, accentColor: tenant.accentColor, logoMediaId: tenant.logoMediaId };
    return ok({ user, groups, secondFactorRequired: user.needsSecondFactor(tenant.secondFactorPolicy), tenant: own });
  }
}

/** Active sessions of a user: their own list, or an admin's view of someone's devices (a read of their personal data). */
export class ListSessions {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'sessions' | 'audit'>) {}

  async execute(query: { actor: Actor; userId: string }): Promise<Result<DeviceSession[], NotFound>> {
    if (!(await this.d.users.byId(query.actor.tenantId, query.userId))) return fail(new NotFound('User'));
    recordPersonalDataReads(this.d.audit, query.actor, 'user', [query.userId], 'devices');
    return ok(await this.d.sessions.activeOf(query.actor.tenantId, query.userId));
  }
}

/** Signs out one of the caller's own devices; another user's session id is not found. */
export class RevokeMySession {
  constructor(private readonly d: Pick<UsersDeps, 'sessions' | 'clock' | 'audit'>) {}

  async execute(command: { actor: UserActor; sessionId: string }): Promise<Result<void, NotFound>> {
    const session = await this.d.sessions.byId(command.actor.tenantId, command.sessionId);
    if (!session || session.userId !== command.actor.userId || !session.isActive()) return fail(new NotFound('Session'));
    session.revoke('revoked_by_user', this.d.clock.now());
    this.d.audit.record({
      tenantId: command.actor.tenantId,
      action: 'session.revoked',
      actorType: 'user',
      actorId: command.actor.userId,
      subjectType: 'user',
      subjectId: command.actor.userId,
      clientAddress: command.actor.clientAddress,
      details: { sessionId: session.id },
    });
    return ok(undefined);
  }
}
