import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import speakeasy from 'speakeasy';
import { addUser, onboardTenant, PASSWORD, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, type Reply } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

const STEP_MS = 30_000;

/** The code an authenticator app shows for `secret`, at the app's clock shifted by `offsetSeconds`. */
function totpAt(secret: string, offsetSeconds = 0): string {
  return speakeasy.totp({ secret, encoding: 'base32', time: Math.floor(env().clock.now().getTime() / 1000) + offsetSeconds });
}

/** A six-digit code that matches none of the steps the server accepts now (one each way, with a margin). */
function wrongCode(secret: string): string {
  const near = new Set([-60, -30, 0, 30, 60].map((offset) => totpAt(secret, offset)));
  let code = '000000';
  while (near.has(code)) code = String(randomInt(1_000_000)).padStart(6, '0');
  return code;
}

/**
 * Moves the clock to two seconds into the next 30-s step: always a step after any code used
 * before, and with 28 s to spare, so no request of a test crosses a step boundary.
 */
function nextStep(): void {
  const into = env().clock.now().getTime() % STEP_MS;
  env().clock.advance(STEP_MS - into + 2_000);
}

function login(tenant: OnboardedTenant, email: string, headers: Record<string, string> = {}): Promise<Reply> {
  return call('POST', '/v1/auth/login', { body: { tenant: tenant.slug, email, password: PASSWORD }, headers });
}

/** Signs in with the password and returns the challenge of the second step. */
async function challengeFor(tenant: OnboardedTenant, email: string, headers: Record<string, string> = {}): Promise<string> {
  const reply = await login(tenant, email, headers);
  expect(reply.status, reply.text).to.equal(200);
  expect(reply.body.status).to.equal('second_factor_required');
  return reply.body.challengeToken as string;
}

function answer(challengeToken: string, proof: { code?: string; recoveryCode?: string }, headers: Record<string, string> = {}): Promise<Reply> {
  return call('POST', '/v1/auth/second-factor', { body: { challengeToken, ...proof }, headers });
}

/** A fresh login and the given code in one go. */
async function signInWithCode(tenant: OnboardedTenant, email: string, code: string): Promise<Reply> {
  return answer(await challengeFor(tenant, email), { code });
}

/** Enrols an authenticator for the holder of `token`: start, then confirm with the current code. */
async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await call('POST', '/v1/me/second-factor', { token });
  expect(started.status, started.text).to.equal(200);
  const secret = started.body.secret as string;
  const confirmed = await call('POST', '/v1/me/second-factor/confirm', { token, body: { code: totpAt(secret) } });
  expect(confirmed.status, confirmed.text).to.equal(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

/** A member of a fresh tenant who has enrolled an authenticator; the clock stands in a later step. */
async function enrolledMember(): Promise<{ tenant: OnboardedTenant; id: string; email: string; token: string; secret: string; recoveryCodes: string[] }> {
  const tenant = await onboardTenant();
  const member = await addUser(tenant, ['member']);
  const enrolled = await enrol(member.token);
  nextStep();
  return { tenant, ...member, ...enrolled };
}

describe('second factor (TOTP)', () => {
  afterEach(() => {
    env().clock.reset();
  });

  it('enrols an authenticator: secret, otpauth URL and QR code first, enabled only after a correct first code, with ten recovery codes', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);

    const started = await call('POST', '/v1/me/second-factor', { token: member.token });
    expect(started.status, started.text).to.equal(200);
    const { secret, otpauthUrl, qrCode } = started.body as { secret: string; otpauthUrl: string; qrCode: string };
    expect(secret).to.match(/^[A-Z2-7]{26,}=*$/);
    expect(otpauthUrl.startsWith('otpauth://totp/'), otpauthUrl).to.equal(true);
    const url = new URL(otpauthUrl);
    expect(url.searchParams.get('secret')).to.equal(secret);
    expect(url.searchParams.get('issuer')).to.equal(env().config.TOTP_ISSUER);
    expect(decodeURIComponent(url.pathname)).to.contain(member.email.toLowerCase());
    expect(qrCode.startsWith('data:image/png;base64,'), qrCode.slice(0, 40)).to.equal(true);
    const png = Buffer.from(qrCode.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8).toString('hex')).to.equal('89504e470d0a1a0a');

    const pending = await call('GET', '/v1/me', { token: member.token });
    expect(pending.status, pending.text).to.equal(200);
    expect(pending.body.secondFactor).to.deep.equal({ enabled: false, required: false });

    const wrong = await call('POST', '/v1/me/second-factor/confirm', { token: member.token, body: { code: wrongCode(secret) } });
    expect(wrong.status, wrong.text).to.equal(400);
    expect(wrong.body.type).to.equal('/problems/second-factor-wrong-code');
    expect(wrong.body.errors[0].pointer).to.equal('/body/code');
    expect((await call('GET', '/v1/me', { token: member.token })).body.secondFactor.enabled).to.equal(false);

    const confirmed = await call('POST', '/v1/me/second-factor/confirm', { token: member.token, body: { code: totpAt(secret) } });
    expect(confirmed.status, confirmed.text).to.equal(200);
    const codes = confirmed.body.recoveryCodes as string[];
    expect(codes).to.have.length(10);
    expect(new Set(codes).size).to.equal(10);
    for (const code of codes) expect(code).to.match(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    const enabled = await call('GET', '/v1/me', { token: member.token });
    expect(enabled.body.secondFactor.enabled).to.equal(true);

    const again = await call('POST', '/v1/me/second-factor', { token: member.token });
    expect(again.status, again.text).to.equal(409);
    expect(again.body.type).to.equal('/problems/second-factor-already-enabled');

    const asAdmin = await call('GET', `/v1/users/${member.id}`, { token: tenant.adminToken });
    expect(asAdmin.status, asAdmin.text).to.equal(200);
    expect(asAdmin.body.secondFactorEnabled).to.equal(true);
  });

  it('asks the second factor at sign-in: a challenge that is no access token, then tokens for the current code', async () => {
    const { tenant, email, secret } = await enrolledMember();

    const first = await login(tenant, email);
    expect(first.status, first.text).to.equal(200);
    expect(first.body).to.have.all.keys('status', 'challengeToken', 'expiresIn');
    expect(first.body.status).to.equal('second_factor_required');
    expect(first.body.challengeToken).to.be.a('string').and.not.be.empty;
    expect(first.body.expiresIn).to.be.a('number').and.be.greaterThan(0);
    expect(first.body).not.to.have.property('accessToken');

    const asBearer = await call('GET', '/v1/me', { token: first.body.challengeToken });
    expect(asBearer.status, asBearer.text).to.equal(401);

    const done = await answer(first.body.challengeToken, { code: totpAt(secret) });
    expect(done.status, done.text).to.equal(200);
    expect(done.body.status).to.equal('authenticated');
    expect(done.body.accessToken).to.be.a('string').and.not.be.empty;
    expect(done.body.refreshToken).to.be.a('string').and.not.be.empty;
    expect(done.body.sessionId).to.match(/^[0-9a-f-]{36}$/);
    expect(done.body.secondFactorEnrolmentRequired).to.equal(false);

    const me = await call('GET', '/v1/me', { token: done.body.accessToken });
    expect(me.status, me.text).to.equal(200);
    expect(me.body.email).to.equal(email.toLowerCase());
    expect(me.body.secondFactor.enabled).to.equal(true);
  });

  it('accepts a code once, no step before the last accepted one, and the next step again', async () => {
    const { tenant, email, secret } = await enrolledMember();
    // One more step, so that the step before "now" is one that was never used (not the enrolment's).
    nextStep();

    const code = totpAt(secret);
    const accepted = await signInWithCode(tenant, email, code);
    expect(accepted.status, accepted.text).to.equal(200);
    expect(accepted.body.status).to.equal('authenticated');

    const replayed = await signInWithCode(tenant, email, code);
    expect(replayed.status, replayed.text).to.equal(401);
    expect(replayed.body.type).to.equal('/problems/second-factor-invalid-code');

    // The previous step lies within the window and was never used, but a newer step has been accepted.
    const older = await signInWithCode(tenant, email, totpAt(secret, -30));
    expect(older.status, older.text).to.equal(401);
    expect(older.body.type).to.equal('/problems/second-factor-invalid-code');

    env().clock.advance(STEP_MS);
    const next = await signInWithCode(tenant, email, totpAt(secret));
    expect(next.status, next.text).to.equal(200);
    expect(next.body.status).to.equal('authenticated');
  });

  it('accepts a code of the step before, and refuses codes more than one step ahead', async () => {
    const behind = await enrolledMember();
    // Two steps after the enrolment, so the step before now is still newer than the enrolment's.
    nextStep();
    const late = await signInWithCode(behind.tenant, behind.email, totpAt(behind.secret, -30));
    expect(late.status, late.text).to.equal(200);
    expect(late.body.status).to.equal('authenticated');

    env().clock.reset();
    const ahead = await enrolledMember();
    const challenge = await challengeFor(ahead.tenant, ahead.email);
    for (const offset of [90, 60]) {
      const early = await answer(challenge, { code: totpAt(ahead.secret, offset) });
      expect(early.status, `${offset} s ahead: ${early.text}`).to.equal(401);
      expect(early.body.type).to.equal('/problems/second-factor-invalid-code');
    }
    // One step ahead is within the window.
    const oneAhead = await answer(challenge, { code: totpAt(ahead.secret, 30) });
    expect(oneAhead.status, oneAhead.text).to.equal(200);
    expect(oneAhead.body.status).to.equal('authenticated');
  });

  it('signs in with a recovery code, typed as printed or in upper case with spaces, each once only', async () => {
    const { tenant, email, recoveryCodes } = await enrolledMember();
    const [first, second] = recoveryCodes as [string, string];

    const byCode = await answer(await challengeFor(tenant, email), { recoveryCode: first });
    expect(byCode.status, byCode.text).to.equal(200);
    expect(byCode.body.status).to.equal('authenticated');
    expect((await call('GET', '/v1/me', { token: byCode.body.accessToken })).status).to.equal(200);

    const typed = second.toUpperCase().replace(/-/g, ' ');
    expect(typed).to.match(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}$/);
    const byTyped = await answer(await challengeFor(tenant, email), { recoveryCode: typed });
    expect(byTyped.status, byTyped.text).to.equal(200);
    expect(byTyped.body.status).to.equal('authenticated');

    const reused = await answer(await challengeFor(tenant, email), { recoveryCode: first });
    expect(reused.status, reused.text).to.equal(401);
    expect(reused.body.type).to.equal('/problems/second-factor-invalid-code');
  });

  it('accepts a code or a recovery code only once, also when the same one arrives several times at once', async () => {
    const { tenant, email, secret, recoveryCodes } = await enrolledMember();
    const code = totpAt(secret);
    const challenges = await Promise.all([1, 2, 3, 4].map(() => challengeFor(tenant, email)));
    const byCode = await Promise.all(challenges.map((challenge) => answer(challenge, { code })));
    expect(byCode.map((r) => r.status).sort()).to.deep.equal([200, 401, 401, 401]);

    nextStep();
    const again = await Promise.all([1, 2, 3, 4].map(() => challengeFor(tenant, email)));
    const byRecovery = await Promise.all(again.map((challenge) => answer(challenge, { recoveryCode: recoveryCodes[0]! })));
    expect(byRecovery.map((r) => r.status).sort()).to.deep.equal([200, 401, 401, 401]);
  });

  it('lets an admin reset a second factor: the user is signed out everywhere and signs in with the password only', async () => {
    const { tenant, id, email, token, secret } = await enrolledMember();
    const twoStep = await signInWithCode(tenant, email, totpAt(secret));
    expect(twoStep.status, twoStep.text).to.equal(200);
    const userTokens = [token, twoStep.body.accessToken as string];
    for (const t of userTokens) expect((await call('GET', '/v1/me', { token: t })).status).to.equal(200);

    const reset = await call('DELETE', `/v1/users/${id}/second-factor`, { token: tenant.adminToken });
    expect(reset.status, reset.text).to.equal(204);

    for (const t of userTokens) {
      const refused = await call('GET', '/v1/me', { token: t });
      expect(refused.status, refused.text).to.equal(401);
    }
    const user = await call('GET', `/v1/users/${id}`, { token: tenant.adminToken });
    expect(user.body.secondFactorEnabled).to.equal(false);

    const passwordOnly = await login(tenant, email);
    expect(passwordOnly.status, passwordOnly.text).to.equal(200);
    expect(passwordOnly.body.status).to.equal('authenticated');
    expect(passwordOnly.body.secondFactorEnrolmentRequired).to.equal(false);
    const me = await call('GET', '/v1/me', { token: passwordOnly.body.accessToken });
    expect(me.status, me.text).to.equal(200);
    expect(me.body.secondFactor.enabled).to.equal(false);
  });

  it('lets a user turn their own second factor off with a current code: a wrong code changes nothing, then the password alone signs in', async () => {
    const { tenant, id, email, token, secret } = await enrolledMember();
    const wrong = await call('POST', '/v1/me/second-factor/disable', { token, body: { code: wrongCode(secret) } });
    expect(wrong.status, wrong.text).to.equal(400);
    expect(wrong.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(wrong.body.type).to.equal('/problems/second-factor-code-not-accepted');
    expect(wrong.body.errors).to.deep.include({ pointer: '/body/code', detail: 'is not the current code of the app' });
    expect((await call('GET', '/v1/me', { token })).body.secondFactor.enabled).to.equal(true);

    const off = await call('POST', '/v1/me/second-factor/disable', { token, body: { code: totpAt(secret) } });
    expect(off.status, off.text).to.equal(204);
    expect((await call('GET', '/v1/me', { token })).body.secondFactor.enabled, 'the session stays').to.equal(false);
    expect((await call('GET', `/v1/users/${id}`, { token: tenant.adminToken })).body.secondFactorEnabled).to.equal(false);
    const passwordOnly = await login(tenant, email);
    expect(passwordOnly.body.status).to.equal('authenticated');

    const again = await call('POST', '/v1/me/second-factor/disable', { token, body: { code: totpAt(secret, 30) } });
    expect(again.status, again.text).to.equal(409);
    expect(again.body.type).to.equal('/problems/second-factor-not-enabled');
    const audit = await call('GET', `/v1/audit-events?subjectId=${id}`, { token: tenant.adminToken });
    expect((audit.body.items as Array<{ action: string }>).map((e) => e.action)).to.include('second_factor.disabled');
  });

  it('refuses to turn a second factor off when the tenant policy asks it of the user, and keeps it', async () => {
    const { tenant, token, secret } = await enrolledMember();
    const policy = await call('PATCH', '/v1/tenant', { token: tenant.adminToken, body: { secondFactorPolicy: 'everyone' } });
    expect(policy.status, policy.text).to.equal(200);
    const refused = await call('POST', '/v1/me/second-factor/disable', { token, body: { code: totpAt(secret) } });
    expect(refused.status, refused.text).to.equal(409);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(refused.body.type).to.equal('/problems/second-factor-required-by-policy');
    expect((await call('GET', '/v1/me', { token })).body.secondFactor.enabled).to.equal(true);
  });

  it('enforces the tenant policy "everyone": tokens only for enrolling until a second factor is set up', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const policy = await call('PATCH', '/v1/tenant', { token: tenant.adminToken, body: { secondFactorPolicy: 'everyone' } });
    expect(policy.status, policy.text).to.equal(200);
    expect(policy.body.secondFactorPolicy).to.equal('everyone');

    const signedIn = await login(tenant, member.email);
    expect(signedIn.status, signedIn.text).to.equal(200);
    expect(signedIn.body.status).to.equal('authenticated');
    expect(signedIn.body.secondFactorEnrolmentRequired).to.equal(true);
    const limited = signedIn.body.accessToken as string;

    const refused = await call('GET', '/v1/tenant', { token: limited });
    expect(refused.status, refused.text).to.equal(403);
    expect(refused.body.type).to.equal('/problems/second-factor-enrolment-required');
    const me = await call('GET', '/v1/me', { token: limited });
    expect(me.status, me.text).to.equal(200);
    expect(me.body.secondFactor).to.deep.equal({ enabled: false, required: true });
    expect(me.body.permissions).to.deep.equal(['me.read', 'me.second_factor']);

    const { secret, recoveryCodes } = await enrol(limited);
    expect(recoveryCodes).to.have.length(10);
    nextStep();

    const full = await signInWithCode(tenant, member.email, totpAt(secret));
    expect(full.status, full.text).to.equal(200);
    expect(full.body.status).to.equal('authenticated');
    expect(full.body.secondFactorEnrolmentRequired).to.equal(false);
    const own = await call('GET', '/v1/tenant', { token: full.body.accessToken });
    expect(own.status, own.text).to.equal(200);
    expect(own.body.secondFactorPolicy).to.equal('everyone');
  });

  it('enforces the tenant policy "admins": admins without a second factor must enrol, members need not', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const policy = await call('PATCH', '/v1/tenant', { token: tenant.adminToken, body: { secondFactorPolicy: 'admins' } });
    expect(policy.status, policy.text).to.equal(200);
    expect(policy.body.secondFactorPolicy).to.equal('admins');

    const asMember = await login(tenant, member.email);
    expect(asMember.status, asMember.text).to.equal(200);
    expect(asMember.body).to.include({ status: 'authenticated', secondFactorEnrolmentRequired: false });
    expect((await call('GET', '/v1/tenant', { token: asMember.body.accessToken })).status).to.equal(200);

    const asAdmin = await login(tenant, tenant.adminEmail);
    expect(asAdmin.status, asAdmin.text).to.equal(200);
    expect(asAdmin.body).to.include({ status: 'authenticated', secondFactorEnrolmentRequired: true });
    const refused = await call('GET', '/v1/tenant', { token: asAdmin.body.accessToken });
    expect(refused.status, refused.text).to.equal(403);
    expect(refused.body.type).to.equal('/problems/second-factor-enrolment-required');
  });

  it('audits the enrolment and a failed code', async () => {
    const { tenant, id, email, secret } = await enrolledMember();
    const failed = await signInWithCode(tenant, email, wrongCode(secret));
    expect(failed.status, failed.text).to.equal(401);

    const enrolled = await call('GET', '/v1/audit-events?action=second_factor.', { token: tenant.adminToken });
    expect(enrolled.status, enrolled.text).to.equal(200);
    const enrolment = (enrolled.body.items as Array<{ action: string; subjectId: string }>).filter((e) => e.action === 'second_factor.enrolled');
    expect(enrolment).to.have.length(1);
    expect(enrolment[0]).to.include({ subjectId: id, actorId: id, actorType: 'user', subjectType: 'user' });

    const failures = await call('GET', '/v1/audit-events?action=auth.second_factor.failed', { token: tenant.adminToken });
    expect(failures.status, failures.text).to.equal(200);
    expect(failures.body.items).to.have.length(1);
    expect(failures.body.items[0]).to.include({ action: 'auth.second_factor.failed', subjectId: id });
    expect(failures.body.items[0].details).to.deep.include({ method: 'totp' });
  });

  it('clears the codes mistyped while enrolling once the right one confirms, so a later typo does not lock the account', async () => {
    const tenant = await onboardTenant();
    const member = await addUser(tenant, ['member']);
    const started = await call('POST', '/v1/me/second-factor', { token: member.token });
    expect(started.status, started.text).to.equal(200);
    const secret = started.body.secret as string;
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await call('POST', '/v1/me/second-factor/confirm', { token: member.token, body: { code: wrongCode(secret) } });
      expect(wrong.status, `attempt ${attempt}: ${wrong.text}`).to.equal(400);
    }
    const confirmed = await call('POST', '/v1/me/second-factor/confirm', { token: member.token, body: { code: totpAt(secret) } });
    expect(confirmed.status, confirmed.text).to.equal(200);
    nextStep();

    const challenge = await challengeFor(tenant, member.email);
    const typo = await answer(challenge, { code: wrongCode(secret) });
    expect(typo.status, typo.text).to.equal(401);
    expect(typo.body.type).to.equal('/problems/second-factor-invalid-code');
    const right = await answer(challenge, { code: totpAt(secret) });
    expect(right.status, right.text).to.equal(200);
    expect(right.body.status).to.equal('authenticated');
  });

  it('locks the account after five wrong codes, with Retry-After, and then refuses even the right code', async () => {
    const { tenant, email, secret } = await enrolledMember();
    // A client address of its own, so this lockout counts against no other test's address.
    const client = { 'x-forwarded-for': `198.51.100.${randomInt(1, 255)}` };
    const challenge = await challengeFor(tenant, email, client);

    const statuses: number[] = [];
    let locked: Reply | null = null;
    for (let attempt = 1; attempt <= 6 && !locked; attempt++) {
      const reply = await answer(challenge, { code: wrongCode(secret) }, client);
      statuses.push(reply.status);
      if (reply.status === 429) locked = reply;
      else expect(reply.status, reply.text).to.equal(401);
    }
    expect(statuses.slice(0, 4)).to.deep.equal([401, 401, 401, 401]);
    expect(locked, `statuses: ${statuses.join(', ')}`).not.to.equal(null);
    expect(statuses.length).to.be.oneOf([5, 6]);
    const lockout = locked!;
    expect(lockout.body.type).to.equal('/problems/auth-too-many-attempts');
    expect(lockout.headers.get('retry-after')).to.match(/^[1-9]\d*$/);

    const right = await answer(challenge, { code: totpAt(secret) }, client);
    expect(right.status, right.text).to.equal(429);
    expect(right.body.type).to.equal('/problems/auth-too-many-attempts');
    expect(Number(right.headers.get('retry-after'))).to.be.greaterThan(0);
  });
});
