import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { ownerQuery } from '../helpers/database-search.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, download } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe('privacy: exports', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Zorggroep Inzage');
  });

  it('exports all users as a real spreadsheet and as CSV, and audits each export', async () => {
    await addUser(t, ['member'], 'Anouk Exportmans');
    const xlsx = await download('/v1/privacy/exports/users?format=xlsx', t.adminToken);
    expect(xlsx.status).to.equal(200);
    expect(xlsx.headers.get('content-type')).to.match(/spreadsheetml/);
    expect(xlsx.headers.get('content-disposition')).to.match(/attachment; filename="users-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const sheet = (await workbook(xlsx.bytes)).getWorksheet('users')!;
    expect(sheet.getRow(1).values).to.include.members(['id', 'name', 'email', 'retentionUntil', 'legalBasis']);
    const names = sheet.getColumn(2).values.slice(2);
    expect(names).to.include.members(['Anouk Exportmans', 'Eerste Beheerder']);

    const csv = await download('/v1/privacy/exports/users?format=csv', t.adminToken);
    expect(csv.headers.get('content-type')).to.match(/text\/csv/);
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).to.match(/^id,name,email,/);
    expect(lines).to.have.length(3);

    const audit = await call('GET', '/v1/audit-events?action=privacy.export.', { token: t.adminToken });
    expect(audit.body.items.map((e: { action: string }) => e.action)).to.include.members(['privacy.export.users']);
    expect(audit.body.items.filter((e: { details: { format: string } }) => e.details.format === 'csv')).to.have.length(1);
  });

  it("never exports another tenant's people", async () => {
    const other = await onboardTenant('Andere Zorggroep');
    const csv = (await download('/v1/privacy/exports/users?format=csv', other.adminToken)).bytes.toString('utf8');
    expect(csv).to.include(other.adminEmail).and.not.include(t.adminEmail).and.not.include('Exportmans');
    const contacts = (await download('/v1/privacy/exports/contacts?format=csv', other.adminToken)).bytes.toString('utf8');
    expect(contacts.trim().split('\n')).to.have.length(1);
  });

  it('exports contacts as CSV', async () => {
    await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Ria van Dijk', organisation: 'GGD', phones: ['+31 88 1000000', '+31 6 20000000'], legalBasis: 'public_task' } });
    const csv = await download('/v1/privacy/exports/contacts?format=csv', t.adminToken);
    expect(csv.status).to.equal(200);
    expect(csv.bytes.toString('utf8')).to.include('Ria van Dijk,GGD').and.include('public_task');
  });

  it('streams a few thousand people page by page within a small memory bound', async function () {
    this.timeout(120_000);
    const big = await onboardTenant('Grote Zorggroep');
    const count = 5000;
    await ownerQuery(
      `insert into users (id, tenant_id, email, name, roles, status, created_at, updated_at)
       select gen_random_uuid(), $1, 'p' || n || '@groot.test', 'Persoon ' || n, '{member}', 'active', now(), now() from generate_series(1, $2) n`,
      [big.id, count],
    );
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const response = await fetch(`${env().baseUrl}/v1/privacy/exports/users?format=xlsx`, { headers: { authorization: `Bearer ${big.adminToken}` } });
    const chunks: Buffer[] = [];
    for await (const chunk of response.body!) chunks.push(Buffer.from(chunk));
    clearInterval(timer);
    const sheet = (await workbook(Buffer.concat(chunks))).getWorksheet('users')!;
    expect(sheet.rowCount).to.equal(count + 2); // header + the admin + the people
    // The whole run (database pages, workbook, HTTP) may grow the process by far less than the
    // export would take whole in memory; figures for 100,000 people are in bench/RESULTS.md.
    expect(peak - before, 'RSS growth in bytes').to.be.below(150 * 1024 * 1024);
  });

  it('exports everything about one person as JSON and xlsx, for an admin and for the member themself, audited', async () => {
    const member = await addUser(t, ['member'], 'Sanne Inzagevrager');
    const group = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: `BHV ${randomUUID().slice(0, 4)}`, type: 'team' } });
    await call('PUT', `/v1/groups/${group.body.id}/members/${member.id}`, { token: t.adminToken });
    await call('GET', `/v1/users/${member.id}`, { token: t.adminToken });

    const json = await call('GET', `/v1/privacy/users/${member.id}/export?format=json`, { token: t.adminToken });
    expect(json.status, json.text).to.equal(200);
    expect(json.body.subject).to.deep.equal({ type: 'user', id: member.id });
    expect(Object.keys(json.body.data)).to.include.members(['profile', 'groups', 'devices', 'content_appearances', 'audit']);
    expect(json.body.data.profile[0]).to.include({ name: 'Sanne Inzagevrager', email: member.email });
    expect(json.body.data.groups.map((g: { groupId: string }) => g.groupId)).to.deep.equal([group.body.id]);
    expect(json.body.data.devices).to.have.length(1);
    expect(json.body.data.audit.map((a: { action: string }) => a.action)).to.include('personal_data.read');

    const own = await call('GET', '/v1/me/personal-data', { token: member.token });
    expect(own.status).to.equal(200);
    expect(own.body.data.profile[0].id).to.equal(member.id);
    const xlsx = await download('/v1/me/personal-data?format=xlsx', member.token);
    const book = await workbook(xlsx.bytes);
    expect(book.worksheets.map((w) => w.name)).to.include.members(['profile', 'groups', 'devices', 'audit']);

    const audit = await call('GET', `/v1/audit-events?subjectId=${member.id}&action=privacy.export.`, { token: t.adminToken });
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).to.deep.equal(['privacy.export.own_data', 'privacy.export.own_data', 'privacy.export.subject']);
  });

  it('exports the audit trail filtered by subject as CSV', async () => {
    const member = await addUser(t, ['member'], 'Bart Gelezen');
    await call('GET', `/v1/users/${member.id}`, { token: t.adminToken });
    const csv = await download(`/v1/privacy/exports/audit-events?format=csv&subjectId=${member.id}&action=personal_data.read`, t.adminToken);
    expect(csv.status).to.equal(200);
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[1]).to.include(member.id).and.include('personal_data.read');
  });
});
