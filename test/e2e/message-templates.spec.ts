import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { applyTenantFile, parseTenantFile } from '../../src/onboarding/tenant-file.js';
import { activate, addUser, onboardTenant, signIn, type OnboardedTenant } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';
import { call } from '../helpers/http.js';
import { createGroupIn } from '../helpers/operation-fixtures.js';

const CALL_UP = {
  name: 'Opkomst crisisteam',
  title: 'Opkomst: {{incident.title}}',
  body: 'Kom naar {{ incident.location }} ({{incident.type}}, {{incident.severity}}).',
  priority: 'urgent',
  answerOptions: ['beschikbaar', 'niet beschikbaar'],
  goal: { option: 'beschikbaar', count: 1, withinMinutes: 15, autoClose: false },
};

describe('message and call-up templates', function () {
  this.timeout(60_000);
  let t: OnboardedTenant;
  let other: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Sjablonen');
    other = await onboardTenant('Andere organisatie');
  });

  it('is created, read, listed, replaced and deleted, with the placeholders it holds', async () => {
    const created = await call('POST', '/v1/message-templates', { token: t.adminToken, body: CALL_UP });
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('location')).to.equal(`/v1/message-templates/${created.body.id}`);
    expect(created.body).to.deep.include({ name: 'Opkomst crisisteam', priority: 'urgent', format: 'plain', answerOptions: ['beschikbaar', 'niet beschikbaar'], waves: [] });
    expect(created.body.goal).to.deep.equal({ option: 'beschikbaar', count: 1, withinMinutes: 15, autoClose: false });
    expect(created.body.placeholders).to.deep.equal(['incident.title', 'incident.location', 'incident.type', 'incident.severity']);
    const id = created.body.id as string;

    expect((await call('GET', `/v1/message-templates/${id}`, { token: t.adminToken })).body.title).to.equal('Opkomst: {{incident.title}}');
    const list = await call('GET', '/v1/message-templates', { token: t.adminToken });
    expect(list.body.items.map((i: { id: string }) => i.id)).to.include(id);

    const replaced = await call('PUT', `/v1/message-templates/${id}`, { token: t.adminToken, body: { name: 'Informatie', title: 'Stand van zaken', body: 'Geen actie nodig.' } });
    expect(replaced.status, replaced.text).to.equal(200);
    expect(replaced.body).to.deep.include({ name: 'Informatie', answerOptions: [], goal: null, placeholders: [] });

    expect((await call('DELETE', `/v1/message-templates/${id}`, { token: t.adminToken })).status).to.equal(204);
    expect((await call('GET', `/v1/message-templates/${id}`, { token: t.adminToken })).status).to.equal(404);
  });

  it('refuses an unknown placeholder with problem+json and stores nothing', async () => {
    const before = (await call('GET', '/v1/message-templates', { token: t.adminToken })).body.items.length as number;
    const refused = await call('POST', '/v1/message-templates', { token: t.adminToken, body: { ...CALL_UP, body: 'Kom naar {{incident.locatie}}.' } });
    expect(refused.status).to.equal(400);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(refused.body.type).to.equal('/problems/message-template-unknown-placeholder');
    expect(refused.body.errors).to.deep.equal([{ pointer: '/body/body', detail: 'unknown placeholder {{incident.locatie}}' }]);
    // The message's own rules hold for a template too: a goal on an option it does not have.
    const badGoal = await call('POST', '/v1/message-templates', { token: t.adminToken, body: { ...CALL_UP, goal: { option: 'misschien', count: 2 } } });
    expect(badGoal.status).to.equal(400);
    expect(badGoal.body.errors[0].pointer).to.equal('/body/goal/option');
    expect((await call('GET', '/v1/message-templates', { token: t.adminToken })).body.items).to.have.length(before);
  });

  it('sends from a template: placeholders filled in, the request overriding, a missing value refused', async () => {
    const member = await addUser(t, ['member'], 'Mila');
    const reserve = await createGroupIn(t);
    const reservist = await addUser(t, ['member'], 'Ruben');
    expect((await call('PUT', `/v1/groups/${reserve}/members/${reservist.id}`, { token: t.adminToken })).status).to.be.within(200, 204);
    const template = await call('POST', '/v1/message-templates', { token: t.adminToken, body: { ...CALL_UP, waves: [{ afterMinutes: 10, audience: { groupIds: [reserve] }, remind: true }] } });
    expect(template.status, template.text).to.equal(201);
    const values = { 'incident.title': 'Stroomstoring', 'incident.location': 'Hoofdgebouw', 'incident.type': 'Storing', 'incident.severity': 'major' };

    const missing = await call('POST', '/v1/messages', { token: t.adminToken, body: { templateId: template.body.id, placeholders: { 'incident.title': 'Stroomstoring' }, audience: { userIds: [member.id] } } });
    expect(missing.status).to.equal(400);
    expect(missing.body.type).to.equal('/problems/message-template-missing-value');
    expect(missing.body.errors[0].pointer).to.equal('/body/placeholders/incident.location');

    const sent = await call('POST', '/v1/messages', { token: t.adminToken, body: { templateId: template.body.id, placeholders: values, priority: 'normal', audience: { userIds: [member.id] } } });
    expect(sent.status, sent.text).to.equal(201);
    expect(sent.body).to.deep.include({ title: 'Opkomst: Stroomstoring', body: 'Kom naar Hoofdgebouw (Storing, major).', priority: 'normal', kind: 'call_up', answerOptions: ['beschikbaar', 'niet beschikbaar'] });
    expect(sent.body.goal).to.include({ option: 'beschikbaar', count: 1, autoClose: false });
    expect(Date.parse(sent.body.goal.by) - Date.parse(sent.body.createdAt)).to.equal(15 * 60_000);
    const stats = await call('GET', `/v1/messages/${sent.body.id}`, { token: t.adminToken });
    expect(stats.body.callUp.waves.map((w: { afterMinutes: number; remind: boolean; audience: { groupIds: string[] } }) => [w.afterMinutes, w.remind, w.audience.groupIds])).to.deep.equal([[10, true, [reserve]]]);
    const inbox = await call('GET', '/v1/me/inbox', { token: member.token });
    expect(inbox.body.items.map((m: { title: string }) => m.title)).to.include('Opkomst: Stroomstoring');

    // A title and options given with the template win over the template's.
    const overridden = await call('POST', '/v1/messages', { token: t.adminToken, body: { templateId: template.body.id, placeholders: values, title: 'Eigen titel', answerOptions: ['ja', 'nee'], goal: { option: 'ja', count: 1 }, waves: [], audience: { userIds: [member.id] } } });
    expect(overridden.status, overridden.text).to.equal(201);
    expect(overridden.body).to.deep.include({ title: 'Eigen titel', body: 'Kom naar Hoofdgebouw (Storing, major).', answerOptions: ['ja', 'nee'] });
  });

  it('answers 404 for another organisation’s template, to read, change, delete or send from', async () => {
    const mine = await call('POST', '/v1/message-templates', { token: t.adminToken, body: CALL_UP });
    const id = mine.body.id as string;
    for (const [method, body] of [['GET', undefined], ['PUT', CALL_UP], ['DELETE', undefined]] as const) {
      const reply = await call(method, `/v1/message-templates/${id}`, { token: other.adminToken, ...(body ? { body } : {}) });
      expect(reply.status, `${method} ${reply.text}`).to.equal(404);
    }
    const sent = await call('POST', '/v1/messages', { token: other.adminToken, body: { templateId: id, placeholders: {}, audience: { userIds: [other.adminId] } } });
    expect(sent.status).to.equal(404);
    expect(sent.body.type).to.equal('/problems/not-found');
    expect((await call('GET', '/v1/message-templates', { token: other.adminToken })).body.items.map((i: { id: string }) => i.id)).to.not.include(id);
    expect((await call('GET', `/v1/message-templates/${id}`, { token: t.adminToken })).status).to.equal(200);
  });

  it('lets an incident template notify through a call-up template, filled from the incident', async () => {
    const member = await addUser(t, ['member'], 'Noor');
    const group = await createGroupIn(t);
    expect((await call('PUT', `/v1/groups/${group}/members/${member.id}`, { token: t.adminToken })).status).to.be.within(200, 204);
    const callUp = await call('POST', '/v1/message-templates', { token: t.adminToken, body: { ...CALL_UP, goal: null } });
    const incidentTemplate = await call('POST', '/v1/incident-templates', {
      token: t.adminToken,
      body: { key: 'stroom', name: 'Stroomstoring', type: 'general', severity: 'major', location: { address: 'Stationsweg 1, Tiel' }, teams: [{ groupId: group, role: 'member' }], notification: { kind: 'template', messageTemplateId: callUp.body.id } },
    });
    expect(incidentTemplate.status, incidentTemplate.text).to.equal(201);
    expect(incidentTemplate.body.notification).to.deep.equal({ kind: 'template', messageTemplateId: callUp.body.id });

    // Another organisation's template cannot be named.
    const foreign = await call('POST', '/v1/message-templates', { token: other.adminToken, body: CALL_UP });
    const refused = await call('POST', '/v1/incident-templates', { token: t.adminToken, body: { key: 'vreemd', name: 'Vreemd', type: 'general', severity: 'minor', notification: { kind: 'template', messageTemplateId: foreign.body.id } } });
    expect(refused.status).to.equal(404);

    const activated = await call('POST', '/v1/incident-activations', { token: t.adminToken, body: { templateId: incidentTemplate.body.id, title: 'Stroom uitgevallen in Tiel' } });
    expect(activated.status, activated.text).to.equal(201);
    expect(activated.body.notification).to.deep.equal({ title: 'Opkomst: Stroom uitgevallen in Tiel', body: 'Kom naar Stationsweg 1, Tiel (Algemeen, major).' });
    expect(activated.body.notified).to.include(member.id);
    const inbox = await call('GET', '/v1/me/inbox', { token: member.token });
    const message = inbox.body.items.find((m: { title: string }) => m.title === 'Opkomst: Stroom uitgevallen in Tiel');
    expect(message, inbox.text).to.not.equal(undefined);
    expect(message).to.deep.include({ kind: 'call_up', answerOptions: ['beschikbaar', 'niet beschikbaar'], priority: 'urgent' });
    expect((await call('PUT', `/v1/me/inbox/${message.id}/answer`, { token: member.token, body: { option: 'beschikbaar' } })).status).to.equal(200);

    // The message template deleted since: the standard notification, and activation says so.
    expect((await call('DELETE', `/v1/message-templates/${callUp.body.id}`, { token: t.adminToken })).status).to.equal(204);
    const again = await call('POST', '/v1/incident-activations', { token: t.adminToken, body: { templateId: incidentTemplate.body.id, title: 'Tweede storing', exercise: true } });
    expect(again.status, again.text).to.equal(201);
    expect(again.body.missing).to.deep.include({ kind: 'message_template', ref: callUp.body.id, detail: 'the message template no longer exists; the standard notification was sent' });
    expect(again.body.notification.title).to.equal('Incident: Tweede storing');
  });

  it('comes from a tenant file, matched by name, named by an incident template of the file; applying it again changes nothing', async () => {
    const slug = `sjablonen-${randomUUID().slice(0, 8)}`;
    const admin = `beheer@${slug}.test`;
    const text = [
      `tenant: { slug: ${slug}, name: Sjablonen uit bestand }`,
      `users:`,
      `  - { name: Beheerder, email: ${admin}, roles: [admin] }`,
      `groups:`,
      `  - { name: Reserve, type: team, members: [${admin}] }`,
      `messageTemplates:`,
      `  - name: Opkomst`,
      `    title: 'Opkomst: {{incident.title}}'`,
      `    body: 'Kom naar {{incident.location}}.'`,
      `    answerOptions: [ja, nee]`,
      `    waves: [{ afterMinutes: 5, groups: [Reserve] }]`,
      `incidentTemplates:`,
      `  - { key: storing, name: Storing, type: general, severity: minor, notification: { messageTemplate: Opkomst } }`,
    ].join('\n');
    const file = parseTenantFile(text);
    if (!file.ok) throw new Error(file.error);
    const first = await applyTenantFile(env().platform, file.value);
    if (!first.ok) throw new Error(first.error);
    expect(first.value.summary).to.contain('incident templates: 1 created').and.contain('message templates: 1 created, 0 updated, 0 unchanged');
    const again = await applyTenantFile(env().platform, file.value);
    if (!again.ok) throw new Error(again.error);
    expect(again.value.summary).to.contain(`tenant ${slug} unchanged`);

    await activate(admin);
    const token = await signIn(slug, admin);
    const items = (await call('GET', '/v1/message-templates', { token })).body.items as Array<{ id: string; name: string; waves: Array<{ audience: { groupIds: string[] } }> }>;
    expect(items.map((i) => i.name)).to.deep.equal(['Opkomst']);
    expect(items[0]!.waves[0]!.audience.groupIds).to.have.length(1);
    const incidentTemplates = (await call('GET', '/v1/incident-templates', { token })).body.items as Array<{ key: string; notification: unknown }>;
    expect(incidentTemplates.find((i) => i.key === 'storing')!.notification).to.deep.equal({ kind: 'template', messageTemplateId: items[0]!.id });
  });
});
