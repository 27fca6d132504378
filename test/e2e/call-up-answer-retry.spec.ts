import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';

type Person = Awaited<ReturnType<typeof addUser>>;

describe('messaging: call-up answers that survive a lost connection', () => {
  let t: OnboardedTenant;
  let anna: Person;

  before(async function () {
    this.timeout(60_000);
    t = await onboardTenant('Veiligheidsregio Antwoord');
    anna = await addUser(t, ['member'], 'Anna Antwoord');
  });

  const callUp = async () =>
    (await expectStatus(await call('POST', '/v1/messages', { token: t.adminToken, body: { title: 'Opkomst', body: 'Kom', answerOptions: ['beschikbaar', 'niet beschikbaar'], audience: { userIds: [anna.id] } } }), 201)).id as string;
  const answer = (id: string, body: Record<string, unknown>) => call('PUT', `/v1/me/inbox/${id}/answer`, { token: anna.token, body });
  const recorded = async (id: string) => (await expectStatus(await call('GET', `/v1/me/inbox/${id}`, { token: anna.token }), 200)).answer as string | null;

  it('answers a retry with its client id with the answer recorded then, and lets a late, older answer not overwrite a newer one', async function () {
    this.timeout(30_000);
    const id = await callUp();
    const now = Date.now();
    const first = randomUUID();
    expect(expectStatus(await answer(id, { option: 'beschikbaar', clientId: first, observedAt: new Date(now - 60_000).toISOString() }), 200)).to.deep.equal({ answer: 'beschikbaar' });
    const changed = randomUUID();
    expectStatus(await answer(id, { option: 'niet beschikbaar', clientId: changed, observedAt: new Date(now - 10_000).toISOString() }), 200);
    // The retry of the latest answer: the same answer, nothing changes.
    expect(expectStatus(await answer(id, { option: 'niet beschikbaar', clientId: changed, observedAt: new Date(now - 10_000).toISOString() }), 200)).to.deep.equal({ answer: 'niet beschikbaar' });
    // The first answer's retry, arriving after the change (given earlier on the device): the later answer stands.
    expect(expectStatus(await answer(id, { option: 'beschikbaar', clientId: first, observedAt: new Date(now - 60_000).toISOString() }), 200)).to.deep.equal({ answer: 'niet beschikbaar' });
    expect(await recorded(id)).to.equal('niet beschikbaar');
    // A device clock far off is refused and changes nothing.
    const bad = await answer(id, { option: 'beschikbaar', clientId: randomUUID(), observedAt: new Date(now + 3600_000).toISOString() });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/problem\+json/);
    expect(await recorded(id)).to.equal('niet beschikbaar');
    // Without a client id or a device time, answers stay changeable as before.
    expectStatus(await answer(id, { option: 'beschikbaar' }), 200);
    expect(await recorded(id)).to.equal('beschikbaar');
  });
});
