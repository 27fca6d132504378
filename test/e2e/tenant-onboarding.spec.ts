import { expect } from 'chai';
import type { Invitations } from '../../src/modules/users/application/invitations.js';
import { USERS_APP } from '../../src/modules/users/application/tokens.js';
import { activate, addUser, onboardTenant, operatorToken, PASSWORD, signIn, uniqueSlug } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

describe('onboarding a tenant (operator → first admin → own tenant)', () => {
  it('creates the tenant with its first admin invited, who activates, signs in and reads their own tenant', async () => {
    const token = await operatorToken();
    const slug = uniqueSlug('rivierenland');
    const email = `M.deVries@${slug}.test`;
    const created = await call('POST', '/v1/platform/tenants', {
      token,
      body: { name: 'Zorggroep Rivierenland', slug, locale: 'nl-NL', timeZone: 'Europe/Amsterdam', firstAdmin: { name: 'Marieke de Vries', email } },
    });
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('location')).to.equal(`/v1/platform/tenants/${created.body.id}`);
    expect(created.body).to.include({ slug, name: 'Zorggroep Rivierenland', status: 'active', locale: 'nl-NL' });

    const mail = env().mailer.lastTo(email);
    expect(mail.subject).to.contain('Uitnodiging');
    expect(mail.text).to.contain('Marieke de Vries');

    // Invited admins cannot sign in before activation.
    const early = await call('POST', '/v1/auth/login', { body: { tenant: slug, email, password: PASSWORD } });
    expect(early.status).to.equal(401);

    await activate(email);
    const adminToken = await signIn(slug, email);
    const own = await call('GET', '/v1/tenant', { token: adminToken });
    expect(own.status, own.text).to.equal(200);
    expect(own.body).to.deep.equal({
      id: created.body.id,
      slug,
      name: 'Zorggroep Rivierenland',
      locale: 'nl-NL',
      timeZone: 'Europe/Amsterdam',
      dpoContact: null,
      secondFactorPolicy: 'optional',
    });

    const users = await call('GET', '/v1/users', { token: adminToken });
    expect(users.body.items).to.have.length(1);
    expect(users.body.items[0]).to.include({ email: email.toLowerCase(), status: 'active', isAdmin: true });
  });

  it('refuses a slug that is taken, and creates nothing', async () => {
    const token = await operatorToken();
    const slug = uniqueSlug();
    const body = { name: 'Eerste', slug, firstAdmin: { name: 'A', email: `a@${slug}.test` } };
    expect((await call('POST', '/v1/platform/tenants', { token, body })).status).to.equal(201);
    const again = await call('POST', '/v1/platform/tenants', { token, body: { ...body, name: 'Tweede', firstAdmin: { name: 'B', email: `b@${slug}.test` } } });
    expect(again.status).to.equal(409);
    expect(again.body.type).to.equal('/problems/tenant-slug-taken');
    expect(() => env().mailer.lastTo(`b@${slug}.test`)).to.throw();
  });

  it('refuses invalid settings with the field named, and creates nothing', async () => {
    const token = await operatorToken();
    const slug = uniqueSlug();
    const bad = await call('POST', '/v1/platform/tenants', {
      token,
      body: { name: 'Nergens', slug, timeZone: 'Mars/Olympus_Mons', firstAdmin: { name: 'A', email: `a@${slug}.test` } },
    });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].pointer).to.equal('/body/timeZone');
    const list = await call('GET', '/v1/platform/tenants?pageSize=200', { token });
    expect(list.body.items.map((t: { slug: string }) => t.slug)).not.to.include(slug);
  });

  it('rolls the whole creation back when inviting the first admin fails halfway', async () => {
    const token = await operatorToken();
    const slug = uniqueSlug();
    env().mailer.failNext(new Error('SMTP server unreachable'));
    const failed = await call('POST', '/v1/platform/tenants', { token, body: { name: 'Halverwege', slug, firstAdmin: { name: 'A', email: `a@${slug}.test` } } });
    expect(failed.status).to.equal(500);
    expect(failed.body.type).to.equal('/problems/internal-error');
    expect(failed.text).not.to.contain('SMTP');
    const list = await call('GET', '/v1/platform/tenants?pageSize=200', { token });
    expect(list.body.items.map((t: { slug: string }) => t.slug)).not.to.include(slug);
    // Nothing half-made stands in the way of trying again.
    expect((await call('POST', '/v1/platform/tenants', { token, body: { name: 'Halverwege', slug, firstAdmin: { name: 'A', email: `a@${slug}.test` } } })).status).to.equal(201);
  });

  it('lists tenants with paging and a status filter, and reads one', async () => {
    const token = await operatorToken();
    const a = await onboardTenant('Aaa Gemeente');
    const page1 = await call('GET', '/v1/platform/tenants?page=1&pageSize=1', { token });
    expect(page1.status).to.equal(200);
    expect(page1.body).to.include({ page: 1, pageSize: 1 });
    expect(page1.body.items).to.have.length(1);
    expect(page1.body.total).to.be.greaterThan(1);
    const page2 = await call('GET', '/v1/platform/tenants?page=2&pageSize=1', { token });
    expect(page2.body.items[0].id).not.to.equal(page1.body.items[0].id);

    const one = await call('GET', `/v1/platform/tenants/${a.id}`, { token });
    expect(one.status).to.equal(200);
    expect(one.body).to.include({ id: a.id, slug: a.slug, name: 'Aaa Gemeente' });
  });

  it('updates settings and validates them', async () => {
    const token = await operatorToken();
    const t = await onboardTenant();
    const updated = await call('PATCH', `/v1/platform/tenants/${t.id}`, {
      token,
      body: { name: 'Zorggroep Nieuwe Naam', locale: 'en-GB', dpoContact: 'fg@example.test' },
    });
    expect(updated.status, updated.text).to.equal(200);
    expect(updated.body).to.include({ name: 'Zorggroep Nieuwe Naam', locale: 'en-GB', dpoContact: 'fg@example.test' });
    const own = await call('GET', '/v1/tenant', { token: t.adminToken });
    expect(own.body.name).to.equal('Zorggroep Nieuwe Naam');

    const empty = await call('PATCH', `/v1/platform/tenants/${t.id}`, { token, body: {} });
    expect(empty.status).to.equal(400);
    const unknownField = await call('PATCH', `/v1/platform/tenants/${t.id}`, { token, body: { status: 'suspended' } });
    expect(unknownField.status).to.equal(400);
    expect((await call('GET', `/v1/platform/tenants/${t.id}`, { token })).body.status).to.equal('active');
  });

  it("lets the tenant's admin set its language and time zone, refusing an unknown zone without changing anything", async () => {
    const t = await onboardTenant();
    const changed = await call('PATCH', '/v1/tenant', { token: t.adminToken, body: { locale: 'en-GB', timeZone: 'Europe/London' } });
    expect(changed.status, changed.text).to.equal(200);
    expect(changed.body).to.include({ locale: 'en-GB', timeZone: 'Europe/London' });
    const refused = await call('PATCH', '/v1/tenant', { token: t.adminToken, body: { locale: 'nl-NL', timeZone: 'Europe/Atlantis' } });
    expect(refused.status, refused.text).to.equal(400);
    expect((await call('GET', '/v1/tenant', { token: t.adminToken })).body).to.include({ locale: 'en-GB', timeZone: 'Europe/London' });
  });

  it('suspends a tenant: its users are refused at once with a problem that says so; reactivation restores access', async () => {
    const token = await operatorToken();
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);

    const suspended = await call('POST', `/v1/platform/tenants/${t.id}/suspend`, { token, body: { reason: 'Verwerkersovereenkomst beëindigd' } });
    expect(suspended.status, suspended.text).to.equal(200);
    expect(suspended.body).to.include({ status: 'suspended', suspensionReason: 'Verwerkersovereenkomst beëindigd' });
    expect(suspended.body.suspendedAt).to.be.a('string');

    for (const userToken of [t.adminToken, member.token]) {
      const refused = await call('GET', '/v1/tenant', { token: userToken });
      expect(refused.status).to.equal(403);
      expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(refused.body.type).to.equal('/problems/tenant-suspended');
    }
    const login = await call('POST', '/v1/auth/login', { body: { tenant: t.slug, email: t.adminEmail, password: PASSWORD } });
    expect(login.status).to.equal(403);
    expect(login.body.type).to.equal('/problems/tenant-suspended');

    const twice = await call('POST', `/v1/platform/tenants/${t.id}/suspend`, { token, body: { reason: 'nogmaals' } });
    expect(twice.status).to.equal(409);

    const listed = await call('GET', '/v1/platform/tenants?status=suspended&pageSize=200', { token });
    expect(listed.body.items.map((x: { id: string }) => x.id)).to.include(t.id);

    const reactivated = await call('POST', `/v1/platform/tenants/${t.id}/reactivate`, { token });
    expect(reactivated.status).to.equal(200);
    expect(reactivated.body).to.include({ status: 'active', suspensionReason: null, suspendedAt: null });
    expect((await call('GET', '/v1/tenant', { token: t.adminToken })).status).to.equal(200);
    expect((await call('POST', `/v1/platform/tenants/${t.id}/reactivate`, { token })).status).to.equal(409);
  });

  it('keeps tenant users away from operator endpoints and operators away from tenant endpoints', async () => {
    const t = await onboardTenant();
    const asAdmin = await call('GET', '/v1/platform/tenants', { token: t.adminToken });
    expect(asAdmin.status).to.equal(403);
    expect(asAdmin.body.type).to.equal('/problems/forbidden');
    const asOperator = await call('GET', '/v1/tenant', { token: await operatorToken() });
    expect(asOperator.status).to.equal(403);
  });
});

describe('account activation', () => {
  it('is single use', async () => {
    const t = await onboardTenant();
    const email = `tweede@${t.slug}.test`;
    const user = await addUserInvitedOnly(t.id, email);
    expect(user).to.be.a('string');
    const token = env().mailer.activationTokenFor(email);
    expect((await call('POST', '/v1/auth/activate', { body: { token, password: PASSWORD } })).status).to.equal(204);
    const again = await call('POST', '/v1/auth/activate', { body: { token, password: 'een-ander-wachtwoord-123' } });
    expect(again.status).to.equal(410);
    expect(again.body.type).to.equal('/problems/activation-used');
    await signIn(t.slug, email);
  });

  it('expires after the configured validity with a clear error', async () => {
    const t = await onboardTenant();
    const email = `laat@${t.slug}.test`;
    await addUserInvitedOnly(t.id, email);
    const token = env().mailer.activationTokenFor(email);
    env().clock.advance((env().config.ACTIVATION_TOKEN_TTL_HOURS * 3600 + 1) * 1000);
    try {
      const late = await call('POST', '/v1/auth/activate', { body: { token, password: PASSWORD } });
      expect(late.status).to.equal(410);
      expect(late.body.type).to.equal('/problems/activation-expired');
      expect(late.body.detail).to.match(/expired/);
    } finally {
      env().clock.reset();
    }
    const login = await call('POST', '/v1/auth/login', { body: { tenant: t.slug, email, password: PASSWORD } });
    expect(login.status).to.equal(401);
  });

  it('refuses a weak or common password and a forged token, and changes nothing', async () => {
    const t = await onboardTenant();
    const email = `zwak@${t.slug}.test`;
    await addUserInvitedOnly(t.id, email);
    const token = env().mailer.activationTokenFor(email);
    const common = await call('POST', '/v1/auth/activate', { body: { token, password: 'password1234' } });
    expect(common.status).to.equal(400);
    expect(common.body.type).to.equal('/problems/user-weak-password');
    expect(common.body.errors[0].pointer).to.equal('/body/password');
    const short = await call('POST', '/v1/auth/activate', { body: { token, password: 'kort' } });
    expect(short.status).to.equal(400);
    const forged = await call('POST', '/v1/auth/activate', { body: { token: token.slice(0, -4) + 'AAAA', password: PASSWORD } });
    expect(forged.status).to.equal(404);
    // The refused attempts did not use up the link.
    expect((await call('POST', '/v1/auth/activate', { body: { token, password: PASSWORD } })).status).to.equal(204);
  });
});

describe('sign-in', () => {
  it('answers wrong tenant, unknown e-mail and wrong password alike', async () => {
    const t = await onboardTenant();
    const replies = await Promise.all([
      call('POST', '/v1/auth/login', { body: { tenant: 'bestaat-niet', email: t.adminEmail, password: PASSWORD } }),
      call('POST', '/v1/auth/login', { body: { tenant: t.slug, email: `niemand@${t.slug}.test`, password: PASSWORD } }),
      call('POST', '/v1/auth/login', { body: { tenant: t.slug, email: t.adminEmail, password: 'verkeerd-wachtwoord-123' } }),
    ]);
    for (const reply of replies) {
      expect(reply.status).to.equal(401);
      expect(reply.body).to.include({ type: '/problems/auth-invalid-credentials', status: 401 });
      expect(reply.body.detail).to.equal(replies[0].body.detail);
    }
  });

  it('treats the same e-mail in two tenants as two unrelated accounts', async () => {
    const a = await onboardTenant();
    const b = await onboardTenant();
    const shared = `gedeeld-${a.slug}@example.test`;
    await addUserInvitedOnly(a.id, shared);
    await activate(shared);
    await addUserInvitedOnly(b.id, shared);
    const tokenB = env().mailer.activationTokenFor(shared);
    expect((await call('POST', '/v1/auth/activate', { body: { token: tokenB, password: 'een-heel-ander-wachtwoord' } })).status).to.equal(204);
    await signIn(a.slug, shared, PASSWORD);
    await signIn(b.slug, shared, 'een-heel-ander-wachtwoord');
    const crossed = await call('POST', '/v1/auth/login', { body: { tenant: b.slug, email: shared, password: PASSWORD } });
    expect(crossed.status).to.equal(401);
  });

  it('refuses a forged, tampered or expired access token', async () => {
    const t = await onboardTenant();
    const [header, payload] = t.adminToken.split('.');
    const tampered = `${header}.${payload}.c2lnbmF0dXJl`;
    expect((await call('GET', '/v1/tenant', { token: tampered })).status).to.equal(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect((await call('GET', '/v1/tenant', { token: `${none}.${payload}.` })).status).to.equal(401);
    expect((await call('GET', '/v1/tenant', { token: t.adminToken })).status).to.equal(200);
    env().clock.advance((env().config.ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    try {
      const expired = await call('GET', '/v1/tenant', { token: t.adminToken });
      expect(expired.status).to.equal(401);
      expect(expired.body.type).to.equal('/problems/unauthenticated');
    } finally {
      env().clock.reset();
    }
  });
});

async function addUserInvitedOnly(tenantId: string, email: string): Promise<string> {
  const invitations = env().platform.container.get<Invitations>(USERS_APP.Invitations);
  return env().platform.uow.run(tenantId, async () => {
    const invited = await invitations.invite({ tenantId, email, name: 'Uitgenodigd', roles: ['member'] });
    if (!invited.ok) throw invited.error;
    return invited.value.id;
  });
}
