import { expect } from 'chai';
import fc from 'fast-check';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';

/**
 * Property: whatever the audiences, a member's view holds exactly the published items whose
 * audience includes them (everyone, one of their groups, or them by name) and the folders above
 * those — never an item outside their audience.
 */
describe('audiences, over random assignments', () => {
  let t: OnboardedTenant;
  const groups: string[] = [];
  const members: Array<{ id: string; token: string; groups: Set<string> }> = [];
  let folder: string;
  const items: string[] = [];

  before(async function () {
    this.timeout(60_000);
    t = await onboardTenant();
    for (const name of ['Crisisteam', 'BHV', 'Locatie Noord']) {
      groups.push((await call('POST', '/v1/groups', { token: t.adminToken, body: { name, type: 'team' } })).body.id as string);
    }
    const memberships = [[0], [1], [0, 2], []];
    for (const indices of memberships) {
      const member = await addUser(t, ['member']);
      for (const i of indices) await call('PUT', `/v1/groups/${groups[i]}/members/${member.id}`, { token: t.adminToken });
      members.push({ id: member.id, token: member.token, groups: new Set(indices.map((i) => groups[i]!)) });
    }
    folder = (await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'folder', title: 'Map', body: {} } })).body.id as string;
    await call('POST', `/v1/content/items/${folder}/publish`, { token: t.adminToken });
    for (let i = 0; i < 5; i++) {
      const id = (await call('POST', '/v1/content/items', { token: t.adminToken, body: { parentId: i % 2 ? folder : null, kind: 'page', title: `P${i}`, body: { markdown: String(i) } } })).body.id as string;
      await call('POST', `/v1/content/items/${id}/publish`, { token: t.adminToken });
      items.push(id);
    }
  });

  it('never shows a member an item outside their audience, and always shows those inside', async function () {
    this.timeout(120_000);
    const audienceArb = fc.record({
      everyone: fc.boolean(),
      groups: fc.subarray([0, 1, 2]),
      users: fc.subarray([0, 1, 2, 3]),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(audienceArb, { minLength: 5, maxLength: 5 }), async (audiences) => {
        for (const [i, a] of audiences.entries()) {
          const reply = await call('PUT', `/v1/content/items/${items[i]}/audience`, {
            token: t.adminToken,
            body: { everyone: a.everyone, groupIds: a.groups.map((g) => groups[g]!), userIds: a.users.map((u) => members[u]!.id) },
          });
          expect(reply.status, reply.text).to.equal(200);
        }
        for (const [m, member] of members.entries()) {
          const expected = new Set<string>();
          audiences.forEach((a, i) => {
            const inAudience = a.everyone || a.users.includes(m) || a.groups.some((g) => member.groups.has(groups[g]!));
            if (inAudience) {
              expected.add(items[i]!);
              if (i % 2) expected.add(folder);
            }
          });
          const view = await call('GET', '/v1/me/content', { token: member.token });
          expect(view.status).to.equal(200);
          const got = new Set((view.body.items as Array<{ id: string }>).map((x) => x.id));
          expect([...got].sort()).to.deep.equal([...expected].sort());
        }
      }),
      { numRuns: 12 },
    );
  });
});
