import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { EnsureTally } from '../../../platform/application/tenant-file.js';
import { Group, GroupMembership, type GroupType } from '../domain/group.js';
import { normaliseEmail } from '../domain/user.js';
import { InvalidUser } from '../domain/user.errors.js';
import type { UsersDeps } from './deps.js';

export interface EnsureGroupsCommand {
  tenantId: string;
  groups: Array<{ name: string; type: GroupType; description: string | null; members: string[] }>;
}

/**
 * Onboarding as code: groups named in a tenant definition exist afterwards with that type and
 * description, and the listed people are members. Groups and members not in the file are left alone.
 */
export class EnsureGroups {
  constructor(private readonly d: Pick<UsersDeps, 'groups' | 'users' | 'clock'>) {}

  async execute(command: EnsureGroupsCommand): Promise<Result<EnsureTally & { idsByName: Map<string, string> }, InvalidUser>> {
    const tally: EnsureTally = { created: 0, updated: 0, unchanged: 0 };
    // What the rest of the file (incident templates) names groups by.
    const idsByName = new Map<string, string>();
    const now = this.d.clock.now();
    for (const wanted of command.groups) {
      let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
      let group = await this.d.groups.byName(command.tenantId, wanted.name);
      if (!group) {
        const created = Group.create({ tenantId: command.tenantId, name: wanted.name, type: wanted.type, description: wanted.description }, now);
        if (!created.ok) return created;
        group = created.value;
        this.d.groups.add(group);
        outcome = 'created';
      } else if (group.type !== wanted.type || group.description !== (wanted.description?.trim() || null)) {
        group.update({ type: wanted.type, description: wanted.description }, now);
        outcome = 'updated';
      }
      for (const email of wanted.members) {
        const user = await this.d.users.byEmail(command.tenantId, normaliseEmail(email));
        if (!user) return fail(new InvalidUser('groups', `lists ${email} as a member of ${wanted.name}, but no such user is defined`));
        if (await this.d.groups.membership(command.tenantId, group.id, user.id)) continue;
        this.d.groups.addMembership(GroupMembership.of({ tenantId: command.tenantId, groupId: group.id, userId: user.id }, now));
        if (outcome === 'unchanged') outcome = 'updated';
      }
      tally[outcome]++;
      idsByName.set(wanted.name, group.id);
    }
    return ok({ ...tally, idsByName });
  }
}
