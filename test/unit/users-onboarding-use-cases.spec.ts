import { expect } from 'chai';
import { EnsureGroups } from '../../src/modules/users/application/ensure-groups.js';
import { EnsureUsers } from '../../src/modules/users/application/ensure-users.js';
import { InviteFirstAdmin } from '../../src/modules/users/application/invite-first-admin.js';
import { PeopleDirectory } from '../../src/modules/users/application/people-directory.js';
import { GroupMembership } from '../../src/modules/users/domain/group.js';
import { EmailTaken, InvalidUser } from '../../src/modules/users/domain/user.errors.js';
import { fail } from '../../src/platform/domain/result.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';
import { OTHER_TENANT, T, activeUser, world } from '../support/in-memory/users-world.js';

describe('users onboarding and directory use cases (in-memory ports)', () => {
  describe('EnsureUsers and InviteFirstAdmin', () => {
    it('invites the users a tenant file names, aligns names and roles of those who exist, and leaves the rest alone', async () => {
      const p = world();
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const other = activeUser(p, { email: 'ander@oost.example', name: 'Ander', roles: ['member'] });
      const ensure = new EnsureUsers(p, p.invitations);
      const file = [
        { email: 'MO@oost.example', name: 'Mo Lid', roles: ['coordinator' as const] },
        { email: 'nieuw@oost.example', name: 'Nieuw', roles: ['member' as const] },
      ];
      expect(valueOf(await ensure.execute({ tenantId: T, users: file }))).to.deep.equal({ invited: 1, updated: 1, unchanged: 0 });
      expect(mo.roles).to.deep.equal(['coordinator']);
      expect(other.roles).to.deep.equal(['member']);
      expect(p.mailer.sent.map((m) => m.to)).to.deep.equal(['nieuw@oost.example']);
      expect(valueOf(await ensure.execute({ tenantId: T, users: file }))).to.deep.equal({ invited: 0, updated: 0, unchanged: 2 });
      expect(errorOf(await ensure.execute({ tenantId: T, users: [{ email: 'kapot', name: 'X', roles: ['member'] }] }))).to.be.instanceOf(InvalidUser);
      expect(p.users.users).to.have.length(3);
    });

    it('stops at an address taken meanwhile by a concurrent invitation (EmailTaken), with the users before it invited', async () => {
      const p = world();
      // Someone else invites Bea between this file's look-up and its invitation.
      const racing = { invite: (command: Parameters<typeof p.invitations.invite>[0]) => (command.email === 'bea@oost.example' ? Promise.resolve(fail(new EmailTaken())) : p.invitations.invite(command)) };
      const file = [
        { email: 'nieuw@oost.example', name: 'Nieuw', roles: ['member' as const] },
        { email: 'bea@oost.example', name: 'Bea', roles: ['member' as const] },
        { email: 'later@oost.example', name: 'Later', roles: ['member' as const] },
      ];
      expect(errorOf(await new EnsureUsers(p, racing).execute({ tenantId: T, users: file }))).to.be.instanceOf(EmailTaken);
      expect(p.users.users.map((u) => u.email)).to.deep.equal(['nieuw@oost.example']);
    });

    it('invites the first admin of a new tenant, and throws (rolling the tenant back) when that cannot be done', async () => {
      const p = world();
      await new InviteFirstAdmin(p.invitations).handle({ tenantId: T, firstAdmin: { name: 'Ada Admin', email: 'ada@oost.example' } });
      expect(p.users.users.map((u) => [u.email, u.roles, u.status])).to.deep.equal([['ada@oost.example', ['admin'], 'invited']]);
      expect(p.mailer.sent).to.have.length(1);
      const thrown = await new InviteFirstAdmin(p.invitations).handle({ tenantId: T, firstAdmin: { name: 'Ada twee', email: 'ada@oost.example' } }).catch((error: unknown) => error);
      expect(thrown).to.be.instanceOf(EmailTaken);
    });
  });

  describe('EnsureGroups', () => {
    it('creates the groups a file names with their members, updates a changed one, counts unchanged ones, and refuses a member no one defined', async () => {
      const p = world();
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const ensure = new EnsureGroups(p);
      const groups = [{ name: 'Ploeg A', type: 'team' as const, description: null, members: ['MO@oost.example'] }];
      const first = valueOf(await ensure.execute({ tenantId: T, groups }));
      expect(first).to.deep.include({ created: 1, updated: 0, unchanged: 0 });
      const id = first.idsByName.get('Ploeg A')!;
      expect(p.groups.memberships.map((m) => [m.groupId, m.userId])).to.deep.equal([[id, mo.id]]);
      expect(valueOf(await ensure.execute({ tenantId: T, groups }))).to.deep.include({ created: 0, updated: 0, unchanged: 1 });
      expect(valueOf(await ensure.execute({ tenantId: T, groups: [{ ...groups[0]!, type: 'location' }] }))).to.deep.include({ updated: 1 });
      expect(p.groups.groups[0]!.type).to.equal('location');
      const refused = errorOf(await ensure.execute({ tenantId: T, groups: [{ ...groups[0]!, members: ['niemand@oost.example'] }] }));
      expect(refused.fields[0]!.pointer).to.equal('/groups');
      expect(p.groups.memberships).to.have.length(1);
    });
  });

  describe('PeopleDirectory', () => {
    it('answers other modules about groups, members (not deactivated), audiences and missing ids', async () => {
      const p = world();
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const gone = activeUser(p, { email: 'weg@oost.example', name: 'Weg', roles: ['member'] });
      valueOf(gone.deactivate(p.clock.now()));
      const { idsByName } = valueOf(await new EnsureGroups(p).execute({ tenantId: T, groups: [{ name: 'Ploeg A', type: 'team', description: null, members: ['mo@oost.example'] }] }));
      const group = idsByName.get('Ploeg A')!;
      p.groups.addMembership(GroupMembership.of({ tenantId: T, groupId: group, userId: gone.id }, p.clock.now()));
      const directory = new PeopleDirectory(p);
      expect(await directory.groupName(T, group)).to.equal('Ploeg A');
      expect(await directory.groupName(T, OTHER_TENANT)).to.equal(null);
      expect(await directory.membersOf(T, group)).to.deep.equal([{ id: mo.id, name: 'Mo Lid' }]);
      expect(await directory.groupIdsOf(T, mo.id)).to.deep.equal([group]);
      expect(await directory.audienceIds(T, { everyone: false, groupIds: [group], userIds: [] })).to.deep.equal([mo.id]);
      expect(await directory.missingGroups(T, [group, OTHER_TENANT])).to.deep.equal([OTHER_TENANT]);
      expect(await directory.missingUsers(T, [mo.id, OTHER_TENANT])).to.deep.equal([OTHER_TENANT]);
      expect(await directory.userExists(T, gone.id)).to.equal(true);
      expect((await directory.profiles(T, [mo.id, gone.id])).map((x) => x.id)).to.deep.equal([mo.id]);
      expect(await directory.audienceMembers(T, { everyone: true, groupIds: [], userIds: [] }, { page: 1, pageSize: 10 })).to.deep.include({ active: 1, invited: 0, total: 1 });
    });
  });
});
