import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { addUser, onboardTenant, PASSWORD, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, type Reply } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

/**
 * Each test that fails sign-ins plays its own client address (the app trusts X-Forwarded-For from
 * loopback), so the brute-force counters, kept in memory for the whole run, stay apart.
 */
function from(address: string): Record<string, string> {
  return { 'x-forwarded-for': address };
}

const phone = { name: 'iPhone van Marieke', platform: 'ios', appVersion: '4.2.0' } as const;
const laptop = { name: 'Laptop Meldkamer', platform: 'web', appVersion: '1.0' } as const;

interface Tokens {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  expiresIn: number;
}

function login(
  slug: string,
  email: string,
  options: { password?: string; device?: { name: string; platform: string; appVersion: string }; address?: string } = {},
): Promise<Reply> {
  return call('POST', '/v1/auth/login', {
    body: { tenant: slug, email, password: options.password ?? PASSWORD, ...(options.device ? { device: options.device } : {}) },
    headers: options.address ? from(options.address) : {},
  });
}

async function startSession(slug: string, email: string, device?: { name: string; platform: string; appVersion: string }): Promise<Tokens> {
  const reply = await login(slug, email, device ? { device } : {});
  expect(reply.status, reply.text).to.equal(200);
  expect(reply.body.status).to.equal('authenticated');
  return reply.body as Tokens;
}

function refresh(refreshToken: string): Promise<Reply> {
  return call('POST', '/v1/auth/refresh', { body: { refreshToken } });
}

async function meStatus(token: string): Promise<number> {
  return (await call('GET', '/v1/me', { token })).status;
}

function claimsOf(accessToken: string): { exp: number; sid: string } {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number; sid: string };
}

async function auditEvents(tenant: OnboardedTenant, query: string): Promise<Array<Record<string, unknown>>> {
  const reply = await call('GET', `/v1/audit-events?${query}`, { token: tenant.adminToken });
  expect(reply.status, reply.text).to.equal(200);
  return reply.body.items as Array<Record<string, unknown>>;
}

describe('device sessions', () => {
  it('signs in with tokens and lists the session with its device, marked current', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const reply = await login(t.slug, member.email, { device: phone });
    expect(reply.status, reply.text).to.equal(200);
    expect(reply.body).to.include({ status: 'authenticated', tokenType: 'Bearer', expiresIn: env().config.ACCESS_TOKEN_TTL_SECONDS });
    expect(reply.body.accessToken).to.be.a('string').and.not.be.empty;
    expect(reply.body.refreshToken).to.be.a('string').and.not.be.empty;
    expect(reply.body.sessionId).to.match(/^[0-9a-f-]{36}$/);
    expect(reply.body.expiresIn).to.be.a('number').greaterThan(0);

    const sessions = await call('GET', '/v1/me/sessions', { token: reply.body.accessToken });
    expect(sessions.status, sessions.text).to.equal(200);
    const mine = sessions.body.items.find((s: { id: string }) => s.id === reply.body.sessionId);
    expect(mine, 'the new session is listed').to.exist;
    expect(mine).to.include({ deviceName: phone.name, platform: phone.platform, appVersion: phone.appVersion, current: true });
    expect(mine.createdAt).to.be.a('string');
    // The session addUser started (no device) is listed too, but is not the current one.
    const others = sessions.body.items.filter((s: { id: string }) => s.id !== reply.body.sessionId);
    expect(others).to.have.length(1);
    expect(others[0]).to.include({ current: false, deviceName: null });
  });

  it('rotates the refresh token: a new pair for the same session, and the new access token works', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const first = await startSession(t.slug, member.email, phone);
    // Access tokens carry their issue time in whole seconds; let a second pass so the new one is newer.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const rotated = await refresh(first.refreshToken);
    expect(rotated.status, rotated.text).to.equal(200);
    expect(rotated.body.status).to.equal('authenticated');
    expect(rotated.body.sessionId).to.equal(first.sessionId);
    expect(rotated.body.refreshToken).to.be.a('string').and.not.equal(first.refreshToken);
    expect(rotated.body.accessToken).to.be.a('string').and.not.equal(first.accessToken);
    expect(claimsOf(rotated.body.accessToken).exp).to.be.greaterThan(claimsOf(first.accessToken).exp);
    expect(claimsOf(rotated.body.accessToken).sid).to.equal(first.sessionId);

    const me = await call('GET', '/v1/me', { token: rotated.body.accessToken });
    expect(me.status, me.text).to.equal(200);
    expect(me.body.id).to.equal(member.id);
    // Still one session for this device, not a second one.
    const sessions = await call('GET', '/v1/me/sessions', { token: rotated.body.accessToken });
    expect(sessions.body.items.filter((s: { id: string }) => s.id === first.sessionId)).to.have.length(1);
    // And the rotated pair can itself be rotated.
    const again = await refresh(rotated.body.refreshToken);
    expect(again.status, again.text).to.equal(200);
    expect(again.body.sessionId).to.equal(first.sessionId);
  });

  it('revokes the whole session when a rotated refresh token comes back, and audits it', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const first = await startSession(t.slug, member.email, phone);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.status, rotated.text).to.equal(200);
    expect(await meStatus(rotated.body.accessToken)).to.equal(200);

    const reused = await refresh(first.refreshToken);
    expect(reused.status).to.equal(401);
    expect(reused.body.type).to.equal('/problems/session-invalid-refresh-token');

    // The revocation survived the refusal: neither the thief's nor the owner's tokens work any more.
    const newer = await refresh(rotated.body.refreshToken);
    expect(newer.status).to.equal(401);
    expect(await meStatus(rotated.body.accessToken)).to.equal(401);
    expect(await meStatus(first.accessToken)).to.equal(401);
    // Another session of the same user is untouched.
    expect(await meStatus(member.token)).to.equal(200);

    const events = await auditEvents(t, 'action=auth.refresh.reuse_detected');
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ action: 'auth.refresh.reuse_detected', subjectType: 'user', subjectId: member.id });
    expect(events[0]!.details).to.deep.include({ sessionId: first.sessionId });
  });

  it('exchanges a refresh token once even when it arrives twice at the same moment', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const session = await startSession(t.slug, member.email, phone);
    const replies = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect(replies.map((r) => r.status).sort()).to.deep.equal([200, 401]);
  });

  it('stops a revoked session’s access token at once, and only for the caller’s own sessions', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const current = await startSession(t.slug, member.email, phone);
    const other = await startSession(t.slug, member.email, laptop);
    expect(await meStatus(other.accessToken)).to.equal(200);

    const revoked = await call('DELETE', `/v1/me/sessions/${other.sessionId}`, { token: current.accessToken });
    expect(revoked.status, revoked.text).to.equal(204);
    // Far from its expiry, and still refused.
    const refused = await call('GET', '/v1/me', { token: other.accessToken });
    expect(refused.status).to.equal(401);
    expect(refused.body.type).to.be.a('string');
    expect((await refresh(other.refreshToken)).status).to.equal(401);
    expect(await meStatus(current.accessToken)).to.equal(200);

    const listed = await call('GET', '/v1/me/sessions', { token: current.accessToken });
    expect(listed.body.items.map((s: { id: string }) => s.id)).to.include(current.sessionId).and.not.include(other.sessionId);

    // Someone else's session is not found, and stays active.
    const colleague = await addUser(t, ['member']);
    const theirs = await startSession(t.slug, colleague.email, phone);
    const foreign = await call('DELETE', `/v1/me/sessions/${theirs.sessionId}`, { token: current.accessToken });
    expect(foreign.status).to.equal(404);
    expect(await meStatus(theirs.accessToken)).to.equal(200);
    // An already revoked one is not found either.
    expect((await call('DELETE', `/v1/me/sessions/${other.sessionId}`, { token: current.accessToken })).status).to.equal(404);
  });

  it('signs out: the access token and the refresh token of that session stop working', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const session = await startSession(t.slug, member.email, phone);
    const out = await call('POST', '/v1/auth/logout', { token: session.accessToken });
    expect(out.status, out.text).to.equal(204);
    expect(await meStatus(session.accessToken)).to.equal(401);
    const refreshed = await refresh(session.refreshToken);
    expect(refreshed.status).to.equal(401);
    // Signing out a second time with the same token is refused: it no longer authenticates.
    expect((await call('POST', '/v1/auth/logout', { token: session.accessToken })).status).to.equal(401);
    // Other sessions of the user go on.
    expect(await meStatus(member.token)).to.equal(200);
  });

  it('logs a user out on all devices at an admin’s request', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const a = await startSession(t.slug, member.email, phone);
    const b = await startSession(t.slug, member.email, laptop);
    const before = await call('GET', `/v1/users/${member.id}/sessions`, { token: t.adminToken });
    expect(before.status, before.text).to.equal(200);
    // addUser's own sign-in, plus the two above; none is the admin's current one.
    expect(before.body.items).to.have.length(3);
    expect(before.body.items.every((s: { current: boolean }) => !s.current)).to.equal(true);

    const revoked = await call('POST', `/v1/users/${member.id}/sessions/revoke`, { token: t.adminToken });
    expect(revoked.status, revoked.text).to.equal(204);
    for (const token of [a.accessToken, b.accessToken, member.token]) expect(await meStatus(token)).to.equal(401);
    for (const token of [a.refreshToken, b.refreshToken]) expect((await refresh(token)).status).to.equal(401);

    const after = await call('GET', `/v1/users/${member.id}/sessions`, { token: t.adminToken });
    expect(after.status).to.equal(200);
    expect(after.body.items).to.deep.equal([]);
    // The admin's own session is untouched, and the user may simply sign in again.
    expect(await meStatus(t.adminToken)).to.equal(200);
    await startSession(t.slug, member.email, phone);

    const unknown = await call('POST', `/v1/users/${randomUUID()}/sessions/revoke`, { token: t.adminToken });
    expect(unknown.status).to.equal(404);
  });

  it('ends every session on deactivation and refuses sign-in until reactivation; the last admin stays', async () => {
    const address = '198.51.100.17';
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const session = await startSession(t.slug, member.email, phone);

    const deactivated = await call('POST', `/v1/users/${member.id}/deactivate`, { token: t.adminToken });
    expect(deactivated.status, deactivated.text).to.equal(200);
    expect(deactivated.body).to.include({ id: member.id, status: 'deactivated' });
    expect(await meStatus(session.accessToken)).to.equal(401);
    expect(await meStatus(member.token)).to.equal(401);
    expect((await refresh(session.refreshToken)).status).to.equal(401);
    const refused = await login(t.slug, member.email, { address });
    expect(refused.status).to.equal(401);
    expect(refused.body.type).to.equal('/problems/auth-invalid-credentials');

    const reactivated = await call('POST', `/v1/users/${member.id}/reactivate`, { token: t.adminToken });
    expect(reactivated.status, reactivated.text).to.equal(200);
    expect(reactivated.body.status).to.equal('active');
    // Reactivation does not bring the old sessions back; a new sign-in works.
    expect(await meStatus(session.accessToken)).to.equal(401);
    const back = await login(t.slug, member.email, { address, device: phone });
    expect(back.status, back.text).to.equal(200);
    expect(await meStatus(back.body.accessToken)).to.equal(200);

    const lastAdmin = await call('POST', `/v1/users/${t.adminId}/deactivate`, { token: t.adminToken });
    expect(lastAdmin.status).to.equal(409);
    expect(lastAdmin.body.type).to.equal('/problems/user-last-admin');
    expect(await meStatus(t.adminToken)).to.equal(200);
  });

  it('refuses an expired access token while its refresh token still gets a working one', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const session = await startSession(t.slug, member.email, phone);
    expect(await meStatus(session.accessToken)).to.equal(200);
    env().clock.advance((env().config.ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    try {
      const expired = await call('GET', '/v1/me', { token: session.accessToken });
      expect(expired.status).to.equal(401);
      expect(expired.body.type).to.equal('/problems/unauthenticated');
      const renewed = await refresh(session.refreshToken);
      expect(renewed.status, renewed.text).to.equal(200);
      expect(renewed.body.sessionId).to.equal(session.sessionId);
      const me = await call('GET', '/v1/me', { token: renewed.body.accessToken });
      expect(me.status, me.text).to.equal(200);
      expect(me.body.id).to.equal(member.id);
    } finally {
      env().clock.reset();
    }
  });
});

describe('brute-force protection', () => {
  it('locks an account after five failures in a row, even for the right password, without locking others', async () => {
    const address = '198.51.100.21';
    const t = await onboardTenant();
    const victim = await addUser(t, ['member']);
    const bystander = await addUser(t, ['member']);

    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await login(t.slug, victim.email, { password: `verkeerd-wachtwoord-${attempt}`, address });
      expect(wrong.status, `attempt ${attempt}`).to.equal(401);
      expect(wrong.body.type).to.equal('/problems/auth-invalid-credentials');
    }
    // The fifth failure starts the lockout.
    const fifth = await login(t.slug, victim.email, { password: 'verkeerd-wachtwoord-5', address });
    expect(fifth.status).to.equal(429);

    const locked = await login(t.slug, victim.email, { address });
    expect(locked.status).to.equal(429);
    expect(locked.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(locked.body.type).to.equal('/problems/auth-too-many-attempts');
    const retryAfter = locked.headers.get('retry-after');
    expect(retryAfter).to.match(/^\d+$/);
    expect(Number(retryAfter)).to.be.at.least(1).and.at.most(60);

    // The address itself is not blocked: another account signs in from it.
    const other = await login(t.slug, bystander.email, { address, device: laptop });
    expect(other.status, other.text).to.equal(200);
    // And the lockout is the account's, whatever address asks.
    expect((await login(t.slug, victim.email, { address: '198.51.100.22' })).status).to.equal(429);

    const failures = await auditEvents(t, `action=auth.login.failed&subjectId=${victim.id}`);
    expect(failures).to.have.length(5);
    for (const event of failures) {
      expect(event).to.include({ action: 'auth.login.failed', actorType: 'anonymous', subjectId: victim.id, clientAddress: address });
      // The account id says whose it was: the typed e-mail is not kept in the append-only log.
      expect(event.details).to.deep.equal({ reason: 'wrong_password' });
      expect(JSON.stringify(event)).to.not.include(victim.email);
    }
  });

  it('blocks a client address after 100 failures across accounts, for every account, from that address only', async function () {
    this.timeout(120_000);
    const address = '198.51.100.31';
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);

    // Twenty at a time, twice the database pool: a refused sign-in's audit entry is written after its
    // transaction has given the connection back, so a burst of failures cannot starve the pool.
    const statuses: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(t.slug, `gok-${batch * 20 + i}@${t.slug}.test`, { password: 'verkeerd-wachtwoord', address })),
      );
      statuses.push(...replies.map((r) => r.status));
    }
    // Every guess fails; the hundredth starts the block.
    expect(statuses.filter((s) => s === 401)).to.have.length(99);
    expect(statuses.filter((s) => s === 429)).to.have.length(1);

    const blocked = await login(t.slug, member.email, { address });
    expect(blocked.status).to.equal(429);
    expect(blocked.body.type).to.equal('/problems/auth-too-many-attempts');
    expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(60).and.at.most(3600);

    const elsewhere = await login(t.slug, member.email, { address: '198.51.100.32', device: phone });
    expect(elsewhere.status, elsewhere.text).to.equal(200);
    const failures = await auditEvents(t, 'action=auth.login.failed&pageSize=200');
    // Every refused attempt is on record, the one that started the block included.
    expect(failures).to.have.length(100);
    // An unknown e-mail is kept as a keyed hash only: never the address, and equal attempts correlate.
    expect(JSON.stringify(failures)).to.not.include('gok-');
    const hashOf = (event: Record<string, unknown>) => (event.details as { emailHash?: string }).emailHash;
    const hashes = new Set(failures.map(hashOf));
    expect(hashes.size).to.equal(100);
    for (const hash of hashes) expect(hash).to.match(/^[A-Za-z0-9_-]{43}$/);
    await login(t.slug, `gok-0@${t.slug}.test`, { password: 'verkeerd-wachtwoord', address: '198.51.100.33' });
    const repeated = (await auditEvents(t, 'action=auth.login.failed&pageSize=200')).filter((event) => event.clientAddress === '198.51.100.33');
    expect(repeated).to.have.length(1);
    expect(hashes.has(hashOf(repeated[0]!))).to.equal(true);
  });
});

describe('operator sign-in', () => {
  it('locks an operator account after five wrong passwords too', async () => {
    const address = '198.51.100.51';
    const email = `ops-lock-${randomUUID().slice(0, 8)}@platform.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await call('POST', '/v1/platform/auth/login', { body: { email, password: 'verkeerd-wachtwoord' }, headers: from(address) });
      statuses.push(reply.status);
    }
    expect(statuses).to.deep.equal([401, 401, 401, 401, 429, 429]);
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends every session', async () => {
    const address = '198.51.100.41';
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const session = await startSession(t.slug, member.email, phone);

    const requested = await call('POST', '/v1/auth/password-reset', { body: { tenant: t.slug, email: member.email }, headers: from(address) });
    expect(requested.status, requested.text).to.equal(202);
    const mail = env().mailer.lastTo(member.email);
    const link = /https?:\/\/\S+\/reset-password#token=(\S+)/.exec(mail.text);
    expect(link, mail.text).to.not.equal(null);
    const token = decodeURIComponent(link![1]!);

    const nobody = `niemand-${randomUUID().slice(0, 6)}@${t.slug}.test`;
    const sentBefore = env().mailer.sent.length;
    const unknown = await call('POST', '/v1/auth/password-reset', { body: { tenant: t.slug, email: nobody }, headers: from(address) });
    expect(unknown.status).to.equal(202);
    expect(env().mailer.sent.length).to.equal(sentBefore);
    expect(() => env().mailer.lastTo(nobody)).to.throw();

    // A common password is refused, and the refusal does not use up the link.
    const common = await call('POST', '/v1/auth/password-reset/confirm', { body: { token, password: 'password1234' } });
    expect(common.status).to.equal(400);
    expect(common.body.type).to.equal('/problems/user-weak-password');
    expect(await meStatus(session.accessToken)).to.equal(200);

    const newPassword = 'nieuw-wachtwoord-voor-de-Waal-2026';
    const confirmed = await call('POST', '/v1/auth/password-reset/confirm', { body: { token, password: newPassword } });
    expect(confirmed.status, confirmed.text).to.equal(204);

    const old = await login(t.slug, member.email, { address });
    expect(old.status).to.equal(401);
    const fresh = await login(t.slug, member.email, { password: newPassword, address, device: phone });
    expect(fresh.status, fresh.text).to.equal(200);
    expect(await meStatus(fresh.body.accessToken)).to.equal(200);

    for (const accessToken of [session.accessToken, member.token]) expect(await meStatus(accessToken)).to.equal(401);
    expect((await refresh(session.refreshToken)).status).to.equal(401);

    const again = await call('POST', '/v1/auth/password-reset/confirm', { body: { token, password: 'nog-een-ander-wachtwoord-2026' } });
    expect(again.status).to.equal(410);
    expect(again.body.type).to.equal('/problems/activation-used');
    // The used link changed nothing: the password set with it still works.
    expect((await login(t.slug, member.email, { password: newPassword, address })).status).to.equal(200);
  });
});
