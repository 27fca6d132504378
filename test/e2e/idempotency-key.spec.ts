import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { parse } from 'yaml';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';
import { eventually } from '../helpers/eventually.js';
import { env } from '../helpers/test-env.js';

type Person = Awaited<ReturnType<typeof addUser>>;

/** Runs `work` on a connection of the application's own role, inside the tenant. */
async function asApp<T>(tenantId: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env().database.appUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work(client);
    await client.query('commit');
    return result;
  } finally {
    await client.end();
  }
}

/** Sends the whole request, then hangs up before the answer comes: the phone that lost its signal. */
function postAndHangUp(path: string, token: string, body: unknown, key: string): Promise<void> {
  const url = new URL(env().baseUrl + path);
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': key },
    });
    request.on('error', () => resolve());
    request.end(payload, () => {
      request.destroy();
      resolve();
    });
  });
}

describe('Idempotency-Key on POST', () => {
  let t: OnboardedTenant;
  let admin2: Person;

  before(async function () {
    this.timeout(60_000);
    t = await onboardTenant('Gemeente Herhaling');
    admin2 = await addUser(t, ['admin'], 'Ada Tweede');
  });

  const contactsNamed = async (name: string, token = t.adminToken) =>
    ((await expectStatus(await call('GET', `/v1/contacts?search=${encodeURIComponent(name)}`, { token }), 200)).items as Array<{ id: string; name: string }>).filter((c) => c.name === name);

  it('replays the first answer (status, body) after the answer was lost, doing the work once', async function () {
    this.timeout(30_000);
    const name = `Piet ${randomUUID().slice(0, 8)}`;
    const key = `"${randomUUID()}"`;
    await postAndHangUp('/v1/contacts', t.adminToken, { name, phones: ['+31 88 1234567'] }, key);
    const [stored] = await eventually('the first post committed', async () => ((await contactsNamed(name)).length === 1 ? contactsNamed(name) : null));
    const retry = await call('POST', '/v1/contacts', { token: t.adminToken, body: { phones: ['+31 88 1234567'], name }, headers: { 'idempotency-key': key } });
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(retry.body.id).to.equal(stored!.id);
    const again = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name, phones: ['+31 88 1234567'] }, headers: { 'idempotency-key': key } });
    expect(again.text).to.equal(retry.text);
    expect(await contactsNamed(name)).to.have.length(1);
    // Stored sealed: an answer may carry a secret shown once (a new API key).
    const rows = await asApp(t.id, async (db) => (await db.query(`select body from idempotency_keys where tenant_id = $1 and key = $2`, [t.id, key.slice(1, -1)])).rows as Array<{ body: string }>);
    expect(rows).to.have.length(1);
    expect(rows[0]!.body).to.not.contain(name);
  });

  it('refuses the same key with another body (422) and a malformed key (400), changing nothing', async function () {
    const name = `Klaas ${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    expectStatus(await call('POST', '/v1/contacts', { token: t.adminToken, body: { name }, headers: { 'idempotency-key': key } }), 201);
    const other = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: `${name} bis` }, headers: { 'idempotency-key': key } });
    expect(other.status).to.equal(422);
    expect(other.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(other.body.type).to.equal('/problems/idempotency-key-reused');
    const elsewhere = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: `Team ${name}`, type: 'team' }, headers: { 'idempotency-key': key } });
    expect(elsewhere.status).to.equal(422);
    expect(await contactsNamed(`${name} bis`)).to.have.length(0);
    const bad = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: `${name} ter` }, headers: { 'idempotency-key': '"half' } });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(await contactsNamed(`${name} ter`)).to.have.length(0);
  });

  it('keeps keys apart per sender: another admin with the same key gets a request of its own', async () => {
    const key = randomUUID();
    const name = `Jan ${randomUUID().slice(0, 8)}`;
    const mine = expectStatus(await call('POST', '/v1/contacts', { token: t.adminToken, body: { name }, headers: { 'idempotency-key': key } }), 201);
    const theirs = expectStatus(await call('POST', '/v1/contacts', { token: admin2.token, body: { name }, headers: { 'idempotency-key': key } }), 201);
    expect(theirs.id).to.not.equal(mine.id);
    expect(await contactsNamed(name)).to.have.length(2);
  });

  it('answers 409 while a request with the key is still running, and does the work once when several arrive together', async function () {
    this.timeout(30_000);
    const key = randomUUID();
    const name = `Els ${randomUUID().slice(0, 8)}`;
    // The first request, held mid-flight: this connection holds the lock that request would hold.
    const holder = new pg.Client({ connectionString: env().database.appUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`idempotency|${t.id}|user:${t.adminId}|${key}`]);
      const busy = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name }, headers: { 'idempotency-key': key } });
      expect(busy.status).to.equal(409);
      expect(busy.body.type).to.equal('/problems/idempotency-key-in-use');
      expect(await contactsNamed(name)).to.have.length(0);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    const replies = await Promise.all([1, 2, 3, 4].map(() => call('POST', '/v1/contacts', { token: t.adminToken, body: { name }, headers: { 'idempotency-key': key } })));
    for (const reply of replies) expect([201, 409], reply.text).to.include(reply.status);
    const created = replies.filter((r) => r.status === 201);
    expect(created.length).to.be.greaterThan(0);
    expect(new Set(created.map((r) => r.body.id)).size).to.equal(1);
    expect(await contactsNamed(name)).to.have.length(1);
  });

  it('lets keys expire: the sweep removes them, and the key then stands for a new request', async function () {
    this.timeout(30_000);
    const key = randomUUID();
    expectStatus(await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: `Oud ${key.slice(0, 8)}` }, headers: { 'idempotency-key': key } }), 201);
    const stored = await asApp(t.id, async (db) => (await db.query(`select extract(epoch from expires_at - created_at)::int as seconds from idempotency_keys where tenant_id = $1 and key = $2`, [t.id, key])).rows);
    expect(stored).to.deep.equal([{ seconds: 24 * 3600 }]);
    await asApp(t.id, (db) => db.query(`update idempotency_keys set expires_at = now() - interval '1 second' where tenant_id = $1 and key = $2`, [t.id, key]));
    const swept = await env().platform.idempotencyKeys.sweep();
    expect(swept.removed).to.be.greaterThan(0);
    const left = await asApp(t.id, async (db) => (await db.query(`select key from idempotency_keys where tenant_id = $1 and key = $2`, [t.id, key])).rows);
    expect(left).to.have.length(0);
    expectStatus(await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: `Nieuw ${key.slice(0, 8)}` }, headers: { 'idempotency-key': key } }), 201);
  });

  it('is declared on every tenant POST of the contract', () => {
    const spec = parse(readFileSync('openapi/openapi.yaml', 'utf8')) as { paths: Record<string, Record<string, { 'x-permission'?: string; parameters?: Array<{ $ref?: string }> }>> };
    const missing = Object.entries(spec.paths)
      .flatMap(([path, item]) => (item.post ? [[path, item.post] as const] : []))
      .filter(([, op]) => op['x-permission'] && !op['x-permission'].startsWith('platform.'))
      .filter(([, op]) => !(op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey'))
      .map(([path]) => path);
    expect(missing).to.deep.equal([]);
  });
});
