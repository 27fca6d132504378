import { expect } from 'chai';
import pg from 'pg';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../src/platform/privacy/personal-data.js';
import { pictureDocument } from '../../src/modules/incidents/domain/situation-picture.js';
import { pictureHash } from '../../src/modules/incidents/application/picture-hash.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';
import { createGroupIn, PICTURE_SETUP, taskCardIn, withPictureTemplatesIn } from '../helpers/operation-fixtures.js';
import { env } from '../helpers/test-env.js';

const SETUP = {
  ...PICTURE_SETUP,
  roles: [
    { key: 'member', name: 'Teamlid', default: true },
    { key: 'bhv', name: "BHV'er", default: false },
    { key: 'leider', name: 'Teamleider', default: false },
  ],
  locations: [{ key: 'tiel', name: 'Locatie Tiel', address: 'Lindelaan 12, Tiel' }],
};

async function teamOf(t: OnboardedTenant, ...userIds: string[]): Promise<string> {
  const groupId = await createGroupIn(t);
  for (const id of userIds) expect((await call('PUT', `/v1/groups/${groupId}/members/${id}`, { token: t.adminToken })).status).to.equal(204);
  return groupId;
}

async function incidentCount(t: OnboardedTenant): Promise<number> {
  return (await expectStatus(await call('GET', '/v1/incidents', { token: t.adminToken }), 200)).items.length as number;
}

describe('incidents from the plan: templates, activation, structured situation picture (issue 21)', () => {
  let t: OnboardedTenant;
  let other: OnboardedTenant;
  before(async function () {
    this.timeout(30_000);
    t = await onboardTenant('Plan');
    other = await onboardTenant('Plan Ander');
    expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);
  });

  it('keeps templates per tenant: add, list, replace, delete; bad input is 400, foreign ids 404, a taken key 409, nothing stored', async function () {
    this.timeout(30_000);
    const groupId = await createGroupIn(t);
    const cardId = await taskCardIn(t);
    const body = { key: 'brand', name: 'Brand', type: 'general', severity: 'major', location: { standardKey: 'tiel' }, teams: [{ groupId, role: 'bhv' }], taskCards: [{ taskCardId: cardId, role: 'bhv' }], notification: { kind: 'message', title: 'Brand', body: 'Kom naar de verzamelplaats.' }, situationPicture: 'bob' };
    const created = expectStatus(await call('POST', '/v1/incident-templates', { token: t.adminToken, body }), 201);
    expect(created).to.deep.include({ key: 'brand', type: 'general', severity: 'major', situationPicture: 'bob', location: { standardKey: 'tiel', address: null, latitude: null, longitude: null } });
    const before = (await call('GET', '/v1/incident-templates', { token: t.adminToken })).body.items.length as number;

    const refusals: Array<[string, unknown, number]> = [
      ['an unknown type', { ...body, key: 'x1', type: 'nope' }, 400],
      ['an unknown role', { ...body, key: 'x2', teams: [{ groupId, role: 'baas' }] }, 400],
      ['an unknown picture template', { ...body, key: 'x3', situationPicture: 'nope' }, 400],
      ['an unknown standard location', { ...body, key: 'x4', location: { standardKey: 'nope' } }, 400],
      ['an extra field', { ...body, key: 'x5', kleur: 'rood' }, 400],
      ["another tenant's group", { ...body, key: 'x6', teams: [{ groupId: await createGroupIn(other), role: 'bhv' }] }, 404],
      ["another tenant's task card", { ...body, key: 'x7', taskCards: [{ taskCardId: await taskCardIn(other), role: 'bhv' }] }, 404],
      ['a page where a task card belongs', { ...body, key: 'x8', taskCards: [{ taskCardId: (await call('POST', '/v1/content/items', { token: t.adminToken, body: { parentId: null, kind: 'page', title: 'P', body: { markdown: 'x' } } })).body.id, role: 'bhv' }] }, 404],
      ['a taken key', body, 409],
    ];
    for (const [what, wrong, status] of refusals) {
      const reply = await call('POST', '/v1/incident-templates', { token: t.adminToken, body: wrong });
      expect(reply.status, `${what}: ${reply.text}`).to.equal(status);
      expect(reply.headers.get('content-type'), what).to.match(/^application\/problem\+json/);
    }
    expect((await call('GET', '/v1/incident-templates', { token: t.adminToken })).body.items).to.have.length(before);
    // Members read templates (they may activate where allowed) but cannot change them.
    const member = await addUser(t, ['member']);
    expect((await call('GET', '/v1/incident-templates', { token: member.token })).status).to.equal(200);
    expect((await call('POST', '/v1/incident-templates', { token: member.token, body: { ...body, key: 'm' } })).status).to.equal(403);

    const replaced = expectStatus(await call('PUT', `/v1/incident-templates/${created.id}`, { token: t.adminToken, body: { ...body, severity: 'critical', teams: [] } }), 200);
    expect(replaced).to.deep.include({ severity: 'critical', teams: [] });
    expect((await call('PUT', `/v1/incident-templates/${created.id}`, { token: other.adminToken, body })).status).to.equal(404);
    expect((await call('DELETE', `/v1/incident-templates/${created.id}`, { token: other.adminToken })).status).to.equal(404);
    expect((await call('DELETE', `/v1/incident-templates/${created.id}`, { token: t.adminToken })).status).to.equal(204);
    expect((await call('DELETE', `/v1/incident-templates/${created.id}`, { token: t.adminToken })).status).to.equal(404);
  });

  it('activates from a template in one go: teams linked in their roles, task-card steps as actions by role, the notification sent; what is gone is reported', async function () {
    this.timeout(30_000);
    const bhv1 = await addUser(t, ['member'], 'Bea BHV');
    const bhv2 = await addUser(t, ['member'], 'Bram BHV');
    const lead = await addUser(t, ['member'], 'Lotte Leider');
    const bhvTeam = await teamOf(t, bhv1.id, bhv2.id);
    const doomedTeam = await teamOf(t);
    const bhvCard = await taskCardIn(t, ['Alarmeer de meldkamer', 'Ontruim de afdeling']);
    const leadCard = await taskCardIn(t, ['Informeer de familie']);
    const doomedCard = await taskCardIn(t, ['Wordt verwijderd']);
    const template = expectStatus(
      await call('POST', '/v1/incident-templates', {
        token: t.adminToken,
        body: {
          key: 'brand-tiel',
          name: 'Brand Tiel',
          type: 'general',
          severity: 'major',
          location: { standardKey: 'tiel' },
          teams: [{ groupId: bhvTeam, role: 'bhv' }, { groupId: doomedTeam, role: 'member' }],
          taskCards: [{ taskCardId: bhvCard, role: 'bhv' }, { taskCardId: leadCard, role: 'leider' }, { taskCardId: doomedCard, role: 'bhv' }],
          notification: { kind: 'message', title: 'Brand in Tiel', body: 'Kom naar de verzamelplaats.' },
          situationPicture: 'bob',
        },
      }),
      201,
    );
    expect((await call('DELETE', `/v1/groups/${doomedTeam}`, { token: t.adminToken })).status).to.equal(204);
    expect((await call('DELETE', `/v1/content/items/${doomedCard}`, { token: t.adminToken })).status).to.equal(204);

    const reply = await call('POST', '/v1/incident-activations', { token: t.adminToken, body: { templateId: template.id, title: 'Brand keuken Tiel', users: [{ userId: lead.id, role: 'leider' }] } });
    const done = expectStatus(reply, 201);
    expect(reply.headers.get('location')).to.equal(`/v1/incidents/${done.incident.id}`);
    expect(done.incident).to.deep.include({ type: 'general', severity: 'major', title: 'Brand keuken Tiel' });
    expect(done.incident.location).to.deep.include({ standardKey: 'tiel', name: 'Locatie Tiel' });
    expect(done.incident.plan).to.deep.equal({ source: 'template', id: template.id, name: 'Brand Tiel', escalationLevel: null, situationPicture: 'bob' });
    expect(done.linkedTeams).to.deep.equal([bhvTeam]);
    expect(done.notified).to.have.members([bhv1.id, bhv2.id, lead.id, t.adminId]);
    expect(done.missing).to.have.deep.members([
      { kind: 'team', ref: doomedTeam, detail: 'the group no longer exists; it was not linked' },
      { kind: 'task_card', ref: doomedCard, detail: 'the task card no longer exists; no actions were made from it' },
    ]);
    const byTitle = new Map(done.actions.map((a: { title: string; assignee: unknown }) => [a.title, a.assignee]));
    expect(byTitle.get('Alarmeer de meldkamer')).to.deep.equal({ userId: null, teamId: bhvTeam, name: (await call('GET', `/v1/groups/${bhvTeam}`, { token: t.adminToken })).body.name });
    expect(byTitle.get('Ontruim de afdeling')).to.have.property('teamId', bhvTeam);
    expect(byTitle.get('Informeer de familie')).to.deep.equal({ userId: lead.id, teamId: null, name: 'Lotte Leider' });
    expect(done.unassigned).to.deep.equal([]);
    const board = expectStatus(await call('GET', `/v1/incidents/${done.incident.id}/actions`, { token: t.adminToken }), 200);
    expect(board.items.map((a: { title: string }) => a.title)).to.have.members(['Alarmeer de meldkamer', 'Ontruim de afdeling', 'Informeer de familie']);
    const inbox = expectStatus(await call('GET', '/v1/me/inbox', { token: bhv1.token }), 200);
    expect(inbox.items.filter((m: { title: string }) => m.title === 'Brand in Tiel')).to.have.length(1);
    const detail = expectStatus(await call('GET', `/v1/incidents/${done.incident.id}`, { token: bhv1.token }), 200);
    expect(detail.members.find((m: { userId: string }) => m.userId === bhv1.id)).to.include({ role: 'bhv', teamId: bhvTeam });
  });

  it('activates from a scenario: its task cards become actions, its escalation level is recorded; a bad level or a foreign scenario changes nothing', async function () {
    this.timeout(30_000);
    const cardA = await taskCardIn(t, ['Sluit de afdeling af'], "BHV'er");
    const cardB = await taskCardIn(t, ['Bel de burgemeester'], 'Burgemeester');
    const scenario = expectStatus(
      await call('POST', '/v1/content/items', {
        token: t.adminToken,
        body: { parentId: null, kind: 'scenario', title: 'Uitbraak infectieziekte', body: { description: 'Draaiboek', escalationLevels: [{ level: 1, name: 'GRIP 1' }, { level: 2, name: 'GRIP 2' }], taskCardIds: [cardA, cardB] } },
      }),
      201,
    );
    const before = await incidentCount(t);
    const refusals: Array<[string, unknown, number]> = [
      ['a level the scenario lacks', { scenarioId: scenario.id, escalationLevel: 5, title: 'X', type: 'general', severity: 'major' }, 400],
      ['no type', { scenarioId: scenario.id, title: 'X', severity: 'major' }, 400],
      ['both a template and a scenario', { scenarioId: scenario.id, templateId: scenario.id, title: 'X', type: 'general', severity: 'major' }, 400],
      ['neither', { title: 'X', type: 'general', severity: 'major' }, 400],
      ["another tenant's scenario", { scenarioId: scenario.id, title: 'X', type: 'general', severity: 'major' }, 404],
      ['a task card given as scenario', { scenarioId: cardA, title: 'X', type: 'general', severity: 'major' }, 404],
      ['an unknown template', { templateId: '00000000-0000-4000-8000-000000000000', title: 'X' }, 404],
    ];
    for (const [what, body, status] of refusals) {
      const token = what.startsWith('another') ? other.adminToken : t.adminToken;
      const reply = await call('POST', '/v1/incident-activations', { token, body });
      expect(reply.status, `${what}: ${reply.text}`).to.equal(status);
      expect(reply.headers.get('content-type'), what).to.match(/^application\/problem\+json/);
    }
    expect(await incidentCount(t)).to.equal(before);

    const bhv = await addUser(t, ['member'], 'Bas BHV');
    const done = expectStatus(
      await call('POST', '/v1/incident-activations', { token: t.adminToken, body: { scenarioId: scenario.id, escalationLevel: 2, title: 'Norovirus afdeling 3', type: 'general', severity: 'moderate', exercise: true, users: [{ userId: bhv.id, role: 'bhv' }] } }),
      201,
    );
    expect(done.plan).to.deep.equal({ source: 'scenario', id: scenario.id, name: 'Uitbraak infectieziekte', escalationLevel: { level: 2, name: 'GRIP 2' }, situationPicture: null });
    expect(done.incident.exercise).to.equal(true);
    const closeOff = done.actions.find((a: { title: string }) => a.title === 'Sluit de afdeling af');
    expect(closeOff.assignee).to.deep.include({ userId: bhv.id });
    const call2 = done.actions.find((a: { title: string }) => a.title === 'Bel de burgemeester');
    expect(call2.assignee).to.equal(null);
    expect(done.unassigned).to.deep.equal([{ actionId: call2.id, taskCardId: cardB, role: null, reason: 'no incident role of the set-up matches the task card' }]);
  });

  it('keeps the situation picture in versions with author and time, chained; participants read it, the coordinator writes and sends it; the report holds every version; erasure pseudonymises', async function () {
    this.timeout(30_000);
    await withPictureTemplatesIn(t);
    const coordinator = await addUser(t, ['coordinator'], 'Coco Coördinator');
    const member = await addUser(t, ['member'], 'Mila Lid');
    const outsider = await addUser(t, ['member'], 'Otto Buiten');
    const incident = expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Stroomuitval', type: 'general', severity: 'moderate', users: [{ userId: member.id }] } }), 201);
    const path = `/v1/incidents/${incident.id}/situation-picture`;
    expect(expectStatus(await call('GET', path, { token: member.token }), 200)).to.deep.equal({ template: null, current: null, versions: [] });

    const badSaves: Array<[string, unknown, number, string]> = [
      ['no template for the first version', { sections: [{ key: 'beeldvorming', text: 'x' }] }, 400, coordinator.token],
      ['an unknown section', { template: 'bob', sections: [{ key: 'methane', text: 'x' }] }, 400, coordinator.token],
      ['a section twice', { template: 'bob', sections: [{ key: 'beeldvorming', text: 'x' }, { key: 'beeldvorming', text: 'y' }] }, 400, coordinator.token],
      ['a member', { template: 'bob', sections: [] }, 403, member.token],
    ];
    for (const [what, body, status, token] of badSaves) expect((await call('POST', `${path}/versions`, { token, body })).status, what).to.equal(status);
    expect((await call('POST', `${path}/versions`, { token: other.adminToken, body: { template: 'bob', sections: [] } })).status).to.equal(404);
    expect(expectStatus(await call('GET', path, { token: member.token }), 200).versions).to.deep.equal([]);

    const v1 = expectStatus(await call('POST', `${path}/versions`, { token: coordinator.token, body: { template: 'bob', basedOnVersion: 0, sections: [{ key: 'beeldvorming', text: 'Stroom uit in gebouw A.' }] } }), 201);
    expect(v1).to.deep.include({ version: 1, template: { key: 'bob', name: 'BOB-cyclus' }, author: { id: coordinator.id, name: 'Coco Coördinator' }, prevHash: null });
    expect(v1.sections.map((s: { key: string; text: string }) => [s.key, s.text])).to.deep.equal([['beeldvorming', 'Stroom uit in gebouw A.'], ['oordeelsvorming', ''], ['besluitvorming', '']]);
    const v2 = expectStatus(await call('POST', `${path}/versions`, { token: coordinator.token, body: { basedOnVersion: 1, sections: [{ key: 'beeldvorming', text: 'Stroom uit in gebouw A en B.' }, { key: 'besluitvorming', text: 'Noodaggregaat starten.' }] } }), 201);
    expect(v2).to.include({ version: 2, prevHash: v1.hash });
    expect(pictureHash(pictureDocument({ incidentId: incident.id, version: 2, authorId: coordinator.id, createdAt: new Date(v2.createdAt), templateKey: 'bob', sections: v2.sections, prevHash: v1.hash }))).to.equal(v2.hash);
    const stale = await call('POST', `${path}/versions`, { token: coordinator.token, body: { basedOnVersion: 1, sections: [] } });
    expect(stale.status).to.equal(409);
    expect(stale.body.type).to.equal('/problems/incident-picture-stale');
    expect((await call('POST', `${path}/versions`, { token: coordinator.token, body: { template: 'andere', sections: [] } })).status).to.equal(400);

    const read = expectStatus(await call('GET', path, { token: member.token }), 200);
    expect(read.current.version).to.equal(2);
    expect(read.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2]);
    expect(read.template.sections.map((s: { key: string }) => s.key)).to.deep.equal(['beeldvorming', 'oordeelsvorming', 'besluitvorming']);
    expect((await call('GET', path, { token: outsider.token })).status).to.equal(404);
    expect((await call('GET', path, { token: other.adminToken })).status).to.equal(404);

    expect((await call('POST', `${path}/send`, { token: coordinator.token, body: { version: 9 } })).status).to.equal(404);
    expect((await call('POST', `${path}/send`, { token: member.token, body: { version: 2 } })).status).to.equal(403);
    const sent = expectStatus(await call('POST', `${path}/send`, { token: coordinator.token, body: { version: 2 } }), 200);
    expect(sent).to.deep.equal({ version: 2, sentTo: [member.id] });
    const message = expectStatus(await call('GET', '/v1/me/inbox', { token: member.token }), 200).items.find((m: { title: string }) => m.title === 'Situatiebeeld 2: Stroomuitval');
    expect(message, 'the version reaches the team as a message').to.not.equal(undefined);

    // The versions are append-only for the application role: only the author's name can change.
    const app = new pg.Client({ connectionString: env().database.appUrl });
    await app.connect();
    try {
      await app.query('begin');
      await app.query(`select set_config('app.tenant_id', $1, true)`, [t.id]);
      let refused = '';
      try {
        await app.query(`update incident_situation_pictures set sections = '[]' where tenant_id = $1`, [t.id]);
      } catch (error) {
        refused = (error as Error).message;
      }
      expect(refused).to.match(/permission denied/);
      await app.query('rollback');
    } finally {
      await app.end();
    }

    const report = expectStatus(await call('GET', `/v1/incidents/${incident.id}/report?format=json`, { token: coordinator.token }), 200);
    expect(report.situationPicture.template).to.equal('BOB-cyclus');
    expect(report.situationPicture.chain).to.deep.equal({ valid: true, brokenAt: null });
    expect(report.situationPicture.versions.map((v: { version: number; hash: string }) => [v.version, v.hash])).to.deep.equal([[1, v1.hash], [2, v2.hash]]);
    const pdf = await call('GET', `/v1/incidents/${incident.id}/report?format=pdf`, { token: coordinator.token });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');

    const holder = env().platform.container.getAll<PersonalDataHolder>(PERSONAL_DATA.Holder).find((h) => h.category === 'situation_pictures')!;
    const subject = { tenantId: t.id, userId: coordinator.id };
    const exported = await env().platform.uow.run(t.id, () => holder.exportSubject(subject));
    expect(exported.map((r) => r.version)).to.deep.equal([1, 2]);
    await env().platform.uow.run(t.id, () => holder.eraseSubject({ ...subject, pseudonym: 'Gebruiker 7f3a' }));
    const after = expectStatus(await call('GET', path, { token: member.token }), 200);
    expect(after.versions.map((v: { author: { name: string; id: string } }) => v.author)).to.deep.equal([
      { id: coordinator.id, name: 'Gebruiker 7f3a' },
      { id: coordinator.id, name: 'Gebruiker 7f3a' },
    ]);
    expect(after.versions.map((v: { hash: string }) => v.hash)).to.deep.equal([v1.hash, v2.hash]);
    const reportAfterErasure = expectStatus(await call('GET', `/v1/incidents/${incident.id}/report?format=json`, { token: coordinator.token }), 200);
    expect(reportAfterErasure.situationPicture.chain, 'erasure keeps the chain valid').to.deep.equal({ valid: true, brokenAt: null });

    // Someone with the owner's rights rewrites what version 1 said: the report names that version.
    const owner = new pg.Client({ connectionString: env().database.ownerUrl });
    await owner.connect();
    try {
      await owner.query('begin');
      await owner.query(`select set_config('app.tenant_id', $1, true)`, [t.id]);
      await owner.query(`update incident_situation_pictures set sections = jsonb_set(sections, '{0,text}', '"Niets aan de hand."') where tenant_id = $1 and incident_id = $2 and version = 1`, [t.id, incident.id]);
      await owner.query('commit');
    } finally {
      await owner.end();
    }
    const tampered = expectStatus(await call('GET', `/v1/incidents/${incident.id}/report?format=json`, { token: coordinator.token }), 200);
    expect(tampered.situationPicture.chain).to.deep.equal({ valid: false, brokenAt: 1 });
  });
});
