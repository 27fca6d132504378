import { expect } from 'chai';
import { addUser, onboardTenant, PASSWORD, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

describe('users: a tenant admin manages the people of the organisation', () => {
  let t: OnboardedTenant;
  before(async () => {
    t = await onboardTenant('Gemeente Rivierstad');
  });

  it('invites a user with details, roles and groups; the invitation mail carries an activation link', async () => {
    const team = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'Crisisteam Centrum', type: 'team' } });
    expect(team.status, team.text).to.equal(201);
    const created = await call('POST', '/v1/users', {
      token: t.adminToken,
      body: {
        email: `Sanne.Jansen@${t.slug}.test`,
        name: 'Sanne Jansen',
        phone: '+31 6 12345678',
        jobTitle: 'Verpleegkundige',
        location: 'Locatie Centrum',
        roles: ['member'],
        groupIds: [team.body.id],
      },
    });
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('location')).to.equal(`/v1/users/${created.body.id}`);
    expect(created.body).to.include({ email: `sanne.jansen@${t.slug}.test`, status: 'invited', isAdmin: false, phone: '+31 6 12345678', jobTitle: 'Verpleegkundige' });
    expect(created.body.groupIds).to.deep.equal([team.body.id]);
    expect(env().mailer.activationTokenFor(`sanne.jansen@${t.slug}.test`)).to.match(/^[0-9a-f-]{36}\./);

    const again = await call('POST', '/v1/users', { token: t.adminToken, body: { email: `sanne.jansen@${t.slug}.test`, name: 'Dubbel', roles: ['member'] } });
    expect(again.status).to.equal(409);
    expect(again.body.type).to.equal('/problems/user-email-taken');

    const unknownGroup = await call('POST', '/v1/users', {
      token: t.adminToken,
      body: { email: `x@${t.slug}.test`, name: 'X', roles: ['member'], groupIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(unknownGroup.status).to.equal(404);
    const notCreated = await call('GET', `/v1/users?search=${encodeURIComponent(`x@${t.slug}.test`)}`, { token: t.adminToken });
    expect(notCreated.body.total).to.equal(0);
  });

  it('lists with paging, search by name or e-mail, and filters on role, group and status; admins stand out', async () => {
    const tenant = await onboardTenant();
    const group = await call('POST', '/v1/groups', { token: tenant.adminToken, body: { name: 'Locatie Noord', type: 'location' } });
    const coordinator = await addUser(tenant, ['coordinator'], 'Fatima El Amrani');
    await addUser(tenant, ['member'], 'Ruud Visser');
    await call('PUT', `/v1/groups/${group.body.id}/members/${coordinator.id}`, { token: tenant.adminToken });

    const all = await call('GET', '/v1/users?pageSize=2', { token: tenant.adminToken });
    expect(all.body).to.include({ total: 3, page: 1, pageSize: 2 });
    expect(all.body.items).to.have.length(2);
    const second = await call('GET', '/v1/users?pageSize=2&page=2', { token: tenant.adminToken });
    expect(second.body.items).to.have.length(1);

    const byName = await call('GET', '/v1/users?search=amrani', { token: tenant.adminToken });
    expect(byName.body.items.map((u: { name: string }) => u.name)).to.deep.equal(['Fatima El Amrani']);
    // A form (or URLSearchParams) sends a space as '+'; it means the same as %20.
    const formEncoded = await call('GET', '/v1/users?search=El+Amrani', { token: tenant.adminToken });
    expect(formEncoded.status, formEncoded.text).to.equal(200);
    const percentEncoded = await call('GET', '/v1/users?search=El%20Amrani', { token: tenant.adminToken });
    expect(formEncoded.body.items.map((u: { name: string }) => u.name)).to.deep.equal(['Fatima El Amrani']);
    expect(formEncoded.body).to.deep.equal(percentEncoded.body);
    expect(new URLSearchParams({ search: 'El Amrani' }).toString()).to.equal('search=El+Amrani');
    const byRole = await call('GET', '/v1/users?role=admin', { token: tenant.adminToken });
    expect(byRole.body.items.map((u: { id: string }) => u.id)).to.deep.equal([tenant.adminId]);
    expect(byRole.body.items[0].isAdmin).to.equal(true);
    const byGroup = await call('GET', `/v1/users?group=${group.body.id}`, { token: tenant.adminToken });
    expect(byGroup.body.items.map((u: { id: string }) => u.id)).to.deep.equal([coordinator.id]);
    expect(byGroup.body.items[0].groupIds).to.deep.equal([group.body.id]);
    const active = await call('GET', '/v1/users?status=active', { token: tenant.adminToken });
    expect(active.body.total).to.equal(3);
  });

  it('updates details and roles; a role change is audited; e-mail stays unique', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const other = await addUser(tenant, ['member']);
    const updated = await call('PATCH', `/v1/users/${member.id}`, { token: tenant.adminToken, body: { jobTitle: 'Crisiscoördinator', roles: ['coordinator'] } });
    expect(updated.status, updated.text).to.equal(200);
    expect(updated.body).to.include({ jobTitle: 'Crisiscoördinator' });
    expect(updated.body.roles).to.deep.equal(['coordinator']);
    const taken = await call('PATCH', `/v1/users/${member.id}`, { token: tenant.adminToken, body: { email: other.email } });
    expect(taken.status).to.equal(409);
    const audit = await call('GET', `/v1/audit-events?action=user.roles_changed&subjectId=${member.id}`, { token: tenant.adminToken });
    expect(audit.body.items).to.have.length(1);
    expect(audit.body.items[0]).to.include({ actorType: 'user', actorId: tenant.adminId });
    expect(audit.body.items[0].details).to.deep.equal({ from: ['member'], to: ['coordinator'] });
  });

  it('keeps one active admin: the last one cannot lose the role', async () => {
    const tenant = await onboardTenant();
    const demote = await call('PATCH', `/v1/users/${tenant.adminId}`, { token: tenant.adminToken, body: { roles: ['member'] } });
    expect(demote.status).to.equal(409);
    expect(demote.body.type).to.equal('/problems/user-last-admin');
    const second = await addUser(tenant, ['admin']);
    expect((await call('PATCH', `/v1/users/${tenant.adminId}`, { token: second.token, body: { roles: ['member', 'coordinator'] } })).status).to.equal(200);
  });

  it('resends an invitation: the earlier link stops working, the new one activates', async () => {
    const tenant = await onboardTenant();
    const email = `laat@${tenant.slug}.test`;
    const created = await call('POST', '/v1/users', { token: tenant.adminToken, body: { email, name: 'Laatkomer', roles: ['member'] } });
    const first = env().mailer.activationTokenFor(email);
    expect((await call('POST', `/v1/users/${created.body.id}/invitation`, { token: tenant.adminToken })).status).to.equal(202);
    const second = env().mailer.activationTokenFor(email);
    expect(second).not.to.equal(first);
    expect((await call('POST', '/v1/auth/activate', { body: { token: first, password: PASSWORD } })).status).to.equal(410);
    expect((await call('POST', '/v1/auth/activate', { body: { token: second, password: PASSWORD } })).status).to.equal(204);
    const again = await call('POST', `/v1/users/${created.body.id}/invitation`, { token: tenant.adminToken });
    expect(again.status).to.equal(409);
  });

  it('moves users through invited → active → deactivated → active', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const deactivated = await call('POST', `/v1/users/${member.id}/deactivate`, { token: tenant.adminToken });
    expect(deactivated.body).to.include({ status: 'deactivated' });
    expect(deactivated.body.deactivatedAt).to.be.a('string');
    expect((await call('POST', `/v1/users/${member.id}/deactivate`, { token: tenant.adminToken })).status).to.equal(409);
    const reactivated = await call('POST', `/v1/users/${member.id}/reactivate`, { token: tenant.adminToken });
    expect(reactivated.body).to.include({ status: 'active', deactivatedAt: null });
  });

  it('is read-only for coordinators and closed to members', async () => {
    const tenant = await onboardTenant();
    const coordinator = await addUser(tenant, ['coordinator']);
    const member = await addUser(tenant, ['member']);
    expect((await call('GET', '/v1/users', { token: coordinator.token })).status).to.equal(200);
    expect((await call('POST', '/v1/users', { token: coordinator.token, body: { email: `c@${tenant.slug}.test`, name: 'C', roles: ['member'] } })).status).to.equal(403);
    expect((await call('GET', '/v1/users', { token: member.token })).status).to.equal(403);
  });
});

describe('groups and teams', () => {
  it('creates, lists, renames and deletes groups with members; a user can be in many', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const team = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'BHV-team', type: 'team', description: 'Bedrijfshulpverlening' } });
    const location = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'Locatie Zuid', type: 'location' } });
    expect(team.status, team.text).to.equal(201);
    expect(team.body).to.include({ name: 'BHV-team', type: 'team', description: 'Bedrijfshulpverlening', memberCount: 0 });
    const duplicate = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'bhv-team', type: 'department' } });
    expect(duplicate.status).to.equal(409);

    for (const group of [team, location]) {
      expect((await call('PUT', `/v1/groups/${group.body.id}/members/${member.id}`, { token: t.adminToken })).status).to.equal(204);
    }
    expect((await call('PUT', `/v1/groups/${team.body.id}/members/${member.id}`, { token: t.adminToken })).status).to.equal(204);
    const user = await call('GET', `/v1/users/${member.id}`, { token: t.adminToken });
    expect(user.body.groupIds).to.have.members([team.body.id, location.body.id]);
    const members = await call('GET', `/v1/groups/${team.body.id}/members`, { token: t.adminToken });
    expect(members.body.items.map((u: { id: string }) => u.id)).to.deep.equal([member.id]);
    expect((await call('GET', `/v1/groups/${team.body.id}`, { token: t.adminToken })).body.memberCount).to.equal(1);

    const teams = await call('GET', '/v1/groups?type=team', { token: t.adminToken });
    expect(teams.body.items.map((g: { name: string }) => g.name)).to.deep.equal(['BHV-team']);
    const renamed = await call('PATCH', `/v1/groups/${team.body.id}`, { token: t.adminToken, body: { name: 'BHV-ploeg' } });
    expect(renamed.body.name).to.equal('BHV-ploeg');

    expect((await call('DELETE', `/v1/groups/${team.body.id}/members/${member.id}`, { token: t.adminToken })).status).to.equal(204);
    expect((await call('GET', `/v1/groups/${team.body.id}`, { token: t.adminToken })).body.memberCount).to.equal(0);
    expect((await call('DELETE', `/v1/groups/${location.body.id}`, { token: t.adminToken })).status).to.equal(204);
    expect((await call('GET', `/v1/groups/${location.body.id}`, { token: t.adminToken })).status).to.equal(404);
    expect((await call('GET', `/v1/users/${member.id}`, { token: t.adminToken })).body.groupIds).to.deep.equal([]);
  });

  it('shows members their own groups on /v1/me', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const team = await call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'Crisisteam', type: 'team' } });
    await call('PUT', `/v1/groups/${team.body.id}/members/${member.id}`, { token: t.adminToken });
    const me = await call('GET', '/v1/me', { token: member.token });
    expect(me.status, me.text).to.equal(200);
    expect(me.body.groups).to.deep.equal([{ id: team.body.id, name: 'Crisisteam', type: 'team' }]);
    expect(me.body.permissions).to.include('me.read').and.not.include('users.read');
  });
});

describe('API keys for integrations', () => {
  it('are shown once, stored hashed, limited to their scopes and their tenant, and stop when revoked', async () => {
    const t = await onboardTenant();
    const other = await onboardTenant();
    const created = await call('POST', '/v1/api-keys', { token: t.adminToken, body: { name: 'HR-koppeling', scopes: ['users:read', 'content:read'] } });
    expect(created.status, created.text).to.equal(201);
    const key = created.body.key as string;
    expect(key.startsWith(created.body.prefix)).to.equal(true);
    const listed = await call('GET', '/v1/api-keys', { token: t.adminToken });
    expect(listed.body.items[0]).to.include({ id: created.body.id, name: 'HR-koppeling', lastUsedAt: null });
    expect(JSON.stringify(listed.body)).not.to.contain(key.split('.').at(-1));

    const withKey = (method: string, path: string, body?: unknown) => call(method, path, { headers: { 'x-api-key': key }, ...(body ? { body } : {}) });
    const users = await withKey('GET', '/v1/users');
    expect(users.status, users.text).to.equal(200);
    expect(users.body.items.map((u: { id: string }) => u.id)).to.deep.equal([t.adminId]);
    // content:read and users:read do not write users, manage groups or send anything.
    expect((await withKey('POST', '/v1/users', { email: `k@${t.slug}.test`, name: 'K', roles: ['member'] })).status).to.equal(403);
    expect((await withKey('GET', '/v1/groups')).status).to.equal(403);
    expect((await withKey('GET', '/v1/me')).status).to.equal(403);
    expect((await withKey('GET', '/v1/audit-events')).status).to.equal(403);
    // Never leaves its tenant: the other tenant's user is not found, and a key with the tenant swapped is no key.
    expect((await withKey('GET', `/v1/users/${other.adminId}`)).status).to.equal(404);
    const swapped = key.replace(`.${t.id}.`, `.${other.id}.`);
    expect((await call('GET', '/v1/users', { headers: { 'x-api-key': swapped } })).status).to.equal(401);

    const used = await call('GET', '/v1/api-keys', { token: t.adminToken });
    expect(used.body.items[0].lastUsedAt).to.be.a('string');

    expect((await call('DELETE', `/v1/api-keys/${created.body.id}`, { token: t.adminToken })).status).to.equal(204);
    const revoked = await withKey('GET', '/v1/users');
    expect(revoked.status).to.equal(401);
    expect(revoked.body.type).to.equal('/problems/api-key-invalid');
    const audit = await call('GET', '/v1/audit-events?action=api_key.', { token: t.adminToken });
    expect(audit.body.items.map((e: { action: string }) => e.action)).to.have.members(['api_key.created', 'api_key.revoked']);
  });

  it('refuses unknown scopes and malformed keys', async () => {
    const t = await onboardTenant();
    const bad = await call('POST', '/v1/api-keys', { token: t.adminToken, body: { name: 'X', scopes: ['everything'] } });
    expect(bad.status).to.equal(400);
    expect((await call('GET', '/v1/users', { headers: { 'x-api-key': 'cpk_niet-een-sleutel' } })).status).to.equal(401);
  });
});

describe('audit log of authentication and access events', () => {
  it('records sign-ins and admin actions, filtered by action, actor, subject and period', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    await call('POST', `/v1/users/${member.id}/sessions/revoke`, { token: t.adminToken });
    const logins = await call('GET', `/v1/audit-events?action=auth.login.succeeded&subjectId=${member.id}`, { token: t.adminToken });
    expect(logins.body.items).to.have.length(1);
    expect(logins.body.items[0]).to.include({ actorType: 'user', actorId: member.id, subjectType: 'user' });
    expect(logins.body.items[0].clientAddress).to.be.a('string');
    const byActor = await call('GET', `/v1/audit-events?actorId=${t.adminId}&action=sessions.revoked_all`, { token: t.adminToken });
    expect(byActor.body.items).to.have.length(1);
    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await call('GET', `/v1/audit-events?from=${encodeURIComponent(future)}`, { token: t.adminToken });
    expect(none.body.items).to.deep.equal([]);
    const other = await onboardTenant();
    const foreign = await call('GET', `/v1/audit-events?subjectId=${member.id}`, { token: other.adminToken });
    expect(foreign.body.items).to.deep.equal([]);
  });
});
