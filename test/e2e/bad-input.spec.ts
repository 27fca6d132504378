import { expect } from 'chai';
import { rowsOfTenant } from '../helpers/database-search.js';
import { onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, fileForm, type Reply } from '../helpers/http.js';
import { createUserIn, sendCallUpIn } from '../helpers/operation-fixtures.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';

/**
 * The bad inputs the spec-driven fuzzer found answered with 500 (or let through past a limit),
 * each answered at the edge with 400 problem+json naming the field, and nothing stored.
 */
function expectRefused(reply: Reply, pointer: string): void {
  expect(reply.status, reply.text).to.equal(400);
  expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(reply.body.errors.map((e: { pointer: string }) => e.pointer), reply.text).to.include(pointer);
}

const json = (token: string, body: string) => ({ token, rawBody: body, headers: { 'content-type': 'application/json' } });

describe('bad input is refused at the edge, whatever the endpoint', () => {
  let a: OnboardedTenant;

  before(async () => {
    a = await onboardTenant('Slechte invoer');
  });

  it('refuses a NUL byte in a query string, also for a streamed export, and the process keeps answering', async () => {
    for (const name of ['action', 'actorId', 'subjectId']) {
      expectRefused(await call('GET', `/v1/privacy/exports/audit-events?format=csv&${name}=x%00y`, { token: a.adminToken }), `/query/${name}`);
    }
    expectRefused(await call('GET', '/v1/users?search=x%00', { token: a.adminToken }), '/query/search');
    expect((await call('GET', '/v1/me', { token: a.adminToken })).status).to.equal(200);
  });

  it('refuses a NUL byte in a body string and in a multipart file name, storing nothing', async () => {
    const userId = await createUserIn(a);
    const rows = await rowsOfTenant(a.id);
    expectRefused(await call('PATCH', `/v1/users/${userId}`, json(a.adminToken, '{"jobTitle":"x\\u0000"}')), '/body/jobTitle');
    expectRefused(await call('POST', '/v1/groups', json(a.adminToken, '{"name":"Team\\u0000","type":"team"}')), '/body/name');
    expectRefused(await call('POST', '/v1/media', { token: a.adminToken, form: fileForm(smallPhonePhoto(), 'foto\u0000.jpg', 'image/jpeg') }), '/body/file');
    expect(await rowsOfTenant(a.id)).to.deep.equal(rows);
    expect((await call('GET', `/v1/users/${userId}`, { token: a.adminToken })).body.jobTitle).to.equal(null);
  });

  it('refuses a lone surrogate in a body string (jsonb cannot hold it)', async () => {
    expectRefused(await call('POST', '/v1/groups', json(a.adminToken, '{"name":"\\ud800","type":"team"}')), '/body/name');
  });

  it('refuses out-of-range and non-finite numbers and impossible dates in a body', async () => {
    const breach = '{"title":"Laptop","description":"Gestolen","foundAt":"2026-11-20T08:00:00.000Z","dataCategories":["naam"],"peopleAffected":%s}';
    const rows = await rowsOfTenant(a.id);
    for (const number of ['1e308', '9223372036854775808', '1e309', '2147483648']) {
      expectRefused(await call('POST', '/v1/privacy/breaches', json(a.adminToken, breach.replace('%s', number))), '/body/peopleAffected');
    }
    expectRefused(await call('POST', '/v1/contacts', json(a.adminToken, '{"name":"Piet","retentionUntil":"2026-02-30"}')), '/body/retentionUntil');
    expect(await rowsOfTenant(a.id)).to.deep.equal(rows);
    // A JSON string is not a number, nor a number a string.
    expectRefused(await call('POST', '/v1/privacy/breaches', json(a.adminToken, breach.replace('%s', '"12"'))), '/body/peopleAffected');
    expectRefused(await call('POST', '/v1/groups', json(a.adminToken, '{"name":1e309,"type":"team"}')), '/body/name');
  });

  it('holds every numeric limit of a query for every spelling of a number', async () => {
    for (const spelling of ['1e309', '1e2', '100.0', '0x10', '%205', 'Infinity', '-1e309', '9223372036854775808']) {
      expectRefused(await call('GET', `/v1/audit-events?pageSize=${spelling}`, { token: a.adminToken }), '/query/pageSize');
    }
    expectRefused(await call('GET', '/v1/audit-events?pageSize=201', { token: a.adminToken }), '/query/pageSize');
    expect((await call('GET', '/v1/audit-events?pageSize=200', { token: a.adminToken })).status).to.equal(200);
    const messageId = await sendCallUpIn(a);
    for (const seconds of ['1e309', '3601', '3.6e3']) {
      expectRefused(await call('GET', `/v1/messages/${messageId}/stats/stream?seconds=${seconds}`, { token: a.adminToken }), '/query/seconds');
    }
  });
});
