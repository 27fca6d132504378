import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FailureKind } from '../../src/platform/domain/errors.js';
import { statusOf } from '../../src/platform/http/error-handler.js';
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

  it('describes every problem type the code can answer with (found in the sources, so a new one is covered)', async () => {
    const types = problemTypesInSources();
    // The walk reads every DomainError of src/ and every slug the HTTP kernel sends itself.
    expect(types.size).to.be.greaterThan(50);
    const missing: string[] = [];
    for (const [slug, status] of types) {
      const reply = await call('GET', `/problems/${slug}`);
      if (reply.status !== 200) {
        missing.push(`${slug} (${reply.status})`);
        continue;
      }
      expect(reply.body.type, slug).to.equal(`/problems/${slug}`);
      expect(reply.body.title, slug).to.be.a('string').and.not.be.empty;
      expect(reply.body.description, slug).to.be.a('string').and.not.be.empty;
      if (status !== undefined) expect(reply.body.status, slug).to.equal(status);
    }
    expect(missing).to.deep.equal([]);
    expectProblem(await call('GET', '/problems/bestaat-niet'), 404, '/problems/not-found');
  });
});

/**
 * Every problem type the server can send, read from src/: each DomainError subclass's code
 * (with the status of its kind; not_found codes all answer as /problems/not-found) and every
 * slug the HTTP kernel names itself. Reading the sources rather than a list means a new error
 * class without a description fails here.
 */
function problemTypesInSources(): Map<string, number | undefined> {
  const found = new Map<string, number | undefined>();
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.generated.ts'));
  for (const file of files) {
    const source = readFileSync(path.join('src', file), 'utf8');
    for (const chunk of source.split(/^export /m).slice(1)) {
      if (!/^(abstract )?class \w+ extends DomainError\b/.test(chunk)) continue;
      const kind = chunk.match(/readonly kind = '(\w+)'/)?.[1] as FailureKind | undefined;
      if (kind === 'not_found') {
        found.set('not-found', 404);
        continue;
      }
      // `readonly code = 'A.B'`, or `this.code = ... ? 'A' : 'B'` where the kind is chosen at run time.
      const codes = (chunk.match(/\bcode = [^;]*;/g) ?? []).flatMap((statement) => [...statement.matchAll(/'([A-Z][A-Z0-9_.]*)'/g)].map((m) => m[1]!));
      for (const code of codes) found.set(code.toLowerCase().replace(/[._]/g, '-'), kind ? statusOf(kind) : undefined);
    }
    // A class declared with its problem type (`extends problem({ code: 'A.B', kind: 'k', … }, …)`) has the kind it declares.
    for (const [, code, kind] of source.matchAll(/^export class \w+ extends problem\(\{ code: '([A-Z][A-Z0-9_.]*)', kind: '(\w+)'/gm)) {
      if (kind === 'not_found') found.set('not-found', 404);
      else found.set(code!.toLowerCase().replace(/[._]/g, '-'), statusOf(kind as FailureKind));
    }
    for (const match of source.matchAll(/(?:catalogued\(res, |slug: )'([a-z-]+)'/g)) if (!found.has(match[1]!)) found.set(match[1]!, undefined);
  }
  return found;
}
