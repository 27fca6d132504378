import { expect } from 'chai';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../src/platform/privacy/personal-data.js';
import { addUser, onboardTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { createGroupIn } from '../helpers/operation-fixtures.js';
import { env } from '../helpers/test-env.js';

function holders(): Map<string, PersonalDataHolder> {
  const all = env().platform.container.getAll<PersonalDataHolder>(PERSONAL_DATA.Holder);
  return new Map(all.filter((h) => ['log_entries', 'incident_actions', 'incident_participations'].includes(h.category)).map((h) => [h.category, h]));
}

describe('incidents: personal data (export and erasure through the privacy contract)', () => {
  it('exports a person’s entries, actions and participations, and erases their name while the entries stay as evidence', async function () {
    this.timeout(30_000);
    const t = await onboardTenant('Privacy Log');
    const subject = await addUser(t, ['member'], 'Sanne Subject');
    const colleague = await addUser(t, ['member'], 'Koen Collega');
    const groupId = await createGroupIn(t);
    for (const user of [subject, colleague]) expect((await call('PUT', `/v1/groups/${groupId}/members/${user.id}`, { token: t.adminToken })).status).to.equal(204);
    const incident = (await call('POST', '/v1/incidents', { token: t.adminToken, body: { title: 'Stroomuitval', type: 'general', severity: 'moderate', teams: [{ groupId }] } })).body;
    const entry = (await call('POST', `/v1/incidents/${incident.id}/entries`, { token: subject.token, body: { text: 'Noodstroom werkt.' } })).body;
    await call('POST', `/v1/incidents/${incident.id}/entries`, { token: colleague.token, body: { text: 'Liften staan stil.' } });
    const created = (await call('POST', `/v1/incidents/${incident.id}/actions`, { token: subject.token, body: { title: 'Aggregaat controleren', assignee: { userId: colleague.id } } })).body;
    const assigned = (await call('POST', `/v1/incidents/${incident.id}/actions`, { token: colleague.token, body: { title: 'Brandstof bestellen', assignee: { userId: subject.id } } })).body;
    expect((await call('PATCH', `/v1/incidents/${incident.id}/actions/${assigned.id}`, { token: subject.token, body: { status: 'done' } })).status).to.equal(200);
    // Assigned to the subject once, then to someone else: the history still names the subject.
    const handedOn = (await call('POST', `/v1/incidents/${incident.id}/actions`, { token: colleague.token, body: { title: 'Buren informeren', assignee: { userId: subject.id } } })).body;
    expect((await call('PATCH', `/v1/incidents/${incident.id}/actions/${handedOn.id}`, { token: colleague.token, body: { assignee: { userId: colleague.id } } })).status).to.equal(200);

    const h = holders();
    expect([...h.keys()]).to.have.members(['log_entries', 'incident_actions', 'incident_participations']);
    const subjectRef = { tenantId: t.id, userId: subject.id };
    const exported = await env().platform.uow.run(t.id, async () => ({
      entries: await h.get('log_entries')!.exportSubject(subjectRef),
      actions: await h.get('incident_actions')!.exportSubject(subjectRef),
      participations: await h.get('incident_participations')!.exportSubject(subjectRef),
    }));
    expect(exported.entries.map((r) => r.text)).to.deep.equal(['Noodstroom werkt.']);
    expect(exported.actions.map((r) => [r.title, r.involvement])).to.have.deep.members([
      ['Aggregaat controleren', 'created'],
      ['Aggregaat controleren', 'assigned'],
      ['Brandstof bestellen', 'assignee'],
      ['Brandstof bestellen', 'completed'],
      ['Buren informeren', 'was_assignee'],
    ]);
    expect(exported.participations).to.have.length(1);
    expect(exported.participations[0]).to.include({ incidentId: incident.id, name: 'Sanne Subject' });

    // Erasure through every holder, in one unit of work, as the privacy module does it.
    await env().platform.uow.run(t.id, async () => {
      for (const holder of h.values()) await holder.eraseSubject({ ...subjectRef, pseudonym: 'Verwijderde gebruiker 7' });
    });

    const entries = (await call('GET', `/v1/incidents/${incident.id}/entries`, { token: t.adminToken })).body.items;
    expect(entries).to.have.length(2);
    expect(entries.find((e: { id: string }) => e.id === entry.id)).to.deep.include({ text: 'Noodstroom werkt.' });
    expect(entries.find((e: { id: string }) => e.id === entry.id).author.name).to.equal('Verwijderde gebruiker 7');
    const report = await call('GET', `/v1/incidents/${incident.id}/report`, { token: t.adminToken });
    expect(report.status).to.equal(200);
    expect(report.text).to.not.contain('Sanne');
    expect(report.text).to.contain('Verwijderde gebruiker 7');
    expect(report.text).to.contain('Koen Collega');
    const actions = (await call('GET', `/v1/incidents/${incident.id}/actions`, { token: t.adminToken })).text;
    expect(actions).to.not.contain('Sanne');
    expect((await call('GET', `/v1/incidents/${incident.id}`, { token: t.adminToken })).text).to.not.contain('Sanne');
    expect(created.createdBy.name).to.equal('Sanne Subject');
  });
});
