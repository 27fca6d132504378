import { expect } from 'chai';
import { addUser, onboardTenant, operatorToken, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, type Reply } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

function expectProblem(reply: Reply, status: number, type: string): void {
  expect(reply.status, reply.text).to.equal(status);
  expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(reply.body).to.include({ status, type });
  expect(reply.body.title).to.be.a('string').and.not.be.empty;
  expect(reply.body.detail).to.be.a('string').and.not.be.empty;
  expect(reply.body.instance).to.equal(reply.headers.get('x-request-id'));
  // Nothing of the server's insides reaches the client.
  expect(reply.text).not.to.match(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+|select |insert |stack/i);
}

describe('every error is application/problem+json (RFC 9457)', () => {
  let tenant: OnboardedTenant;
  before(async () => {
    tenant = await onboardTenant();
  });

  it('400: names each invalid field with a JSON pointer, and changes nothing', async () => {
    const token = await operatorToken();
    const reply = await call('POST', '/v1/platform/tenants', {
      token,
      body: { name: '', slug: 'Geen Geldige Slug', firstAdmin: { name: 'X', email: 'geen-e-mail' }, extra: true },
    });
    expectProblem(reply, 400, '/problems/validation-failed');
    const pointers = (reply.body.errors as Array<{ pointer: string; detail: string }>).map((e) => e.pointer);
    expect(pointers).to.include.members(['/body/name', '/body/slug', '/body/firstAdmin/email']);
    for (const error of reply.body.errors) expect(error.detail).to.be.a('string').and.not.be.empty;
    expect((await call('GET', '/v1/platform/tenants?pageSize=200', { token })).body.items.map((t: { slug: string }) => t.slug)).not.to.include(
      'Geen Geldige Slug',
    );
  });

  it('400: checks query and path parameters against the contract', async () => {
    const query = await call('GET', '/v1/users?pageSize=1000&page=0', { token: tenant.adminToken });
    expectProblem(query, 400, '/problems/validation-failed');
    expect(query.body.errors.map((e: { pointer: string }) => e.pointer)).to.include.members(['/query/pageSize', '/query/page']);
    const unknown = await call('GET', '/v1/users?tenantId=00000000-0000-4000-8000-000000000000', { token: tenant.adminToken });
    expectProblem(unknown, 400, '/problems/validation-failed');
    const path = await call('GET', '/v1/users/niet-een-uuid', { token: tenant.adminToken });
    expectProblem(path, 400, '/problems/validation-failed');
    expect(path.body.errors[0].pointer).to.equal('/path/userId');
  });

  it('400: malformed JSON', async () => {
    const reply = await call('POST', '/v1/auth/login', { rawBody: '{"tenant": ', headers: { 'content-type': 'application/json' } });
    expectProblem(reply, 400, '/problems/malformed-json');
  });

  it('401: no token, or a token that is not valid', async () => {
    expectProblem(await call('GET', '/v1/users'), 401, '/problems/unauthenticated');
    expectProblem(await call('GET', '/v1/users', { token: 'not-a-jwt' }), 401, '/problems/unauthenticated');
  });

  it('403: a member may not read the user list (permission, not role name)', async () => {
    const member = await addUser(tenant, ['member']);
    const reply = await call('GET', '/v1/users', { token: member.token });
    expectProblem(reply, 403, '/problems/forbidden');
    expect(reply.body.detail).to.contain('users.read');
    expect((await call('GET', '/v1/tenant', { token: member.token })).status).to.equal(200);
  });

  it('404: unknown paths and unknown ids', async () => {
    expectProblem(await call('GET', '/v1/bestaat-niet', { token: tenant.adminToken }), 404, '/problems/not-found');
    expectProblem(await call('GET', '/v1/users/00000000-0000-4000-8000-000000000000', { token: tenant.adminToken }), 404, '/problems/not-found');
  });

  it('405: a known path with a method it does not have', async () => {
    expectProblem(await call('DELETE', '/v1/tenant', { token: tenant.adminToken }), 405, '/problems/method-not-allowed');
  });

  it('413: a body over the limit is refused before anything reads it', async () => {
    const big = JSON.stringify({ tenant: tenant.slug, email: 'a@b.nl', password: 'x'.repeat(env().config.BODY_LIMIT === '64kb' ? 70_000 : 2_000_000) });
    expectProblem(await call('POST', '/v1/auth/login', { rawBody: big, headers: { 'content-type': 'application/json' } }), 413, '/problems/payload-too-large');
  });

  it('415: a content type the operation does not accept', async () => {
    const reply = await call('POST', '/v1/auth/login', { rawBody: 'tenant=x&email=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(reply, 415, '/problems/unsupported-media-type');
    const text = await call('POST', '/v1/auth/login', { rawBody: 'hallo', headers: { 'content-type': 'text/plain' } });
    expectProblem(text, 415, '/problems/unsupported-media-type');
  });

  it('describes each problem type at its URI', async () => {
    const reply = await call('GET', '/problems/validation-failed');
    expect(reply.status).to.equal(200);
    expect(reply.body).to.include({ type: '/problems/validation-failed', status: 400 });
    expect(reply.body.description).to.be.a('string');
  });
});
