import { expect } from 'chai';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { Readable } from 'node:stream';
import { ownerQuery, rowsOfTenant } from '../helpers/database-search.js';
import { addUser, onboardTenant, operatorToken } from '../helpers/fixtures.js';
import { call, download } from '../helpers/http.js';
import { uploadIn } from '../helpers/operation-fixtures.js';
import { env } from '../helpers/test-env.js';

/** The names and bytes of a zip's entries. */
async function zipEntries(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.values(zip.files).filter((f) => !f.dir);
  return new Map(await Promise.all(files.map(async (f) => [f.name, await f.async('nodebuffer')] as [string, Buffer])));
}

async function filesUnder(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('privacy: processor agreement and offboarding', () => {
  it('records which processor-agreement version a tenant accepted, by whom and when', async () => {
    const t = await onboardTenant('Zorggroep Verwerker');
    const operator = await operatorToken();
    const recorded = await call('POST', `/v1/platform/tenants/${t.id}/processor-agreements`, {
      token: operator,
      body: { version: '2026.1', acceptedByName: 'Marieke de Vries', acceptedByEmail: 'M.deVries@zorggroep.test', acceptedAt: '2026-11-20T14:00:00.000Z' },
    });
    expect(recorded.status, recorded.text).to.equal(201);
    expect(recorded.body).to.include({ version: '2026.1', acceptedByName: 'Marieke de Vries', acceptedByEmail: 'm.devries@zorggroep.test', acceptedAt: '2026-11-20T14:00:00.000Z' });
    const list = await call('GET', `/v1/platform/tenants/${t.id}/processor-agreements`, { token: operator });
    expect(list.body.items).to.have.length(1);
    expect((await call('GET', `/v1/platform/tenants/${t.id}/processor-agreements`, { token: t.adminToken })).status).to.equal(403);
    // The tenant reads what was recorded, and cannot record it itself.
    const own = await call('GET', '/v1/privacy/processor-agreements', { token: t.adminToken });
    expect(own.status, own.text).to.equal(200);
    expect(own.body.items).to.deep.equal(list.body.items);
    const member = await addUser(t, ['member']);
    expect((await call('GET', '/v1/privacy/processor-agreements', { token: member.token })).status).to.equal(403);
  });

  it('archives a tenant completely (JSON, xlsx, media), then deletes it: no row with its id in any table, no file left', async function () {
    this.timeout(60_000);
    const t = await onboardTenant('Woningcorporatie Vertrek');
    const other = await onboardTenant('Blijvende Zorggroep');
    await addUser(t, ['member'], 'Vertrekkend Lid');
    await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Externe Partner' } });
    await call('POST', '/v1/privacy/breaches', { token: t.adminToken, body: { title: 'Lek', description: 'Test', foundAt: new Date().toISOString() } });
    const media = await uploadIn(t);
    const operator = await operatorToken();
    await call('POST', `/v1/platform/tenants/${t.id}/processor-agreements`, { token: operator, body: { version: '2026.1', acceptedByName: 'A', acceptedByEmail: 'a@vertrek.test' } });

    const before = await rowsOfTenant(t.id);
    expect(before.users).to.be.at.least(2);
    expect(before.audit_events).to.be.greaterThan(0);
    const tenantFolder = path.join(env().dataDir, 'files', 'tenants', t.id);
    expect(await filesUnder(tenantFolder)).to.not.deep.equal([]);

    const archive = await download(`/v1/platform/tenants/${t.id}/archive`, operator);
    expect(archive.status).to.equal(200);
    expect(archive.headers.get('content-type')).to.equal('application/zip');
    const entries = await zipEntries(archive.bytes);
    const names = [...entries.keys()];
    expect(names).to.include.members(['data/users.jsonl', 'data/contacts.jsonl', 'data/audit_events.jsonl', 'data/breaches.jsonl', 'data/tenant.xlsx']);
    expect(names.some((n) => n.startsWith('media/') && n.includes(media.id as string))).to.equal(true);
    const users = entries.get('data/users.jsonl')!.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { name: string });
    expect(users.map((u) => u.name)).to.include('Vertrekkend Lid');
    const book = new ExcelJS.Workbook();
    await book.xlsx.read(Readable.from([entries.get('data/tenant.xlsx')!]));
    expect(book.getWorksheet('users')!.rowCount).to.equal(users.length + 1);

    // The audit trail's one way out refuses while the tenant exists, for the application role too.
    const app = new pg.Client({ connectionString: env().database.appUrl });
    await app.connect();
    const refused = await app.query('select offboard_tenant_audit_events($1)', [t.id]).then(() => 'ran', (e: Error) => e.message);
    await app.end();
    expect(refused).to.match(/still exists/);

    const active = await call('DELETE', `/v1/platform/tenants/${t.id}`, { token: operator });
    expect(active.status).to.equal(409);
    expect((await rowsOfTenant(t.id)).users).to.equal(before.users);
    expect((await call('POST', `/v1/platform/tenants/${t.id}/suspend`, { token: operator, body: { reason: 'Contract beëindigd' } })).status).to.equal(200);
    const offboarded = await call('DELETE', `/v1/platform/tenants/${t.id}`, { token: operator });
    expect(offboarded.status, offboarded.text).to.equal(200);
    expect(offboarded.body.filesDeleted).to.be.at.least(1);

    const after = await rowsOfTenant(t.id);
    expect(Object.entries(after).filter(([, n]) => n > 0), 'tables still holding the tenant').to.deep.equal([]);
    expect(Object.keys(after)).to.include.members(['users', 'audit_events', 'contacts', 'media', 'breaches', 'processor_agreements']);
    expect(await filesUnder(tenantFolder)).to.deep.equal([]);
    expect((await call('GET', `/v1/platform/tenants/${t.id}`, { token: operator })).status).to.equal(404);
    // The other tenant is untouched.
    expect((await rowsOfTenant(other.id)).users).to.be.at.least(1);
    expect((await call('GET', '/v1/users', { token: other.adminToken })).status).to.equal(200);
    const leftover = await ownerQuery('select count(*)::int as n from tenants where id = $1', [t.id]);
    expect(leftover.rows[0]!.n).to.equal(0);
  });
});
