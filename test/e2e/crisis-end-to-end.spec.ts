import { expect } from 'chai';
import { findTextAnywhere } from '../helpers/database-search.js';
import { addUser, onboardTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';
import { createGroupIn } from '../helpers/operation-fixtures.js';

const SETUP = {
  types: [{ key: 'brand', name: 'Brand' }],
  roles: [{ key: 'adviseur', name: 'Adviseur', default: true }],
  locations: [],
  classifications: [{ key: 'waarneming', name: 'Waarneming' }],
  labels: [],
  allowMemberActivation: false,
  memberVisibility: 'all',
};

/**
 * The modules together, as an organisation lives through a crisis: an incident tells its team
 * through messaging, people answer a call-up and work in the log, and afterwards one of them
 * exercises their GDPR rights — the export holds every module's part, and the erasure reaches
 * every module while the log keeps its evidence under a pseudonym.
 */
describe('a crisis across the modules: incident, messages, log, export and erasure', () => {
  it('tells the linked team through their inbox, exports all a person left behind, and erases them everywhere but the evidence', async function () {
    this.timeout(60_000);
    const t = await onboardTenant('Gemeente Doorloop');
    const coordinator = await addUser(t, ['coordinator'], 'Coby Coördinator');
    const person = await addUser(t, ['member'], 'Wilhelmina Zwaluwstaart');
    const team = await createGroupIn(t);
    expectStatus(await call('PUT', `/v1/groups/${team}/members/${person.id}`, { token: t.adminToken }), 204);
    expectStatus(await call('POST', '/v1/me/devices', { token: person.token, body: { platform: 'android', token: 'fcm-doorloop-1', appVersion: '3.1.0' } }), 201);
    expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);

    // Activation links the team: its member finds the call in the inbox (messaging, same transaction).
    const incident = expectStatus(
      await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Brand in het gemeentehuis', type: 'brand', severity: 'major', exercise: false, teams: [{ groupId: team }] } }),
      201,
    );
    const inbox = expectStatus(await call('GET', '/v1/me/inbox', { token: person.token }), 200);
    expect(inbox.items.map((m: { title: string }) => m.title).join(' | ')).to.contain('Brand in het gemeentehuis');

    // A call-up to the team, answered; a log entry; an action assigned to the person, who is told.
    const callUp = expectStatus(
      await call('POST', '/v1/messages', { token: t.adminToken, body: { title: 'Opkomst', body: 'Kom naar de crisiskamer.', answerOptions: ['beschikbaar', 'niet beschikbaar'], audience: { groupIds: [team] } } }),
      201,
    );
    expectStatus(await call('PUT', `/v1/me/inbox/${callUp.id}/answer`, { token: person.token, body: { option: 'beschikbaar' } }), 200);
    const entry = expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: person.token, body: { text: 'Rook in de raadszaal.', classification: 'waarneming' } }), 201);
    expect(entry.author).to.include({ id: person.id, name: 'Wilhelmina Zwaluwstaart' });
    const action = expectStatus(await call('POST', `/v1/incidents/${incident.id}/actions`, { token: coordinator.token, body: { title: 'Raadszaal ontruimen', assignee: { userId: person.id } } }), 201);
    const told = expectStatus(await call('GET', '/v1/me/inbox', { token: person.token }), 200);
    expect(told.items.map((m: { title: string }) => m.title).join(' | ')).to.contain('Raadszaal ontruimen');

    // Right of access: one export with every module's part about the person.
    const exported = expectStatus(await call('GET', `/v1/privacy/users/${person.id}/export?format=json`, { token: t.adminToken }), 200);
    const data = exported.data as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(data)).to.include.members(['profile', 'groups', 'messages', 'log_entries', 'incident_actions', 'incident_participations']);
    expect(JSON.stringify(data.messages)).to.contain('Opkomst').and.to.contain('beschikbaar');
    expect(JSON.stringify(data.log_entries)).to.contain('Rook in de raadszaal.');
    expect(JSON.stringify(data.incident_actions)).to.contain(action.id);

    // Erasure: the name is nowhere in the database; the log keeps the entry under a pseudonym.
    expect(await findTextAnywhere('Zwaluwstaart')).to.not.deep.equal([]);
    expectStatus(await call('POST', `/v1/privacy/users/${person.id}/erase`, { token: t.adminToken }), 204);
    expect(await findTextAnywhere('Zwaluwstaart')).to.deep.equal([]);
    expect(await findTextAnywhere('fcm-doorloop-1')).to.deep.equal([]);
    const entries = expectStatus(await call('GET', `/v1/incidents/${incident.id}/entries`, { token: coordinator.token }), 200);
    const kept = entries.items.find((e: { id: string }) => e.id === entry.id);
    expect(kept.text).to.equal('Rook in de raadszaal.');
    expect(kept.author.name).to.match(/^Oud-deelnemer W\.Z\. #[0-9a-f]{6}$/);
  });
});
