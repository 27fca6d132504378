import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Group, GroupMembership, type GroupType } from '../domain/group.js';
import type { User } from '../domain/user.js';
import { GroupNameTaken, type InvalidUser } from '../domain/user.errors.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';

export interface GroupView {
  group: Group;
  memberCount: number;
}

function audited(d: Pick<UsersDeps, 'audit'>, actor: Actor, action: string, groupId: string, details?: Record<string, unknown>): void {
  d.audit.record(auditEntry(actor, { action, subjectType: 'group', subjectId: groupId, ...(details ? { details } : {}) }));
}

export class CreateGroup {
  constructor(private readonly d: Pick<UsersDeps, 'groups' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; name: string; type: GroupType; description: string | null }): Promise<
    Result<GroupView, InvalidUser | GroupNameTaken>
  > {
    const { tenantId } = command.actor;
    if (await this.d.groups.byName(tenantId, command.name)) return fail(new GroupNameTaken(command.name.trim()));
    const created = Group.create({ tenantId, name: command.name, type: command.type, description: command.description }, this.d.clock.now());
    if (!created.ok) return created;
    this.d.groups.add(created.value);
    audited(this.d, command.actor, 'group.created', created.value.id, { name: created.value.name, type: created.value.type });
    return ok({ group: created.value, memberCount: 0 });
  }
}

export class ListGroups {
  constructor(private readonly d: Pick<UsersDeps, 'groups'>) {}

  async execute(query: { actor: Actor; page: number; pageSize: number; type?: GroupType; search?: string }): Promise<{
    items: GroupView[];
    total: number;
    page: number;
    pageSize: number;
  }> {
    const { items, total } = await this.d.groups.list(query.actor.tenantId, query);
    const counts = await this.d.groups.memberCounts(query.actor.tenantId, items.map((g) => g.id));
    return { items: items.map((group) => ({ group, memberCount: counts.get(group.id) ?? 0 })), total, page: query.page, pageSize: query.pageSize };
  }
}

export class GetGroup {
  constructor(private readonly d: Pick<UsersDeps, 'groups'>) {}

  async execute(query: { actor: Actor; groupId: string }): Promise<Result<GroupView, NotFound>> {
    const group = await this.d.groups.byId(query.actor.tenantId, query.groupId);
    if (!group) return fail(new NotFound('Group'));
    const counts = await this.d.groups.memberCounts(query.actor.tenantId, [group.id]);
    return ok({ group, memberCount: counts.get(group.id) ?? 0 });
  }
}

export class UpdateGroup {
  constructor(private readonly d: Pick<UsersDeps, 'groups' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; groupId: string; changes: { name?: string; type?: GroupType; description?: string | null } }): Promise<
    Result<GroupView, NotFound | InvalidUser | GroupNameTaken>
  > {
    const { tenantId } = command.actor;
    const group = await this.d.groups.byId(tenantId, command.groupId);
    if (!group) return fail(new NotFound('Group'));
    if (command.changes.name !== undefined) {
      const other = await this.d.groups.byName(tenantId, command.changes.name);
      if (other && other.id !== group.id) return fail(new GroupNameTaken(command.changes.name.trim()));
    }
    const updated = group.update(command.changes, this.d.clock.now());
    if (!updated.ok) return updated;
    audited(this.d, command.actor, 'group.updated', group.id, { fields: Object.keys(command.changes) });
    const counts = await this.d.groups.memberCounts(tenantId, [group.id]);
    return ok({ group, memberCount: counts.get(group.id) ?? 0 });
  }
}

export class DeleteGroup {
  constructor(private readonly d: Pick<UsersDeps, 'groups' | 'audit'>) {}

  async execute(command: { actor: Actor; groupId: string }): Promise<Result<void, NotFound>> {
    const group = await this.d.groups.byId(command.actor.tenantId, command.groupId);
    if (!group) return fail(new NotFound('Group'));
    await this.d.groups.remove(group);
    audited(this.d, command.actor, 'group.deleted', group.id, { name: group.name });
    return ok(undefined);
  }
}

export class ListGroupMembers {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups' | 'audit'>) {}

  async execute(query: { actor: Actor; groupId: string; page: number; pageSize: number }): Promise<
    Result<{ items: Array<{ user: User; groupIds: string[] }>; total: number; page: number; pageSize: number }, NotFound>
  > {
    if (!(await this.d.groups.byId(query.actor.tenantId, query.groupId))) return fail(new NotFound('Group'));
    const { items, total } = await this.d.users.list(query.actor.tenantId, { page: query.page, pageSize: query.pageSize, groupId: query.groupId });
    const groups = await this.d.groups.groupIdsOf(query.actor.tenantId, items.map((u) => u.id));
    // The member list shows each member's profile: a read of their personal data.
    recordPersonalDataReads(this.d.audit, query.actor, 'user', items.map((u) => u.id), 'profile');
    return ok({ items: items.map((user) => ({ user, groupIds: groups.get(user.id) ?? [] })), total, page: query.page, pageSize: query.pageSize });
  }
}

export class AddGroupMember {
  constructor(private readonly d: Pick<UsersDeps, 'groups' | 'users' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; groupId: string; userId: string }): Promise<Result<void, NotFound>> {
    const { tenantId } = command.actor;
    if (!(await this.d.groups.byId(tenantId, command.groupId))) return fail(new NotFound('Group'));
    if (!(await this.d.users.byId(tenantId, command.userId))) return fail(new NotFound('User'));
    if (await this.d.groups.membership(tenantId, command.groupId, command.userId)) return ok(undefined);
    this.d.groups.addMembership(GroupMembership.of({ tenantId, groupId: command.groupId, userId: command.userId }, this.d.clock.now()));
    audited(this.d, command.actor, 'group.member_added', command.groupId, { userId: command.userId });
    return ok(undefined);
  }
}

export class RemoveGroupMember {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups' | 'audit'>) {}

  async execute(command: { actor: Actor; groupId: string; userId: string }): Promise<Result<void, NotFound>> {
    const { tenantId } = command.actor;
    if (!(await this.d.groups.byId(tenantId, command.groupId))) return fail(new NotFound('Group'));
    if (!(await this.d.users.byId(tenantId, command.userId))) return fail(new NotFound('User'));
    const membership = await this.d.groups.membership(tenantId, command.groupId, command.userId);
    if (!membership) return ok(undefined);
    this.d.groups.removeMembership(membership);
    audited(this.d, command.actor, 'group.member_removed', command.groupId, { userId: command.userId });
    return ok(undefined);
  }
}
