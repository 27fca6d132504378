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
    const missing: string[] = [];
    for (const id of userIds) if (!(await this.d.users.byId(tenantId, id))) missing.push(id);
    return missing;
  }

  async profiles(tenantId: string, userIds: string[]): Promise<Array<{ id: string; name: string; jobTitle: string | null; phone: string | null; email: string }>> {
    const profiles = [];
    for (const id of userIds) {
      const user = await this.d.users.byId(tenantId, id);
      if (user && user.status !== 'deactivated') profiles.push({ id: user.id, name: user.name, jobTitle: user.jobTitle, phone: user.phone, email: user.email });
    }
    return profiles;
  }
}
