import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { PDFParse } from 'pdf-parse';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';
import { ownerQuery } from '../helpers/database-search.js';
import { eventually } from '../helpers/eventually.js';
import { env } from '../helpers/test-env.js';

type Person = Awaited<ReturnType<typeof addUser>>;

const SETUP = {
  types: [{ key: 'brand', name: 'Brand' }],
  roles: [{ key: 'adviseur', name: 'Adviseur', default: true }],
  locations: [],
  classifications: [{ key: 'waarneming', name: 'Waarneming' }],
  labels: [{ key: 'pers', name: 'Pers' }],
  allowMemberActivation: false,
  memberVisibility: 'all',
};

/** A statement as the application's own database role, inside the tenant, as a request would run it. */
async function asApp(tenantId: string, sql: string, params: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: env().database.appUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    await client.query(sql, params);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

describe('incidents: a log that proves itself', () => {
  let t: OnboardedTenant;
  let coordinator: Person;
  let member: Person;

  before(async function () {
    this.timeout(60_000);
    t = await onboardTenant('Zorggroep Keten');
    coordinator = await addUser(t, ['coordinator'], 'Coby Keten');
    member = await addUser(t, ['member'], 'Mila Schakel');
    await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);
  });

  async function incidentWithLog(): Promise<{ id: string; entries: Array<{ id: string; seq: number; hash: string }> }> {
    const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Brand magazijn', type: 'brand', severity: 'major', users: [{ userId: member.id }] } }), 201);
    const id = incident.id as string;
    const entries = [];
    for (const text of ['Rook gezien bij magazijn', 'Brandweer gebeld', 'Pers staat bij de poort']) {
      entries.push(await expectStatus(await call('POST', `/v1/incidents/${id}/entries`, { token: member.token, body: { text, labels: text.startsWith('Pers') ? ['pers'] : [] } }), 201));
    }
    await expectStatus(await call('PUT', `/v1/incidents/${id}/entries/${entries[1].id}/highlight`, { token: coordinator.token, body: { important: true, summary: 'Brandweer onderweg' } }), 200);
    return { id, entries };
  }

  const verify = async (id: string, token = member.token) => expectStatus(await call('GET', `/v1/incidents/${id}/log/verification`, { token }), 200);

  it('chains entries and marks; the verification and the report (JSON and PDF) carry the same head', async function () {
    this.timeout(60_000);
    const { id, entries } = await incidentWithLog();
    expect(entries[1]!.hash).to.match(/^[0-9a-f]{64}$/);
    const verdict = await verify(id);
    expect(verdict).to.deep.include({ valid: true, links: 4, algorithm: 'SHA-256', canonicalization: 'RFC 8785 (JSON Canonicalization Scheme)' });
    // The mark is the fourth link, after the three entries.
    expect(verdict.head.seq).to.equal(4);
    const report = await expectStatus(await call('GET', `/v1/incidents/${id}/report?format=json`, { token: coordinator.token }), 200);
    expect(report.chain).to.deep.equal({ valid: true, links: 4, head: verdict.head, algorithm: 'SHA-256', canonicalization: 'RFC 8785 (JSON Canonicalization Scheme)' });
    expect(report.timeline.map((e: { hash: string }) => e.hash)).to.deep.equal(entries.map((e) => e.hash));
    const pdf = await fetch(`${env().baseUrl}/v1/incidents/${id}/report?format=pdf`, { headers: { authorization: `Bearer ${coordinator.token}` } });
    const parser = new PDFParse({ data: new Uint8Array(await pdf.arrayBuffer()) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text.replace(/\s+/g, '')).to.contain(verdict.head.hash);
  });

  it('refuses the application role any change of an entry beyond its marking, and any removal', async function () {
    this.timeout(30_000);
    const { id, entries } = await incidentWithLog();
    const refused = async (sql: string, params: unknown[]) => {
      const error = await asApp(t.id, sql, params).then(() => null, (e: Error) => e);
      expect(error?.message, sql).to.match(/permission denied/);
    };
    await refused('update incident_log_entries set text = $1 where id = $2', ['Niets aan de hand', entries[0]!.id]);
    await refused('update incident_log_entries set author_name = $1 where id = $2', ['Iemand anders', entries[0]!.id]);
    await refused('delete from incident_log_entries where id = $1', [entries[0]!.id]);
    await refused('update incident_log_marks set summary = $1 where entry_id = $2', ['Niets', entries[1]!.id]);
    await refused('delete from incident_log_marks where entry_id = $1', [entries[1]!.id]);
    expect(await verify(id)).to.include({ valid: true });
    // The marking columns stay writable (a mark updates them) but are checked against the mark links.
    await asApp(t.id, 'update incident_log_entries set important = false, summary = null where id = $1', [entries[1]!.id]);
    expect((await verify(id)).broken).to.deep.equal({ seq: entries[1]!.seq, kind: 'entry', id: entries[1]!.id, reason: 'mark_projection' });
  });

  it('names the first broken link when the owner edits, removes or cuts off a link', async function () {
    this.timeout(30_000);
    const edited = await incidentWithLog();
    await ownerQuery('update incident_log_entries set text = $1 where id = $2', ['Geen rook gezien', edited.entries[0]!.id]);
    const afterEdit = await verify(edited.id);
    expect(afterEdit).to.deep.include({ valid: false, head: null, broken: { seq: edited.entries[0]!.seq, kind: 'entry', id: edited.entries[0]!.id, reason: 'hash_mismatch' } });

    const removed = await incidentWithLog();
    await ownerQuery('delete from incident_log_entries where id = $1', [removed.entries[1]!.id]);
    expect((await verify(removed.id)).broken).to.deep.equal({ seq: removed.entries[2]!.seq, kind: 'entry', id: removed.entries[2]!.id, reason: 'previous_mismatch' });

    const cut = await incidentWithLog();
    await ownerQuery('delete from incident_log_marks where tenant_id = $1 and incident_id = $2', [t.id, cut.id]);
    expect((await verify(cut.id)).broken).to.deep.include({ seq: cut.entries[2]!.seq, reason: 'head_mismatch' });
  });

  it('stays valid after the author is erased: the name becomes the pseudonym, the hashed id stays', async function () {
    this.timeout(30_000);
    const author = await addUser(t, ['member'], 'Wessel Wisbaar');
    const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Wateroverlast', type: 'brand', severity: 'minor', users: [{ userId: author.id }] } }), 201);
    const entry = await expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: author.token, body: { text: 'Water in de kelder' } }), 201);
    const before = await verify(incident.id as string, coordinator.token);
    await expectStatus(await call('POST', `/v1/privacy/users/${author.id}/erase`, { token: t.adminToken }), 204);
    const after = await verify(incident.id as string, coordinator.token);
    expect(after).to.deep.include({ valid: true, head: before.head });
    const entries = await expectStatus(await call('GET', `/v1/incidents/${incident.id}/entries`, { token: coordinator.token }), 200);
    expect(entries.items[0]).to.deep.include({ id: entry.id, hash: entry.hash });
    expect(entries.items[0].author.name).to.not.contain('Wessel');
  });

  it('answers 404 for an incident of another tenant', async function () {
    this.timeout(30_000);
    const { id } = await incidentWithLog();
    const other = await onboardTenant('Andere Keten');
    const foreign = await call('GET', `/v1/incidents/${id}/log/verification`, { token: other.adminToken });
    expect(foreign.status).to.equal(404);
    expect(foreign.headers.get('content-type')).to.match(/problem\+json/);
  });
});

describe('incidents: posting that survives a lost connection', () => {
  let t: OnboardedTenant;
  let coordinator: Person;
  let member: Person;
  let incidentId: string;

  before(async function () {
    this.timeout(60_000);
    t = await onboardTenant('Zorggroep Herhaal');
    coordinator = await addUser(t, ['coordinator'], 'Coby Herhaal');
    member = await addUser(t, ['member'], 'Mila Opnieuw');
    await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);
    incidentId = (await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Stroomstoring', type: 'brand', severity: 'major', users: [{ userId: member.id }] } }), 201)).id as string;
  });

  /** Sends the whole request, then hangs up before the answer comes: the phone that lost its signal. */
  function postAndHangUp(path: string, token: string, body: unknown): Promise<void> {
    const url = new URL(env().baseUrl + path);
    const payload = JSON.stringify(body);
    return new Promise((resolve) => {
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } });
      request.on('error', () => resolve());
      request.end(payload, () => {
        request.destroy();
        resolve();
      });
    });
  }

  const entriesWith = async (clientId: string) =>
    ((await expectStatus(await call('GET', `/v1/incidents/${incidentId}/entries`, { token: coordinator.token }), 200)).items as Array<{ clientId: string | null }>).filter((e) => e.clientId === clientId);

  it('answers a retry after a lost answer with the first entry (200, same body), posting once; the device time is kept beside the server time', async function () {
    this.timeout(30_000);
    const clientId = randomUUID();
    const observedAt = new Date(Date.now() - 90_000).toISOString();
    await postAndHangUp(`/v1/incidents/${incidentId}/entries`, member.token, { text: 'Noodstroom aangeslagen', clientId, observedAt });
    const [stored] = await eventually('the first post committed', async () => ((await entriesWith(clientId)).length === 1 ? entriesWith(clientId) : null));
    const retry = await call('POST', `/v1/incidents/${incidentId}/entries`, { token: member.token, body: { text: 'Noodstroom aangeslagen', clientId, observedAt } });
    expect(retry.status).to.equal(200);
    expect(retry.body).to.deep.equal(stored);
    expect(retry.body).to.include({ clientId, observedAt });
    expect(retry.body.createdAt).to.not.equal(observedAt);
    expect(await entriesWith(clientId)).to.have.length(1);
    expect(await expectStatus(await call('GET', `/v1/incidents/${incidentId}/log/verification`, { token: coordinator.token }), 200)).to.include({ valid: true });
  });

  it('posts once when two requests with one client id arrive together', async function () {
    this.timeout(30_000);
    const clientId = randomUUID();
    const body = { text: 'Aggregaat draait', clientId };
    const replies = await Promise.all([1, 2, 3].map(() => call('POST', `/v1/incidents/${incidentId}/entries`, { token: member.token, body })));
    expect(replies.map((r) => r.status).sort()).to.deep.equal([200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).to.equal(1);
    expect(await entriesWith(clientId)).to.have.length(1);
    expect(await expectStatus(await call('GET', `/v1/incidents/${incidentId}/log/verification`, { token: coordinator.token }), 200)).to.include({ valid: true });
  });

  it('does the same for actions, and refuses a device time out of bounds or a client id of another incident, changing nothing', async function () {
    this.timeout(30_000);
    const clientId = randomUUID();
    const first = await call('POST', `/v1/incidents/${incidentId}/actions`, { token: member.token, body: { title: 'Koelcel controleren', clientId } });
    const again = await call('POST', `/v1/incidents/${incidentId}/actions`, { token: member.token, body: { title: 'Koelcel controleren', clientId } });
    expect([first.status, again.status]).to.deep.equal([201, 200]);
    expect(again.body).to.deep.equal(first.body);
    const actions = await expectStatus(await call('GET', `/v1/incidents/${incidentId}/actions`, { token: member.token }), 200);
    expect(actions.items.filter((a: { clientId: string | null }) => a.clientId === clientId)).to.have.length(1);

    const before = (await expectStatus(await call('GET', `/v1/incidents/${incidentId}/entries`, { token: coordinator.token }), 200)).items.length;
    for (const observedAt of [new Date(Date.now() + 3600_000).toISOString(), new Date(Date.now() - 8 * 24 * 3600_000).toISOString()]) {
      const bad = await call('POST', `/v1/incidents/${incidentId}/entries`, { token: member.token, body: { text: 'Klok verkeerd', clientId: randomUUID(), observedAt } });
      expect(bad.status).to.equal(400);
      expect(bad.headers.get('content-type')).to.match(/problem\+json/);
      expect(bad.body.errors[0].pointer).to.match(/observedAt/);
    }
    const other = (await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Tweede storing', type: 'brand', severity: 'minor', users: [{ userId: member.id }] } }), 201)).id as string;
    const used = randomUUID();
    await expectStatus(await call('POST', `/v1/incidents/${incidentId}/entries`, { token: member.token, body: { text: 'Eerste', clientId: used } }), 201);
    const elsewhere = await call('POST', `/v1/incidents/${other}/entries`, { token: member.token, body: { text: 'Elders', clientId: used } });
    expect(elsewhere.status).to.equal(400);
    expect((await expectStatus(await call('GET', `/v1/incidents/${other}/entries`, { token: coordinator.token }), 200)).items).to.have.length(0);
    expect((await expectStatus(await call('GET', `/v1/incidents/${incidentId}/entries`, { token: coordinator.token }), 200)).items.length).to.equal(before + 1);
  });
});
