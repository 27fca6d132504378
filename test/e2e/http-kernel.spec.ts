import { expect } from 'chai';
import { PLATFORM } from '../../src/platform/container/tokens.js';
import { loadSpec } from '../../src/platform/http/contract.js';
import type { Endpoints } from '../../src/platform/http/endpoint.js';
import { contractOperations } from '../../src/platform/http/operations.js';
import { call } from '../helpers/http.js';
import { onboardTenant } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';

describe('HTTP kernel', () => {
  it('answers liveness and readiness (readiness checks the database)', async () => {
    const live = await call('GET', '/health/live');
    expect(live.status).to.equal(200);
    expect(live.body).to.deep.equal({ status: 'ok' });
    const ready = await call('GET', '/health/ready');
    expect(ready.status).to.equal(200);
    expect(ready.body).to.deep.equal({ status: 'ok', checks: { database: 'ok' } });
  });

  it('serves the contract at /openapi.json and a docs page at /docs', async () => {
    const spec = await call('GET', '/openapi.json');
    expect(spec.status).to.equal(200);
    expect(spec.body.openapi).to.equal('3.1.0');
    expect(spec.body.paths).to.have.property('/v1/tenant');
    const docs = await call('GET', '/docs/');
    expect(docs.status).to.equal(200);
    expect(docs.headers.get('content-type')).to.match(/text\/html/);
    expect(docs.text).to.contain('swagger-ui');
  });

  it('gives every response a request id, keeping a sane one the client sent', async () => {
    const fresh = await call('GET', '/health/live');
    expect(fresh.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    const kept = await call('GET', '/health/live', { headers: { 'x-request-id': 'client-trace-12345' } });
    expect(kept.headers.get('x-request-id')).to.equal('client-trace-12345');
    const replaced = await call('GET', '/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers and hides the framework', async () => {
    const reply = await call('GET', '/health/live');
    expect(reply.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(reply.headers.get('content-security-policy')).to.contain("default-src 'self'");
    expect(reply.headers.get('x-powered-by')).to.equal(null);
  });

  it('sends HSTS only for a request that came over TLS (per the trusted proxy), not over plain HTTP', async () => {
    expect((await call('GET', '/health/live')).headers.get('strict-transport-security')).to.equal(null);
    const overTls = await call('GET', '/health/live', { headers: { 'x-forwarded-proto': 'https' } });
    expect(overTls.headers.get('strict-transport-security')).to.match(/max-age=\d+/);
  });

  it('marks API answers no-store, so no cache keeps the personal data they carry', async () => {
    const t = await onboardTenant('Zorggroep Cache');
    for (const path of ['/v1/users', '/v1/me', '/v1/audit-events', '/v1/privacy/exports/users?format=csv', '/v1/does-not-exist']) {
      const reply = await call('GET', path, { token: t.adminToken });
      expect(reply.headers.get('cache-control'), path).to.equal('no-store');
    }
    expect((await call('GET', '/v1/users')).headers.get('cache-control'), 'a 401 too').to.equal('no-store');
  });

  it('sends a request of every operation table straight to its route; only the plain routers are walked', () => {
    const routes = env().platform.container.get<Endpoints>(PLATFORM.Endpoints).routes;
    const walked = contractOperations(loadSpec()).filter(({ operationId }) => !routes.has(operationId));
    expect(walked.map(({ operationId }) => operationId)).to.have.members(['getLiveness', 'getReadiness', 'receiveSmsDeliveryReport', 'openAnswerLink', 'answerThroughLink']);
  });
});

describe('the contract itself', () => {
  const spec = loadSpec();
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ path, method, op: op as Record<string, unknown> })),
  );

  it('gives every operation an operationId, a tag and a summary', () => {
    for (const { path, method, op } of operations) {
      expect(op.operationId, `${method} ${path}`).to.be.a('string');
      expect(op.tags, `${method} ${path}`).to.be.an('array').that.is.not.empty;
      expect(op.summary, `${method} ${path}`).to.be.a('string');
    }
  });

  it('documents error responses for every operation but the health checks, and 401 for every secured one', () => {
    for (const { path, method, op } of operations) {
      const codes = Object.keys(op.responses as object);
      if (!path.startsWith('/health')) expect(codes.some((c) => c.startsWith('4')), `${method} ${path}`).to.equal(true);
      const secured = !Array.isArray(op.security) || (op.security as unknown[]).length > 0;
      if (secured) expect(codes, `${method} ${path}`).to.include('401');
    }
  });

  it('has an example for every request body and every JSON success response', () => {
    const resolve = (node: unknown): Record<string, unknown> => {
      let current = node as Record<string, unknown>;
      while (current && typeof current.$ref === 'string') {
        current = (current.$ref)
          .slice(2)
          .split('/')
          .reduce<Record<string, unknown>>((n, key) => n[key] as Record<string, unknown>, spec as unknown as Record<string, unknown>);
      }
      return current;
    };
    const hasExample = (media: Record<string, unknown> | undefined) => Boolean(media && (media.example !== undefined || media.examples !== undefined));
    for (const { path, method, op } of operations) {
      const body = op.requestBody ? resolve(op.requestBody) : undefined;
      if (body) {
        for (const [type, media] of Object.entries(body.content as Record<string, Record<string, unknown>>)) {
          expect(hasExample(media), `${method} ${path} request ${type}`).to.equal(true);
        }
      }
      for (const [code, response] of Object.entries(op.responses as Record<string, unknown>)) {
        const content = resolve(response).content as Record<string, Record<string, unknown>> | undefined;
        const json = content?.['application/json'] ?? content?.['application/problem+json'];
        if (json && code !== '200' && code !== '201') continue;
        if (json) expect(hasExample(json), `${method} ${path} ${code}`).to.equal(true);
      }
    }
  });
});

describe('the web console at / (also the targets of the mailed activation and reset links)', () => {
  it('answers a browser\'s deep link with the console page, under a CSP with scripts from this origin only', async () => {
    for (const path of ['/activate?token=abc', '/reset-password?token=abc', '/people/some/deep/link', '/']) {
      const page = await call('GET', path, { headers: { accept: 'text/html' } });
      expect(page.status, path).to.equal(200);
      expect(page.headers.get('content-type')).to.match(/text\/html/);
      expect(page.text).to.contain('<div id="root"></div>');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).to.match(/script-src 'self'(;|$)/);
      expect(csp).to.match(/style-src 'self' 'unsafe-inline'/);
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await call('GET', '/', { headers: { accept: 'text/html' } })).text)![1]!;
    const asset = await call('GET', script);
    expect(asset.status).to.equal(200);
    expect(asset.headers.get('content-type')).to.match(/javascript/);
    expect((await call('GET', '/assets/bestaat-niet.js')).status).to.equal(404);
  });

  it('leaves the API\'s paths to the API, and JSON clients get problems, not the page', async () => {
    const unknown = await call('GET', '/v1/bestaat-niet', { headers: { accept: 'text/html' } });
    expect(unknown.status).to.equal(404);
    expect(unknown.headers.get('content-type')).to.match(/problem\+json/);
    expect((await call('GET', '/health/live', { headers: { accept: 'text/html' } })).headers.get('content-type')).to.match(/json/);
    expect((await call('GET', '/openapi.json', { headers: { accept: 'text/html' } })).headers.get('content-type')).to.match(/json/);
    const json = await call('GET', '/people', { headers: { accept: 'application/json' } });
    expect(json.status).to.equal(404);
    expect(json.headers.get('content-type')).to.match(/problem\+json/);
  });
});
