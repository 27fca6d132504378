import type { AudienceMembers } from '../ports.js';
import type { UsersDeps } from './deps.js';

/**
 * What other modules may know of people and groups (content audiences, contact lists, message
 * recipients): they ask here instead of reading this module's tables.
 */
export class PeopleDirectory {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'groups'>) {}

  async groupIdsOf(tenantId: string, userId: string): Promise<string[]> {
    return (await this.d.groups.groupIdsOf(tenantId, [userId])).get(userId) ?? [];
  }

  async userExists(tenantId: string, userId: string): Promise<boolean> {
    return (await this.d.users.byId(tenantId, userId)) !== null;
  }

  async missingGroups(tenantId: string, groupIds: string[]): Promise<string[]> {
    const missing: string[] = [];
    for (const id of groupIds) if (!(await this.d.groups.byId(tenantId, id))) missing.push(id);
    return missing;
  }

  async missingUsers(tenantId: string, userIds: string[]): Promise<string[]> {
    const found = new Set((await this.d.users.byIds(tenantId, userIds)).map((u) => u.id));
    return userIds.filter((id) => !found.has(id));
  }

  /** The active users (not invited, not deactivated) an audience reaches now (message recipients): everyone, group members, named users. */
  audienceIds(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }): Promise<string[]> {
    return this.d.users.activeIdsIn(tenantId, audience);
  }

  /** Who an audience reaches (content's "who sees this"): counts, and a page of the active users by name. */
  audienceMembers(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }, query: { page: number; pageSize: number; search?: string }): Promise<AudienceMembers> {
    return this.d.users.audienceMembers(tenantId, audience, query);
  }

  profiles(tenantId: string, userIds: string[]): Promise<Array<{ id: string; name: string; jobTitle: string | null; phone: string | null; email: string }>> {
    return this.d.users.profiles(tenantId, userIds);
  }

  /** A group's name, or null when the tenant has no such group. */
  async groupName(tenantId: string, groupId: string): Promise<string | null> {
    return (await this.d.groups.byId(tenantId, groupId))?.name ?? null;
  }

  /** The users of a group who are not deactivated, with their names (incident teams, message recipients). */
  async membersOf(tenantId: string, groupId: string): Promise<Array<{ id: string; name: string }>> {
    const members: Array<{ id: string; name: string }> = [];
    for (let page = 1; ; page++) {
      const { items } = await this.d.users.list(tenantId, { page, pageSize: 200, groupId });
      members.push(...items.filter((user) => user.status !== 'deactivated').map((user) => ({ id: user.id, name: user.name })));
      if (items.length < 200) return members;
    }
  }
}
