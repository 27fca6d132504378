import { expect } from 'chai';
import { loadSpec } from '../../src/platform/http/contract.js';
import { onboardTenant, operatorToken, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, type Reply } from '../helpers/http.js';

/**
 * The isolation probe: every operation in the contract whose path names a resource is called
 * as tenant B with tenant A's ids and must answer as if the resource did not exist. The same
 * call by its rightful caller must succeed, so a probe cannot pass on an id that is simply wrong.
 * An operation without a fixture here fails the test: new endpoints are covered by construction.
 */
interface Probe {
  /** Path parameters naming tenant A's resources. */
  params: (a: OnboardedTenant) => Record<string, string>;
  body?: unknown;
  /** What tenant B's admin gets: 404 for tenant endpoints; operator endpoints refuse tenants outright. */
  foreign: 404 | 403;
  /** Who may make the call, for the positive control. */
  rightful: 'tenant-a-admin' | 'operator';
}

const probes: Record<string, Probe> = {
  getUser: { params: (a) => ({ userId: a.adminId }), foreign: 404, rightful: 'tenant-a-admin' },
  getTenant: { params: (a) => ({ tenantId: a.id }), foreign: 403, rightful: 'operator' },
  updateTenant: { params: (a) => ({ tenantId: a.id }), body: { name: 'Gewijzigd door de operator' }, foreign: 403, rightful: 'operator' },
  suspendTenant: { params: (a) => ({ tenantId: a.id }), body: { reason: 'probe' }, foreign: 403, rightful: 'operator' },
  reactivateTenant: { params: (a) => ({ tenantId: a.id }), foreign: 403, rightful: 'operator' },
};

interface Operation {
  operationId: string;
  method: string;
  path: string;
}

function operationsWithResourceIds(): Operation[] {
  const spec = loadSpec();
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!path.includes('{')) continue;
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const operation = item[method] as { operationId?: string } | undefined;
      if (operation) operations.push({ operationId: operation.operationId ?? `${method} ${path}`, method: method.toUpperCase(), path });
    }
  }
  return operations;
}

function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`the probe has no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

describe('isolation probe over every operation with a resource id', () => {
  const operations = operationsWithResourceIds();
  let a: OnboardedTenant;
  let b: OnboardedTenant;

  before(async () => {
    a = await onboardTenant('Tenant A');
    b = await onboardTenant('Tenant B');
  });

  it('has a probe fixture for every such operation in the contract', () => {
    const missing = operations.filter((op) => !probes[op.operationId]).map((op) => `${op.operationId} (${op.method} ${op.path})`);
    expect(missing, 'add a fixture to test/e2e/isolation-probe.spec.ts for').to.deep.equal([]);
    expect(operations.length).to.be.greaterThan(0);
  });

  for (const op of operationsWithResourceIds()) {
    it(`${op.operationId}: tenant B gets ${probes[op.operationId]?.foreign ?? '?'} for tenant A's ids; the rightful caller succeeds`, async () => {
      const probe = probes[op.operationId];
      if (!probe) throw new Error(`no probe fixture for ${op.operationId}`);
      const path = fill(op.path, probe.params(a));
      const options = (token: string) => ({ token, ...(probe.body !== undefined ? { body: probe.body } : {}) });

      const foreign: Reply = await call(op.method, path, options(b.adminToken));
      expect(foreign.status, foreign.text).to.equal(probe.foreign);
      expect(foreign.headers.get('content-type')).to.match(/^application\/problem\+json/);
      if (probe.foreign === 404) {
        // Exactly what an id that does not exist gets: nothing tells the two apart.
        const missingPath = fill(op.path, Object.fromEntries(Object.keys(probe.params(a)).map((k) => [k, '00000000-0000-4000-8000-000000000000'])));
        const missing = await call(op.method, missingPath, options(b.adminToken));
        expect({ status: foreign.status, type: foreign.body.type, title: foreign.body.title, detail: foreign.body.detail }).to.deep.equal({
          status: missing.status,
          type: missing.body.type,
          title: missing.body.title,
          detail: missing.body.detail,
        });
      }

      const rightfulToken = probe.rightful === 'operator' ? await operatorToken() : a.adminToken;
      const rightful = await call(op.method, path, options(rightfulToken));
      expect(rightful.status, rightful.text).to.be.within(200, 299);
    });
  }
});
