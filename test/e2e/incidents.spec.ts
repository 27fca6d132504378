import { expect } from 'chai';
import { PDFParse } from 'pdf-parse';
import { CONTENT_MEDIA, type MediaAccessDecider } from '../../src/modules/content/application/media-access.js';
import { IncidentMediaAccess } from '../../src/modules/incidents/application/media.js';
import type { Permission } from '../../src/platform/auth/permissions.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, download, fileForm, expectStatus } from '../helpers/http.js';
import { createGroupIn } from '../helpers/operation-fixtures.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';
import { openSse } from '../helpers/sse.js';
import { env } from '../helpers/test-env.js';

type Person = Awaited<ReturnType<typeof addUser>>;

type SentMessage = { title: string; priority: string; source: string | null; audience: { userIds: string[] } };

/** What the incidents module sent through messaging about this (its source reference), oldest first, as the console's message list shows it. */
async function sentAbout(t: OnboardedTenant, source: string): Promise<SentMessage[]> {
  const page = await expectStatus(await call('GET', '/v1/messages?pageSize=200', { token: t.adminToken }), 200);
  return (page.items as SentMessage[]).filter((m) => m.source === source).reverse();
}

const SETUP = {
  types: [{ key: 'brand', name: 'Brand' }, { key: 'ontruiming', name: 'Ontruiming' }, { key: 'it-storing', name: 'IT-storing' }],
  roles: [{ key: 'adviseur', name: 'Adviseur', default: true }, { key: 'coordinator', name: 'Coördinator', default: false }],
  locations: [{ key: 'hoofdlocatie', name: 'Hoofdlocatie Tiel', address: 'Stationsweg 1, Tiel', latitude: 51.887, longitude: 5.429 }],
  classifications: [{ key: 'waarneming', name: 'Waarneming' }, { key: 'besluit', name: 'Besluit' }],
  labels: [{ key: 'slachtoffers', name: 'Slachtoffers' }, { key: 'pers', name: 'Pers' }],
  allowMemberActivation: false,
  memberVisibility: 'all',
};

async function teamWith(t: OnboardedTenant, people: Person[]): Promise<string> {
  const groupId = await createGroupIn(t);
  for (const p of people) await expectStatus(await call('PUT', `/v1/groups/${groupId}/members/${p.id}`, { token: t.adminToken }), 204);
  return groupId;
}

describe('incidents: the log tool through HTTP', () => {
  let t: OnboardedTenant;
  let coordinator: Person;
  let m1: Person;
  let m2: Person;
  let outsider: Person;
  let teamA: string;
  let teamB: string;

  before(async function () {
    this.timeout(60_000);
    t = await onboardTenant('Zorggroep Log');
    coordinator = await addUser(t, ['coordinator'], 'Carla Coördinator');
    m1 = await addUser(t, ['member'], 'Mohammed Eerste');
    m2 = await addUser(t, ['member'], 'Marieke Tweede');
    outsider = await addUser(t, ['member'], 'Otto Buiten');
    teamA = await teamWith(t, [m1]);
    teamB = await teamWith(t, [m2]);
    await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);
  });

  it('refuses a set-up without exactly one default role, changing nothing', async () => {
    const bad = await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: { ...SETUP, roles: [{ key: 'a', name: 'A', default: false }] } });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/problem\+json/);
    const setup = await expectStatus(await call('GET', '/v1/incident-setup', { token: m1.token }), 200);
    expect(setup.roles).to.deep.equal(SETUP.roles);
  });

  it('activates an incident and an action whose title and description are as long as allowed; the inbox entry is cut to fit, once marked as exercise', async function () {
    this.timeout(30_000);
    const person = await addUser(t, ['member'], 'Lange Titel');
    const title = `${'Grote brand in het zorgcentrum aan de Stationsweg '.repeat(4)}`.slice(0, 200);
    const description = 'Rook '.repeat(1000);
    expect([title.length, description.length]).to.deep.equal([200, 5000]);
    const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title, type: 'brand', severity: 'minor', description, users: [{ userId: person.id }] } }), 201);
    const actionTitle = 'Bewoners '.repeat(40).slice(0, 300);
    await expectStatus(await call('POST', `/v1/incidents/${incident.id}/actions`, { token: coordinator.token, body: { title: actionTitle, assignee: { userId: person.id } } }), 201);
    const inbox = await expectStatus(await call('GET', '/v1/me/inbox', { token: person.token }), 200);
    const linkedMsg = inbox.items.find((m: { title: string }) => m.title.startsWith('Incident: '));
    expect(linkedMsg.title).to.equal(`${`Incident: ${title}`.slice(0, 119).trimEnd()}…`).and.have.length.at.most(120);
    expect(linkedMsg.body).to.equal(`${description.slice(0, 3999).trimEnd()}…`).and.have.length.at.most(4000);
    const actionMsg = inbox.items.find((m: { title: string }) => m.title.startsWith('Actie: '));
    expect(actionMsg.title).to.equal(`${`Actie: ${actionTitle}`.slice(0, 119).trimEnd()}…`);

    // An exercise is marked once, in front.
    const drill = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Ontruimingsoefening', type: 'ontruiming', severity: 'minor', exercise: true, users: [{ userId: person.id }] } }), 201);
    const after = await expectStatus(await call('GET', '/v1/me/inbox', { token: person.token }), 200);
    expect(after.items.map((m: { title: string }) => m.title)).to.include('OEFENING: Incident: Ontruimingsoefening');
    expect((await sentAbout(t, `incident:${drill.id as string}`)).map((m) => m.title)).to.deep.equal(['OEFENING: Incident: Ontruimingsoefening']);
  });

  it('runs a full incident with two teams, from activation to the report (JSON and PDF)', async function () {
    this.timeout(60_000);
    // Activate: two teams, the coordinator in a role of their own; exercise, at a standard location.
    const activated = await expectStatus(
      await call('POST', '/v1/incidents', {
        token: coordinator.token,
        body: { title: 'Brand in keuken hoofdgebouw', type: 'brand', severity: 'major', description: 'Rook op de eerste verdieping.', location: { standardKey: 'hoofdlocatie' }, exercise: true, teams: [{ groupId: teamA }, { groupId: teamB }], users: [{ userId: coordinator.id, role: 'coordinator' }] },
      }),
      201,
    );
    const id = activated.id as string;
    expect(activated).to.include({ status: 'active', exercise: true, severity: 'major', type: 'brand' });
    expect(activated.location).to.include({ standardKey: 'hoofdlocatie', address: 'Stationsweg 1, Tiel' });
    expect(activated.teams.map((x: { groupId: string }) => x.groupId)).to.have.members([teamA, teamB]);
    const roles = Object.fromEntries(activated.members.map((m: { userId: string; role: string }) => [m.userId, m.role]));
    expect(roles).to.deep.equal({ [m1.id]: 'adviseur', [m2.id]: 'adviseur', [coordinator.id]: 'coordinator' });
    // Everyone newly linked is told, in one message; a major incident's is urgent, an exercise's marked.
    const linked = await sentAbout(t, `incident:${id}`);
    expect(linked).to.have.length(1);
    expect(linked[0]!.audience.userIds).to.have.members([m1.id, m2.id, coordinator.id]);
    expect(linked[0]).to.include({ title: 'OEFENING: Incident: Brand in keuken hoofdgebouw', priority: 'urgent' });

    // Linking again tells only the new person.
    const later = await expectStatus(await call('POST', `/v1/incidents/${id}/participants`, { token: coordinator.token, body: { teams: [{ groupId: teamA }], users: [{ userId: outsider.id }] } }), 200);
    expect(later.linked).to.deep.equal([outsider.id]);
    expect((await sentAbout(t, `incident:${id}`)).map((m) => m.audience.userIds)).to.deep.equal([linked[0]!.audience.userIds, [outsider.id]]);
    await expectStatus(await call('DELETE', `/v1/incidents/${id}/members/${outsider.id}`, { token: coordinator.token }), 204);
    await expectStatus(await call('PUT', `/v1/incidents/${id}/members/${m2.id}`, { token: coordinator.token, body: { role: 'coordinator' } }), 200);
    await expectStatus(await call('PUT', `/v1/incidents/${id}/members/${m2.id}`, { token: coordinator.token, body: { role: 'adviseur' } }), 200);
    // Reading the team list is a read of those people's data, audited per person (not the reader).
    await expectStatus(await call('GET', `/v1/incidents/${id}`, { token: m1.token }), 200);
    const reads = await expectStatus(await call('GET', `/v1/audit-events?action=personal_data.read&pageSize=100`, { token: t.adminToken }), 200);
    const byM1 = reads.items.filter((e: { actorId: string; details: { category?: string } }) => e.actorId === m1.id && e.details.category === 'incident_participation').map((e: { subjectId: string }) => e.subjectId);
    expect(byM1).to.include.members([m2.id, coordinator.id]);
    expect(byM1).to.not.include(m1.id);

    // Log: a photo (metadata stripped by the media port), text, a correction.
    const upload = await expectStatus(await call('POST', `/v1/incidents/${id}/media`, { token: m1.token, form: fileForm(smallPhonePhoto(), 'keuken.jpg', 'image/jpeg') }), 201);
    const first = await expectStatus(await call('POST', `/v1/incidents/${id}/entries`, { token: m1.token, body: { text: 'Rook uit de keuken, twee medewerkers geëvacueerd.', mediaIds: [upload.id], classification: 'waarneming', labels: ['slachtoffers'] } }), 201);
    expect(first.author).to.include({ id: m1.id, name: 'Mohammed Eerste', teamId: teamA, role: 'adviseur' });
    const second = await expectStatus(await call('POST', `/v1/incidents/${id}/entries`, { token: m2.token, body: { text: 'Brandweer is gebeld om 10:05.', classification: 'besluit' } }), 201);
    const correction = await expectStatus(await call('POST', `/v1/incidents/${id}/entries`, { token: m2.token, body: { text: 'Correctie: brandweer gebeld om 10:03.', correctsId: second.id } }), 201);
    expect(correction.correctsId).to.equal(second.id);
    expect([first.seq, second.seq, correction.seq]).to.deep.equal([1, 2, 3]);
    // Someone else's file cannot be attached; an unknown label is refused; neither changes anything.
    expect((await call('POST', `/v1/incidents/${id}/entries`, { token: m2.token, body: { text: 'x', mediaIds: [upload.id] } })).status).to.equal(400);
    expect((await call('POST', `/v1/incidents/${id}/entries`, { token: m2.token, body: { text: 'x', labels: ['onbekend'] } })).status).to.equal(400);
    // Entries are evidence: no way to edit or delete them.
    expect((await call('DELETE', `/v1/incidents/${id}/entries/${first.id}`, { token: t.adminToken })).status).to.be.oneOf([404, 405]);

    // A member not linked can neither read nor post.
    expect((await call('GET', `/v1/incidents/${id}`, { token: outsider.token })).status).to.equal(404);
    expect((await call('GET', `/v1/incidents/${id}/entries`, { token: outsider.token })).status).to.equal(404);
    expect((await call('POST', `/v1/incidents/${id}/entries`, { token: outsider.token, body: { text: 'Ik ben er niet bij' } })).status).to.equal(404);
    expect((await call('GET', '/v1/incidents', { token: outsider.token })).body.items).to.deep.equal([]);
    expect((await call('GET', '/v1/incidents', { token: m1.token })).body.items.map((i: { id: string }) => i.id)).to.include(id);

    // The coordinator's feed, filtered.
    const entries = async (query: string) => ((await expectStatus(await call('GET', `/v1/incidents/${id}/entries${query}`, { token: coordinator.token }), 200)).items as Array<{ id: string }>).map((e) => e.id);
    expect(await entries('')).to.deep.equal([first.id, second.id, correction.id]);
    expect(await entries(`?teamId=${teamA}`)).to.deep.equal([first.id]);
    expect(await entries(`?authorId=${m2.id}`)).to.deep.equal([second.id, correction.id]);
    expect(await entries('?classification=besluit')).to.deep.equal([second.id]);
    expect(await entries('?label=slachtoffers')).to.deep.equal([first.id]);
    expect(await entries('?kind=media')).to.deep.equal([first.id]);
    expect(await entries('?kind=text')).to.deep.equal([second.id, correction.id]);
    expect(await entries(`?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).to.deep.equal([]);
    expect(await entries('?after=1&limit=1')).to.deep.equal([second.id]);

    // Marking important builds the overview every linked member sees.
    const marked = await expectStatus(await call('PUT', `/v1/incidents/${id}/entries/${first.id}/highlight`, { token: coordinator.token, body: { important: true, summary: 'Keukenbrand, 2 geëvacueerd' } }), 200);
    expect(marked.changeSeq).to.be.greaterThan(correction.changeSeq);
    expect((await call('PUT', `/v1/incidents/${id}/entries/${first.id}/highlight`, { token: m1.token, body: { important: false } })).status).to.equal(403);
    const overview = await expectStatus(await call('GET', `/v1/incidents/${id}/overview`, { token: m2.token }), 200);
    expect(overview.items.map((e: { id: string; summary: string }) => [e.id, e.summary])).to.deep.equal([[first.id, 'Keukenbrand, 2 geëvacueerd']]);
    expect(await entries('?important=true')).to.deep.equal([first.id]);

    // A linked member opens the photo through a signed link; someone not linked cannot.
    const media = await expectStatus(await call('GET', `/v1/media/${upload.id}`, { token: m2.token }), 200);
    const thumb = await download(media.urls.thumb as string, m2.token);
    expect(thumb.status).to.equal(200);
    expect(thumb.headers.get('content-type')).to.equal('image/webp');
    expect((await call('GET', `/v1/media/${upload.id}`, { token: outsider.token })).status).to.equal(404);

    // Actions: assigned to a team, its members are told; completing is recorded with who and when.
    const due = new Date(Date.now() - 60_000).toISOString();
    const action = await expectStatus(await call('POST', `/v1/incidents/${id}/actions`, { token: m1.token, body: { title: 'Familie van bewoners informeren', dueAt: due, assignee: { teamId: teamB } } }), 201);
    expect(action).to.include({ status: 'open', overdue: true });
    const assigned = await sentAbout(t, `incident:${id}:action:${action.id as string}`);
    expect(assigned.map((m) => m.audience.userIds)).to.deep.equal([[m2.id]]);
    expect(assigned[0]).to.include({ title: 'Actie: Familie van bewoners informeren', priority: 'normal' });
    const personal = await expectStatus(await call('POST', `/v1/incidents/${id}/actions`, { token: coordinator.token, body: { title: 'Pers te woord staan', assignee: { userId: m1.id } } }), 201);
    expect((await sentAbout(t, `incident:${id}:action:${personal.id as string}`)).map((m) => m.audience.userIds)).to.deep.equal([[m1.id]]);
    expect((await call('POST', `/v1/incidents/${id}/actions`, { token: m1.token, body: { title: 'x', assignee: { userId: outsider.id } } })).status).to.equal(400);
    const board = async (token: string, query: string) => ((await expectStatus(await call('GET', `/v1/incidents/${id}/actions${query}`, { token }), 200)).items as Array<{ id: string }>).map((a) => a.id);
    expect(await board(m1.token, '?filter=mine')).to.deep.equal([personal.id]);
    expect(await board(m2.token, '?filter=my_team')).to.deep.equal([action.id]);
    expect(await board(m2.token, '?filter=overdue')).to.deep.equal([action.id]);
    await expectStatus(await call('PATCH', `/v1/incidents/${id}/actions/${action.id}`, { token: m2.token, body: { status: 'in_progress' } }), 200);
    const done = await expectStatus(await call('PATCH', `/v1/incidents/${id}/actions/${action.id}`, { token: m2.token, body: { status: 'done' } }), 200);
    expect(done.completedBy).to.deep.equal({ id: m2.id, name: 'Marieke Tweede' });
    expect(done.history.map((h: { change: string }) => h.change)).to.deep.equal(['created', 'assigned', 'started', 'completed']);
    expect(await board(m2.token, '?filter=overdue')).to.deep.equal([]);
    const reopened = await expectStatus(await call('PATCH', `/v1/incidents/${id}/actions/${action.id}`, { token: m1.token, body: { status: 'open' } }), 200);
    expect(reopened).to.include({ completedBy: null, status: 'open' });
    expect(reopened.history.at(-1)).to.include({ change: 'reopened', byId: m1.id });
    await expectStatus(await call('PATCH', `/v1/incidents/${id}/actions/${action.id}`, { token: m2.token, body: { status: 'done' } }), 200);

    // Closing freezes the incident; reopening is an admin's act.
    await expectStatus(await call('POST', `/v1/incidents/${id}/close`, { token: coordinator.token }), 200);
    const frozen = await call('POST', `/v1/incidents/${id}/entries`, { token: m1.token, body: { text: 'Nog iets' } });
    expect(frozen.status).to.equal(409);
    expect(frozen.body.type).to.equal('/problems/incident-closed');
    expect((await call('POST', `/v1/incidents/${id}/actions`, { token: m1.token, body: { title: 'Nazorg' } })).status).to.equal(409);
    expect((await call('PATCH', `/v1/incidents/${id}/actions/${personal.id}`, { token: m1.token, body: { status: 'done' } })).status).to.equal(409);
    expect((await call('PUT', `/v1/incidents/${id}/entries/${second.id}/highlight`, { token: coordinator.token, body: { important: true } })).status).to.equal(409);
    expect((await call('POST', `/v1/incidents/${id}/media`, { token: m1.token, form: fileForm(smallPhonePhoto(), 'x.jpg', 'image/jpeg') })).status).to.equal(409);
    expect((await call('POST', `/v1/incidents/${id}/reopen`, { token: coordinator.token })).status).to.equal(403);
    expect((await call('GET', `/v1/incidents/${id}/entries`, { token: m1.token })).body.items).to.have.length(3);

    // The report, as JSON.
    const report = await expectStatus(await call('GET', `/v1/incidents/${id}/report`, { token: coordinator.token }), 200);
    expect(report.incident).to.include({ title: 'Brand in keuken hoofdgebouw', exercise: true, status: 'closed', type: 'Brand' });
    expect(report.organisation).to.equal('Zorggroep Log');
    expect(report.timeline.map((e: { seq: number }) => e.seq)).to.deep.equal([1, 2, 3]);
    expect(report.timeline[2]).to.include({ correctsSeq: 2, author: 'Marieke Tweede' });
    expect(report.overview.map((e: { summary: string }) => e.summary)).to.deep.equal(['Keukenbrand, 2 geëvacueerd']);
    expect(report.teams).to.have.length(2);
    expect(report.participants.map((p: { name: string }) => p.name)).to.include.members(['Mohammed Eerste', 'Marieke Tweede', 'Carla Coördinator', 'Otto Buiten']);
    expect(report.participants.find((p: { name: string }) => p.name === 'Otto Buiten').removedAt).to.be.a('string');
    const reportAction = report.actions.find((a: { id: string }) => a.id === action.id);
    expect(reportAction).to.include({ completedBy: 'Marieke Tweede', assignee: report.teams.find((x: { groupId: string }) => x.groupId === teamB).name });
    expect(report.media).to.deep.equal([{ id: upload.id, kind: 'image', mimeType: 'image/jpeg', name: 'keuken.jpg', entrySeq: 1, postedBy: 'Mohammed Eerste', postedAt: first.createdAt }]);
    // Members do not get reports; the read is audited for each person shown.
    expect((await call('GET', `/v1/incidents/${id}/report`, { token: m1.token })).status).to.equal(403);
    const audit = await expectStatus(await call('GET', `/v1/audit-events?action=personal_data.read&pageSize=100`, { token: t.adminToken }), 200);
    expect(audit.items.filter((e: { details: { category?: string } }) => e.details.category === 'incident_report').map((e: { subjectId: string }) => e.subjectId)).to.include.members([m1.id, m2.id]);

    // The admin reopens (audited), then archives after closing again; the report stays available.
    await expectStatus(await call('POST', `/v1/incidents/${id}/reopen`, { token: t.adminToken }), 200);
    const reopenAudit = await expectStatus(await call('GET', `/v1/audit-events?action=incident.reopened`, { token: t.adminToken }), 200);
    expect(reopenAudit.items.map((e: { subjectId: string }) => e.subjectId)).to.include(id);
    await expectStatus(await call('POST', `/v1/incidents/${id}/close`, { token: coordinator.token }), 200);
    await expectStatus(await call('POST', `/v1/incidents/${id}/archive`, { token: t.adminToken }), 200);
    expect((await call('GET', `/v1/incidents/${id}/report`, { token: t.adminToken })).status).to.equal(200);
  });

  it('makes a PDF report with the logo and the exercise marking that a PDF parser reads', async function () {
    this.timeout(60_000);
    const logo = await expectStatus(await call('POST', '/v1/media', { token: t.adminToken, form: fileForm(smallPhonePhoto(), 'logo.jpg', 'image/jpeg') }), 201);
    await expectStatus(await call('PUT', '/v1/tenant/branding', { token: t.adminToken, body: { primaryColor: '#005a9c', accentColor: '#f39200', logoMediaId: logo.id } }), 200);
    // Names and text beyond Latin-1 (Turkish, Polish) come through: the PDF embeds a Unicode font.
    const sukru = await addUser(t, ['member'], 'Şükrü Yılmaz');
    const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Uitval ziekenhuisinformatiesysteem', type: 'it-storing', severity: 'critical', exercise: true, teams: [{ groupId: teamA }], users: [{ userId: sukru.id }] } }), 201);
    await expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: m1.token, body: { text: 'Afdeling B werkt op papier.' } }), 201);
    await expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: sukru.token, body: { text: 'Łukasz Wójcik: zażółć gęślą jaźń.' } }), 201);
    await expectStatus(await call('POST', `/v1/incidents/${incident.id}/actions`, { token: coordinator.token, body: { title: 'Noodprocedure medicatie starten', assignee: { teamId: teamA } } }), 201);
    const response = await fetch(`${env().baseUrl}/v1/incidents/${incident.id}/report`, { headers: { authorization: `Bearer ${coordinator.token}`, accept: 'application/pdf' } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const { text } = await parser.getText();
    const images = await parser.getImage();
    await parser.destroy();
    expect(text).to.contain('Uitval ziekenhuisinformatiesysteem');
    expect(text).to.contain('Noodprocedure medicatie starten');
    expect(text).to.contain('Afdeling B werkt op papier.');
    expect(text).to.contain('OEFENING');
    expect(text).to.contain('Şükrü Yılmaz');
    expect(text).to.contain('Łukasz Wójcik: zażółć gęślą jaźń.');
    expect(images.pages.flatMap((p) => p.images)).to.have.length.greaterThan(0);
  });

  it('names what the organisation’s set-up allows when a request refers to something it lacks', async () => {
    const unknownType = await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Storing', type: 'overstroming', severity: 'minor' } });
    expect(unknownType.status).to.equal(400);
    expect(unknownType.body.type).to.equal('/problems/incident-invalid');
    expect(unknownType.body.errors).to.deep.equal([{ pointer: '/body/type', detail: "is not one of the organisation's incident types (allowed: brand, ontruiming, it-storing)" }]);
    const unknownRole = await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Storing', type: 'brand', severity: 'minor', users: [{ userId: coordinator.id, role: 'kapitein' }] } });
    expect(unknownRole.status).to.equal(400);
    expect(unknownRole.body.errors[0].detail).to.match(/^'kapitein' is not one of the organisation's incident roles \(allowed: [a-z-]+(, [a-z-]+)*\)$/);
  });

  it('previews whom an incident would link and notify, and says after activating what its message reached', async () => {
    const pilot = await addUser(t, ['member'], 'Pim Voorvertoning');
    const team = await teamWith(t, [m1, pilot]);
    await expectStatus(await call('POST', '/v1/me/devices', { token: pilot.token, body: { platform: 'android', token: `fcm-preview-${pilot.id}`, appVersion: '2.4.1' } }), 201);
    const links = { teams: [{ groupId: team, role: 'coordinator' }], users: [{ userId: m2.id }, { userId: pilot.id, role: 'adviseur' }] };

    const preview = await expectStatus(await call('POST', '/v1/incidents/reach', { token: coordinator.token, body: links }), 200);
    const byId = Object.fromEntries(preview.people.map((p: { userId: string }) => [p.userId, p]));
    expect(Object.keys(byId)).to.have.members([m1.id, pilot.id, m2.id, coordinator.id]);
    // Linked through the team first: the team's role wins over the role named in person.
    expect(byId[pilot.id]).to.deep.equal({ userId: pilot.id, name: 'Pim Voorvertoning', role: 'coordinator', teamId: team, teamName: byId[pilot.id].teamName });
    expect(byId[m2.id]).to.include({ role: 'adviseur', teamId: null, teamName: null });
    expect(byId[coordinator.id]).to.include({ role: 'adviseur', teamId: null });
    expect(preview.notified.people).to.equal(4);
    expect(preview.notified.devices).to.be.at.least(1);

    const before = await expectStatus(await call('GET', '/v1/incidents', { token: coordinator.token }), 200);
    const unknownTeam = await call('POST', '/v1/incidents/reach', { token: coordinator.token, body: { teams: [{ groupId: '00000000-0000-4000-8000-000000000000' }] } });
    expect(unknownTeam.status).to.equal(400);
    expect(unknownTeam.body.errors[0].pointer).to.equal('/body/teams/0/groupId');
    const refused = await call('POST', '/v1/incidents/reach', { token: m1.token, body: links });
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal('/problems/incident-activation-not-allowed');
    // A preview stores nothing.
    expect((await expectStatus(await call('GET', '/v1/incidents', { token: coordinator.token }), 200)).items).to.have.length(before.items.length);

    const activated = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Voorvertoning', type: 'brand', severity: 'minor', exercise: true, ...links } }), 201);
    expect(activated.notified).to.deep.equal(preview.notified);
    expect(activated.members.map((m: { userId: string }) => m.userId)).to.have.members(Object.keys(byId));
  });

  it('lets members activate only where the organisation allows it', async () => {
    const body = { title: 'Wateroverlast kelder', type: 'ontruiming', severity: 'minor' };
    const refused = await call('POST', '/v1/incidents', { token: m1.token, body });
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal('/problems/incident-activation-not-allowed');
    await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: { ...SETUP, allowMemberActivation: true } }), 200);
    const activated = await expectStatus(await call('POST', '/v1/incidents', { token: m1.token, body }), 201);
    expect(activated.members.map((m: { userId: string }) => m.userId)).to.deep.equal([m1.id]);
    await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);
  });

  it('shows members their own team plus the overview where the organisation says so', async () => {
    await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: { ...SETUP, memberVisibility: 'own_team' } }), 200);
    try {
      const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Ontruiming gebouw C', type: 'ontruiming', severity: 'moderate', teams: [{ groupId: teamA }, { groupId: teamB }] } }), 201);
      const a = await expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: m1.token, body: { text: 'Team A: verdieping 1 leeg.' } }), 201);
      const b = await expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: m2.token, body: { text: 'Team B: verdieping 2 leeg.' } }), 201);
      const b2 = await expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: m2.token, body: { text: 'Team B: één persoon vermist.' } }), 201);
      await expectStatus(await call('PUT', `/v1/incidents/${incident.id}/entries/${b2.id}/highlight`, { token: coordinator.token, body: { important: true } }), 200);
      const seen = async (token: string) => ((await expectStatus(await call('GET', `/v1/incidents/${incident.id}/entries`, { token }), 200)).items as Array<{ id: string }>).map((e) => e.id);
      expect(await seen(m1.token)).to.deep.equal([a.id, b2.id]);
      expect(await seen(m2.token)).to.deep.equal([b.id, b2.id]);
      expect(await seen(coordinator.token)).to.deep.equal([a.id, b.id, b2.id]);
      // Files follow the entries: another team's photo opens only once it is in the overview.
      const photo = await expectStatus(await call('POST', `/v1/incidents/${incident.id}/media`, { token: m1.token, form: fileForm(smallPhonePhoto(), 'trap.jpg', 'image/jpeg') }), 201);
      const withPhoto = await expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: m1.token, body: { text: 'Trappenhuis vrij.', mediaIds: [photo.id] } }), 201);
      expect((await call('GET', `/v1/media/${photo.id}`, { token: m1.token })).status).to.equal(200);
      expect((await call('GET', `/v1/media/${photo.id}`, { token: m2.token })).status).to.equal(404);
      // A coordinator who is not linked sees every entry, and so its photos; a member not linked sees neither.
      const unlinkedCoordinator = await addUser(t, ['coordinator'], 'Cor Niet-gekoppeld');
      expect(incident.members.map((m: { userId: string }) => m.userId)).to.not.include(unlinkedCoordinator.id);
      expect(await seen(unlinkedCoordinator.token)).to.include(withPhoto.id);
      expect((await call('GET', `/v1/media/${photo.id}`, { token: unlinkedCoordinator.token })).status).to.equal(200);
      // The coordinator role also manages content, which opens every file by itself: ask the incidents
      // module's decider directly, with incident permissions only, that its answer follows incidents.coordinate.
      const decider = env().platform.container.getAll<MediaAccessDecider>(CONTENT_MEDIA.AccessDecider).find((d) => d instanceof IncidentMediaAccess)!;
      const decide = (permissions: Permission[]) => env().platform.uow.run(t.id, () => decider.mayRead({ tenantId: t.id, userId: unlinkedCoordinator.id, permissions: new Set(permissions) }, photo.id as string));
      expect(await decide(['incidents.read', 'incidents.coordinate'])).to.equal(true);
      expect(await decide(['incidents.read'])).to.equal(false);
      expect((await call('GET', `/v1/media/${photo.id}`, { token: outsider.token })).status).to.equal(404);
      await expectStatus(await call('PUT', `/v1/incidents/${incident.id}/entries/${withPhoto.id}/highlight`, { token: coordinator.token, body: { important: true } }), 200);
      expect((await call('GET', `/v1/media/${photo.id}`, { token: m2.token })).status).to.equal(200);
    } finally {
      await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);
    }
  });

  it('streams the log live over SSE; a reconnect with Last-Event-ID loses nothing', async function () {
    this.timeout(30_000);
    const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Live', type: 'brand', severity: 'minor', teams: [{ groupId: teamA }] } }), 201);
    const url = `${env().baseUrl}/v1/incidents/${incident.id}/stream`;
    const post = async (text: string) => expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: m1.token, body: { text } }), 201);
    await post('een');
    const feed = await openSse(url, coordinator.token);
    expect(feed.status).to.equal(200);
    await feed.waitFor(1);
    await post('twee');
    await post('drie');
    const got = await feed.waitFor(3);
    expect(got.map((e) => e.data.text)).to.deep.equal(['een', 'twee', 'drie']);
    expect(got.map((e) => Number(e.id))).to.deep.equal([1, 2, 3]);
    feed.close();

    // Missed while away: posted, and an earlier entry marked important.
    await post('vier');
    await expectStatus(await call('PUT', `/v1/incidents/${incident.id}/entries/${got[1]!.data.id}/highlight`, { token: coordinator.token, body: { important: true, summary: 'Belangrijk' } }), 200);
    await post('vijf');
    const again = await openSse(url, coordinator.token, { 'last-event-id': got.at(-1)!.id! });
    const missed = await again.waitFor(3);
    expect(missed.map((e) => [Number(e.id), e.data.text, e.data.important])).to.deep.equal([
      [4, 'vier', false],
      [5, 'twee', true],
      [6, 'vijf', false],
    ]);
    // And live again after the catch-up.
    await post('zes');
    expect((await again.waitFor(4))[3]!.data.text).to.equal('zes');
    again.close();

    // The overview stream: only what is marked, and what leaves it.
    const overview = await openSse(`${url}?view=overview`, m1.token);
    expect((await overview.waitFor(1))[0]!.data.text).to.equal('twee');
    await expectStatus(await call('PUT', `/v1/incidents/${incident.id}/entries/${got[1]!.data.id}/highlight`, { token: coordinator.token, body: { important: false } }), 200);
    const removed = (await overview.waitFor(2))[1]!;
    expect(removed).to.deep.include({ event: 'removed', data: { id: got[1]!.data.id } });
    overview.close();

    // Someone not linked gets no stream.
    expect((await openSse(url, outsider.token)).status).to.equal(404);
  });

  it('filters the live stream as the log (on connect and live), and refuses a change number out of range with a 400', async function () {
    this.timeout(30_000);
    const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Gefilterd', type: 'brand', severity: 'minor', teams: [{ groupId: teamA }, { groupId: teamB }] } }), 201);
    const url = `${env().baseUrl}/v1/incidents/${incident.id}/stream`;
    const post = async (who: Person, text: string, classification?: string) => expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: who.token, body: { text, ...(classification ? { classification } : {}) } }), 201);
    await post(m1, 'A een', 'waarneming');
    await post(m2, 'B een', 'besluit');
    await post(m1, 'A twee', 'besluit');
    const teamFeed = await openSse(`${url}?teamId=${teamA}`, coordinator.token);
    const decisions = await openSse(`${url}?classification=besluit`, coordinator.token);
    expect([teamFeed.status, decisions.status]).to.deep.equal([200, 200]);
    expect((await teamFeed.waitFor(2)).map((e) => e.data.text)).to.deep.equal(['A een', 'A twee']);
    expect((await decisions.waitFor(2)).map((e) => e.data.text)).to.deep.equal(['B een', 'A twee']);
    await post(m2, 'B twee', 'waarneming');
    await post(m1, 'A drie', 'besluit');
    expect((await teamFeed.waitFor(3)).map((e) => e.data.text)).to.deep.equal(['A een', 'A twee', 'A drie']);
    expect((await decisions.waitFor(3)).map((e) => e.data.text)).to.deep.equal(['B een', 'A twee', 'A drie']);
    teamFeed.close();
    decisions.close();
    // A filter the log refuses, the stream refuses too.
    expect((await call('GET', `/v1/incidents/${incident.id}/stream?kind=video`, { token: coordinator.token })).status).to.equal(400);

    // Change numbers beyond a PostgreSQL integer, or a Last-Event-ID that is not digits: 400 problem+json, not 500.
    for (const path of [`/v1/incidents/${incident.id}/entries?after=2147483648`, `/v1/incidents/${incident.id}/stream?after=2147483648&follow=false`]) {
      const bad = await call('GET', path, { token: coordinator.token });
      expect(bad.status, path).to.equal(400);
      expect(bad.headers.get('content-type')).to.match(/problem\+json/);
    }
    for (const lastEventId of ['2147483648', '99999999999', '-1', '1e3', 'abc']) {
      const bad = await call('GET', `/v1/incidents/${incident.id}/stream?follow=false`, { token: coordinator.token, headers: { 'last-event-id': lastEventId } });
      expect(bad.status, lastEventId).to.equal(400);
      expect(bad.headers.get('content-type')).to.match(/problem\+json/);
    }
    const edge = await call('GET', `/v1/incidents/${incident.id}/stream?follow=false`, { token: coordinator.token, headers: { 'last-event-id': '2147483647' } });
    expect(edge.status).to.equal(200);
    expect(edge.text).to.not.contain('event: entry');
    const fromTwo = await call('GET', `/v1/incidents/${incident.id}/stream?follow=false`, { token: coordinator.token, headers: { 'last-event-id': '4' } });
    expect(fromTwo.text).to.contain('A drie').and.not.contain('B twee');
  });
});
