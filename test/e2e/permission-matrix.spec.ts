import { expect } from 'chai';
import { ROLE_PERMISSIONS, SCOPE_PERMISSIONS, type Permission } from '../../src/platform/auth/permissions.js';
import { addUser, onboardTenant, operatorToken, signIn, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { fillPath, operationFixtures } from '../helpers/operation-fixtures.js';
import { specOperations } from '../helpers/spec-operations.js';

/**
 * Every secured operation of the contract, called by every role (and by an API key holding
 * every scope), must answer as the permission table says: 403 /problems/forbidden when the
 * role lacks the operation's x-permission, and anything but 401/403 when it has it. A new
 * endpoint is covered the moment it is in the spec.
 */
const secured = specOperations().filter((op) => op.secured);

describe('permission matrix: every operation × every role, against the permission table', () => {
  let tenant: OnboardedTenant;
  const callers: Array<{ name: string; permissions: readonly string[]; token: () => Promise<string>; header: 'bearer' | 'api-key'; relogin?: () => Promise<string> }> = [];

  before(async function () {
    this.timeout(60_000);
    tenant = await onboardTenant('Matrix');
    const coordinator = await addUser(tenant, ['coordinator']);
    const member = await addUser(tenant, ['member']);
    const key = await call('POST', '/v1/api-keys', { token: tenant.adminToken, body: { name: 'Alle scopes', scopes: Object.keys(SCOPE_PERMISSIONS) } });
    expect(key.status, key.text).to.equal(201);
    const keyPermissions = [...new Set(Object.values(SCOPE_PERMISSIONS).flat())];
    // The admin of the matrix keeps their own token for fixtures; the admin *role* is played by a second admin.
    const admin = await addUser(tenant, ['admin']);
    const operator = await operatorToken();
    callers.push(
      { name: 'admin', permissions: ROLE_PERMISSIONS.admin, token: () => Promise.resolve(admin.token), header: 'bearer', relogin: () => signIn(tenant.slug, admin.email) },
      { name: 'coordinator', permissions: ROLE_PERMISSIONS.coordinator, token: () => Promise.resolve(coordinator.token), header: 'bearer', relogin: () => signIn(tenant.slug, coordinator.email) },
      { name: 'member', permissions: ROLE_PERMISSIONS.member, token: () => Promise.resolve(member.token), header: 'bearer', relogin: () => signIn(tenant.slug, member.email) },
      { name: 'operator', permissions: ROLE_PERMISSIONS.operator, token: () => Promise.resolve(operator), header: 'bearer' },
      { name: 'API key with every scope', permissions: keyPermissions, token: () => Promise.resolve(key.body.key as string), header: 'api-key' },
    );
  });

  it('declares a permission from the table for every secured operation, and has a fixture for each', () => {
    const known = new Set<string>(Object.values(ROLE_PERMISSIONS).flat());
    for (const op of secured) {
      expect(op.permission, `${op.operationId} needs x-permission`).to.be.a('string');
      expect(known.has(op.permission!), `${op.operationId}: ${op.permission} is not in the permission table`).to.equal(true);
      expect(operationFixtures[op.operationId], `fixture for ${op.operationId}`).to.not.equal(undefined);
    }
  });

  for (const op of secured) {
    it(`${op.operationId} (${op.method} ${op.path}) — ${op.permission ?? '?'}`, async function () {
      this.timeout(60_000);
      const fixture = operationFixtures[op.operationId]!;
      const outcomes: string[] = [];
      for (const caller of callers) {
        const prepared = await fixture.prepare(tenant);
        const path = fillPath(op.path, prepared.params) + (prepared.query ?? '');
        let token = await caller.token();
        if (fixture.endsOwnSession && caller.relogin) token = await caller.relogin();
        const headers: Record<string, string> = caller.header === 'api-key' ? { 'x-api-key': token } : { authorization: `Bearer ${token}` };
        const reply = await call(op.method, path, { headers, ...(prepared.body !== undefined ? { body: prepared.body } : {}), ...(prepared.form ? { form: prepared.form } : {}) });
        const allowed = caller.permissions.includes(op.permission as Permission);
        const forbidden = reply.status === 403 && reply.body?.type === '/problems/forbidden';
        outcomes.push(`${caller.name}: ${reply.status}`);
        if (allowed) {
          expect(forbidden || reply.status === 401, `${caller.name} may ${op.permission}, got ${reply.status} ${reply.text}`).to.equal(false);
        } else {
          expect(forbidden, `${caller.name} may not ${op.permission}, got ${reply.status} ${reply.text}`).to.equal(true);
        }
      }
      expect(outcomes).to.have.length(callers.length);
    });
  }
});
