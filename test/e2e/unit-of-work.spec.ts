import { expect } from 'chai';
import type { UserProfileChanged } from '../../src/modules/users/domain/events.js';
import { PLATFORM } from '../../src/platform/container/tokens.js';
import type { EventBus } from '../../src/platform/events/event-bus.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

/**
 * What each module's ports.ts states: a use case's changes (an entity it changed, saved or not, and
 * its audit entries) are written when the request's transaction commits, and not at all when a
 * later step of the same request fails. UpdateUser changes the user it read and never saves it;
 * the user.profile_changed subscribers run after that change, inside the same transaction.
 */
describe('unit of work: a request writes all of its changes or none of them', () => {
  let t: OnboardedTenant;
  /** The user whose next profile change a subscriber refuses, once the use case has changed the row. */
  let refuseFor: string | null = null;

  before(async () => {
    t = await onboardTenant('Gemeente Eenheid');
    env()
      .platform.container.get<EventBus>(PLATFORM.EventBus)
      .subscribe<UserProfileChanged>('user.profile_changed', (event) => (event.userId === refuseFor ? Promise.reject(new Error('a later step of the request fails')) : Promise.resolve()));
  });

  const rolesChanged = async (userId: string): Promise<number> =>
    expectStatus(await call('GET', `/v1/audit-events?action=user.roles_changed&subjectId=${userId}`, { token: t.adminToken }), 200).items.length;

  it('writes a changed user at the commit, without a save', async () => {
    const member = await addUser(t, ['member'], 'Noor Bakker');
    const updated = expectStatus(await call('PATCH', `/v1/users/${member.id}`, { token: t.adminToken, body: { name: 'Noor de Bakker', roles: ['coordinator'] } }), 200);
    expect(updated).to.include({ name: 'Noor de Bakker' });
    const stored = expectStatus(await call('GET', `/v1/users/${member.id}`, { token: t.adminToken }), 200);
    expect(stored).to.include({ name: 'Noor de Bakker' });
    expect(stored.roles).to.deep.equal(['coordinator']);
    expect(await rolesChanged(member.id)).to.equal(1);
  });

  it('leaves the row and the audit trail unchanged when a later step of the same request fails', async () => {
    const member = await addUser(t, ['member'], 'Daan Smit');
    refuseFor = member.id;
    try {
      const failed = await call('PATCH', `/v1/users/${member.id}`, { token: t.adminToken, body: { name: 'Daan Smits', roles: ['coordinator'] } });
      expect(failed.status, failed.text).to.equal(500);
    } finally {
      refuseFor = null;
    }
    const stored = expectStatus(await call('GET', `/v1/users/${member.id}`, { token: t.adminToken }), 200);
    expect(stored).to.include({ name: 'Daan Smit' });
    expect(stored.roles).to.deep.equal(['member']);
    expect(await rolesChanged(member.id)).to.equal(0);

    // The same request again, with nothing failing after it, is written.
    expectStatus(await call('PATCH', `/v1/users/${member.id}`, { token: t.adminToken, body: { name: 'Daan Smits' } }), 200);
    expect(expectStatus(await call('GET', `/v1/users/${member.id}`, { token: t.adminToken }), 200)).to.include({ name: 'Daan Smits' });
  });
});
