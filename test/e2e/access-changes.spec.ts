import { expect } from 'chai';
import { ownerQuery } from '../helpers/database-search.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';

/**
 * Access tokens live for minutes, but what they carry is only who signed in: roles, status and
 * key scopes are read again on every request, so a change takes effect with the next request.
 */
describe('a change of access takes effect at the next request', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Zorggroep Rechten');
  });

  it('stops a demoted admin at once: the old token gets 403 and cannot create another admin', async () => {
    const second = await addUser(t, ['admin'], 'Tweede Beheerder');
    expectStatus(await call('GET', '/v1/users', { token: second.token }), 200);
    expectStatus(await call('PATCH', `/v1/users/${second.id}`, { token: t.adminToken, body: { roles: ['member'] } }), 200);

    const listed = await call('GET', '/v1/users', { token: second.token });
    expect(listed.status, listed.text).to.equal(403);
    const created = await call('POST', '/v1/users', { token: second.token, body: { name: 'Stiekeme Beheerder', email: `stiekem@${t.slug}.test`, roles: ['admin'] } });
    expect(created.status, created.text).to.equal(403);
    // What a member may do still works with the same token.
    expectStatus(await call('GET', '/v1/me', { token: second.token }), 200);

    // And back: promoted again, the same token has the rights again.
    expectStatus(await call('PATCH', `/v1/users/${second.id}`, { token: t.adminToken, body: { roles: ['admin'] } }), 200);
    expectStatus(await call('GET', '/v1/users', { token: second.token }), 200);
  });

  it('stops a deactivated user and one whose second factor was reset, with their old tokens', async () => {
    const gone = await addUser(t, ['coordinator'], 'Vertrekkende Coördinator');
    expectStatus(await call('POST', `/v1/users/${gone.id}/deactivate`, { token: t.adminToken }), 200);
    expect((await call('GET', '/v1/me', { token: gone.token })).status).to.equal(401);

    const lost = await addUser(t, ['member'], 'Telefoon Kwijt');
    expectStatus(await call('DELETE', `/v1/users/${lost.id}/second-factor`, { token: t.adminToken }), 204);
    expect((await call('GET', '/v1/me', { token: lost.token })).status).to.equal(401);
  });

  it('gives an API key the scopes it has now: reduced scopes answer 403 on the next call', async () => {
    const key = expectStatus(await call('POST', '/v1/api-keys', { token: t.adminToken, body: { name: 'HR-koppeling', scopes: ['users:read', 'audit:read'] } }), 201);
    const headers = { 'x-api-key': key.key as string };
    expectStatus(await call('GET', '/v1/users', { headers }), 200);
    // No operation changes a key's scopes (an integration gets a new key); the stored scopes are
    // what counts, so a change there, however made, holds from the next call.
    await ownerQuery(`update api_keys set scopes = '{audit:read}' where id = $1`, [key.id]);
    expect((await call('GET', '/v1/users', { headers })).status).to.equal(403);
    expectStatus(await call('GET', '/v1/audit-events', { headers }), 200);
  });
});
