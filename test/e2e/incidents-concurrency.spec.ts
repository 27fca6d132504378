import { expect } from 'chai';
import { addUser, onboardTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';

const SETUP = {
  types: [{ key: 'storing', name: 'Storing' }],
  roles: [{ key: 'adviseur', name: 'Adviseur', default: true }],
  locations: [],
  classifications: [],
  labels: [],
  allowMemberActivation: false,
  memberVisibility: 'all',
};

describe('incidents: concurrent changes of a team', () => {
  it('links a person once when several requests link them at the same moment, and tells them once', async () => {
    const t = await onboardTenant('Waterschap Gelijktijdig');
    const person = await addUser(t, ['member'], 'Gerrit Gelijk');
    expect((await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP })).status).to.equal(200);
    const incident = await call('POST', '/v1/incidents', { token: t.adminToken, body: { title: 'Gemaal uitgevallen', type: 'storing', severity: 'moderate', exercise: false } });
    expect(incident.status, incident.text).to.equal(201);

    const replies = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', `/v1/incidents/${incident.body.id}/participants`, { token: t.adminToken, body: { teams: [], users: [{ userId: person.id }] } })),
    );
    expect(replies.map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
    expect(replies.flatMap((r) => r.body.linked as string[])).to.deep.equal([person.id]);
    const detail = await call('GET', `/v1/incidents/${incident.body.id}`, { token: t.adminToken });
    expect(detail.body.members.filter((m: { userId: string }) => m.userId === person.id)).to.have.length(1);
    const inbox = await call('GET', '/v1/me/inbox', { token: person.token });
    expect(inbox.body.items.filter((m: { title: string }) => m.title.includes('Gemaal uitgevallen'))).to.have.length(1);
  });
});
