import { expect } from 'chai';
import { onboardTenant, operatorToken, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { fillPath, operationFixtures } from '../helpers/operation-fixtures.js';
import { specOperations } from '../helpers/spec-operations.js';

/**
 * The isolation probe: every operation in the contract whose path names a resource is called
 * as tenant B with tenant A's ids and must answer exactly as for an id that does not exist. The
 * same call by its rightful caller must succeed, so a probe cannot pass on an id that is simply
 * wrong. An operation without a fixture fails the test: new endpoints are covered by construction.
 */
// Operations without a principal (security: []) whose path holds their own credential — an answer
// link's token, the SMS callback's secret — have no caller of tenant B to probe with: the token
// names its tenant under a MAC, and the specs of those operations show that a token claiming
// another tenant, or altered at all, is 404 (test/e2e/call-ups-sms.spec.ts).
const withIds = specOperations().filter((op) => op.path.includes('{') && op.secured);
const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('isolation probe over every operation with a resource id', () => {
  let a: OnboardedTenant;
  let b: OnboardedTenant;

  before(async () => {
    a = await onboardTenant('Tenant A');
    b = await onboardTenant('Tenant B');
  });

  it('has a fixture for every such operation in the contract', () => {
    const missing = withIds.filter((op) => !operationFixtures[op.operationId]).map((op) => `${op.operationId} (${op.method} ${op.path})`);
    expect(missing, 'add to test/helpers/operation-fixtures.ts').to.deep.equal([]);
    expect(withIds.length).to.be.greaterThan(10);
  });

  for (const op of withIds) {
    const platform = op.path.startsWith('/v1/platform/');
    it(`${op.operationId}: tenant B gets ${platform ? '403 (operator only)' : operationFixtures[op.operationId]?.foreign ?? '404'} for tenant A's ids; the rightful caller succeeds`, async () => {
      const fixture = operationFixtures[op.operationId];
      if (!fixture) throw new Error(`no fixture for ${op.operationId}`);
      const prepared = await fixture.prepare(a);
      const path = fillPath(op.path, prepared.params) + (prepared.query ?? '');
      const options = (token: string) => ({ token, ...(prepared.body !== undefined ? { body: prepared.body } : {}), ...(prepared.form ? { form: prepared.form } : {}) });

      const foreign = await call(op.method, path, options(b.adminToken));
      expect(foreign.headers.get('content-type'), foreign.text).to.match(/^application\/problem\+json/);
      if (platform || fixture.foreign === 403) {
        expect(foreign.status, foreign.text).to.equal(403);
      } else {
        expect(foreign.status, foreign.text).to.equal(404);
        const missingPath = fillPath(op.path, Object.fromEntries(Object.keys(prepared.params ?? {}).map((k) => [k, NOBODY])));
        const missing = await call(op.method, missingPath, options(b.adminToken));
        const shape = (r: typeof foreign) => ({ status: r.status, type: r.body.type, title: r.body.title });
        expect(shape(foreign)).to.deep.equal(shape(missing));
      }

      const rightful = await call(op.method, path, options(platform ? await operatorToken() : a.adminToken));
      expect(rightful.status, rightful.text).to.be.within(200, 299);
    });
  }
});
