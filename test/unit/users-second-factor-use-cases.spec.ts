import { expect } from 'chai';
import { CompleteSecondFactor } from '../../src/modules/users/application/complete-second-factor.js';
import { ConfirmSecondFactorEnrolment, DisableMySecondFactor, StartSecondFactorEnrolment } from '../../src/modules/users/application/second-factor-enrolment.js';
import {
  InvalidChallenge,
  InvalidSecondFactorCode,
  SecondFactorAlreadyEnabled,
  SecondFactorCodeNotAccepted,
  SecondFactorNotEnabled,
  SecondFactorNotStarted,
  SecondFactorRequiredByPolicy,
  WrongEnrolmentCode,
} from '../../src/modules/users/domain/user.errors.js';
import type { User } from '../../src/modules/users/domain/user.js';
import { NotFound, TenantSuspended } from '../../src/platform/domain/errors.js';
import { TooManyAttempts } from '../../src/platform/security/brute-force.js';
import { userActor } from '../support/in-memory/platform.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';
import { StepTotp } from '../support/in-memory/users.js';
import { OTHER_TENANT, T, activeUser, device, world, type World } from '../support/in-memory/users-world.js';

const STEP_MS = 30_000;

/** The code Mo's phone shows now for the secret enrolled (or being enrolled). */
const codeNow = (p: World, secret = 'TOTPSECRET1') => StepTotp.code(secret, StepTotp.stepAt(p.clock.now()));

function mo(p: World) {
  const user = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
  return { user, actor: userActor({ tenantId: T, userId: user.id }) };
}

/** Mo with a second factor set up through both enrolment steps; the clock is one step on, so a fresh code is accepted. */
async function enrolled(p: World) {
  const { user, actor } = mo(p);
  valueOf(await new StartSecondFactorEnrolment(p).execute({ actor }));
  const { recoveryCodes } = valueOf(await new ConfirmSecondFactorEnrolment(p).execute({ actor, code: codeNow(p) }));
  p.clock.advance(STEP_MS);
  p.audit.entries.length = 0;
  return { user, actor, recoveryCodes };
}

async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('users second-factor use cases (in-memory ports)', () => {
  describe('StartSecondFactorEnrolment', () => {
    it('keeps a fresh secret sealed to the user as pending (not yet the second factor) and answers it with its otpauth URL and QR code', async () => {
      const p = world();
      const { user, actor } = mo(p);
      const started = valueOf(await new StartSecondFactorEnrolment(p).execute({ actor }));
      expect(started).to.deep.equal({
        secret: 'TOTPSECRET1',
        otpauthUrl: 'otpauth://totp/Crisisplatform:mo@oost.example?secret=TOTPSECRET1',
        qrCode: 'qr(otpauth://totp/Crisisplatform:mo@oost.example?secret=TOTPSECRET1)',
      });
      expect(user).to.deep.include({ totpPendingSealed: `sealed:${user.id}:TOTPSECRET1`, totpSecretSealed: null, totpEnabledAt: null });
      // Starting again replaces a pending secret nobody confirmed.
      valueOf(await new StartSecondFactorEnrolment(p).execute({ actor }));
      expect(user.totpPendingSealed).to.equal(`sealed:${user.id}:TOTPSECRET2`);
    });

    it('refuses a user with a second factor already (SecondFactorAlreadyEnabled), keeping it, and an account gone (NotFound)', async () => {
      const p = world();
      const { user, actor } = await enrolled(p);
      expect(errorOf(await new StartSecondFactorEnrolment(p).execute({ actor }))).to.be.instanceOf(SecondFactorAlreadyEnabled);
      expect(user).to.deep.include({ totpSecretSealed: `sealed:${user.id}:TOTPSECRET1`, totpPendingSealed: null });
      const gone = userActor({ tenantId: T, userId: OTHER_TENANT });
      expect(errorOf(await new StartSecondFactorEnrolment(p).execute({ actor: gone }))).to.be.instanceOf(NotFound);
    });
  });

  describe('ConfirmSecondFactorEnrolment', () => {
    it('turns the pending secret into the second factor with the first right code, stores ten hashed recovery codes, clears earlier failures and audits it', async () => {
      const p = world();
      const { user, actor } = mo(p);
      valueOf(await new StartSecondFactorEnrolment(p).execute({ actor }));
      p.bruteForce.failures.set(`second_factor|${T}/${user.id}`, 2);
      const { recoveryCodes } = valueOf(await new ConfirmSecondFactorEnrolment(p).execute({ actor, code: codeNow(p) }));
      expect(recoveryCodes).to.have.length(10);
      expect(recoveryCodes[0]).to.equal('recovery-01');
      expect(user).to.deep.include({ totpSecretSealed: `sealed:${user.id}:TOTPSECRET1`, totpPendingSealed: null, totpEnabledAt: p.clock.now(), totpLastStep: StepTotp.stepAt(p.clock.now()) });
      expect(p.recoveryCodes.codes.map((c) => [c.userId, c.codeHash, c.usedAt])).to.deep.equal(recoveryCodes.map((code) => [user.id, `hash(${code})`, null]));
      expect(p.bruteForce.failures.has(`second_factor|${T}/${user.id}`)).to.equal(false);
      expect(p.audit.entries).to.have.length(1);
      expect(p.audit.entries[0]).to.deep.include({ action: 'second_factor.enrolled', actorId: user.id, subjectId: user.id, clientAddress: '192.0.2.1' });
    });

    it('refuses a code of another secret or too old (WrongEnrolmentCode, counted), no enrolment started (SecondFactorNotStarted) and an account gone (NotFound)', async () => {
      const p = world();
      const { user, actor } = mo(p);
      const confirm = new ConfirmSecondFactorEnrolment(p);
      expect(errorOf(await confirm.execute({ actor, code: codeNow(p) }))).to.be.instanceOf(SecondFactorNotStarted);
      valueOf(await new StartSecondFactorEnrolment(p).execute({ actor }));
      expect(errorOf(await confirm.execute({ actor, code: codeNow(p, 'TOTPSECRET9') }))).to.be.instanceOf(WrongEnrolmentCode);
      const twoStepsAgo = StepTotp.code('TOTPSECRET1', StepTotp.stepAt(p.clock.now()) - 2);
      expect(errorOf(await confirm.execute({ actor, code: twoStepsAgo }))).to.be.instanceOf(WrongEnrolmentCode);
      expect(p.bruteForce.failures.get(`second_factor|${T}/${user.id}`)).to.equal(2);
      expect(user).to.deep.include({ totpSecretSealed: null, totpPendingSealed: `sealed:${user.id}:TOTPSECRET1` });
      expect(errorOf(await confirm.execute({ actor: userActor({ tenantId: T, userId: OTHER_TENANT }), code: codeNow(p) }))).to.be.instanceOf(NotFound);
      expect(p.recoveryCodes.codes).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('throws TooManyAttempts once the account has failed too often, before looking at the code', async () => {
      const p = world();
      const { user, actor } = mo(p);
      valueOf(await new StartSecondFactorEnrolment(p).execute({ actor }));
      p.bruteForce.failures.set(`second_factor|${T}/${user.id}`, 5);
      expect(await rejection(new ConfirmSecondFactorEnrolment(p).execute({ actor, code: codeNow(p) }))).to.be.instanceOf(TooManyAttempts);
      expect(user.totpSecretSealed).to.equal(null);
    });
  });

  describe('DisableMySecondFactor', () => {
    it('with a current code turns the second factor off, drops the recovery codes, clears the failure count and audits it', async () => {
      const p = world();
      const { user, actor } = await enrolled(p);
      p.bruteForce.failures.set(`second_factor|${T}/${user.id}`, 1);
      valueOf(await new DisableMySecondFactor(p).execute({ actor, code: codeNow(p) }));
      expect(user).to.deep.include({ totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null });
      expect(p.recoveryCodes.codes).to.deep.equal([]);
      expect(p.bruteForce.failures.has(`second_factor|${T}/${user.id}`)).to.equal(false);
      expect(p.audit.actions()).to.deep.equal(['second_factor.disabled']);
      expect(p.audit.entries[0]).to.deep.include({ actorId: user.id, subjectId: user.id });
    });

    it('refuses a wrong code and a code used already (SecondFactorCodeNotAccepted, counted), keeping the second factor', async () => {
      const p = world();
      const { user, actor } = await enrolled(p);
      const disable = new DisableMySecondFactor(p);
      expect(errorOf(await disable.execute({ actor, code: 'TOTPSECRET1@0' }))).to.be.instanceOf(SecondFactorCodeNotAccepted);
      // The enrolment code's step was remembered: showing it again does not prove the phone is at hand.
      const enrolmentCode = StepTotp.code('TOTPSECRET1', StepTotp.stepAt(p.clock.now()) - 1);
      expect(errorOf(await disable.execute({ actor, code: enrolmentCode }))).to.be.instanceOf(SecondFactorCodeNotAccepted);
      expect(p.bruteForce.failures.get(`second_factor|${T}/${user.id}`)).to.equal(2);
      expect(user.hasSecondFactor()).to.equal(true);
      expect(p.recoveryCodes.codes).to.have.length(10);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it("refuses when the tenant's policy asks a second factor of the user (SecondFactorRequiredByPolicy), when there is none (SecondFactorNotEnabled) and for an account gone (NotFound)", async () => {
      const p = world();
      const { user, actor } = await enrolled(p);
      const disable = new DisableMySecondFactor(p);
      p.tenants.tenants[0]!.secondFactorPolicy = 'everyone';
      expect(errorOf(await disable.execute({ actor, code: codeNow(p) }))).to.be.instanceOf(SecondFactorRequiredByPolicy);
      p.tenants.tenants[0]!.secondFactorPolicy = 'admins';
      valueOf(await disable.execute({ actor, code: codeNow(p) }));
      expect(errorOf(await disable.execute({ actor, code: codeNow(p) }))).to.be.instanceOf(SecondFactorNotEnabled);
      expect(errorOf(await disable.execute({ actor: userActor({ tenantId: T, userId: OTHER_TENANT }), code: codeNow(p) }))).to.be.instanceOf(NotFound);
      expect(user.hasSecondFactor()).to.equal(false);
      expect(p.audit.actions()).to.deep.equal(['second_factor.disabled']);
    });

    it('throws TooManyAttempts once the account has failed too often', async () => {
      const p = world();
      const { user, actor } = await enrolled(p);
      p.bruteForce.failures.set(`second_factor|${T}/${user.id}`, 5);
      expect(await rejection(new DisableMySecondFactor(p).execute({ actor, code: codeNow(p) }))).to.be.instanceOf(TooManyAttempts);
      expect(user.hasSecondFactor()).to.equal(true);
    });
  });

  describe('CompleteSecondFactor', () => {
    const client = { clientAddress: '192.0.2.9', userAgent: 'app' };
    const challengeFor = async (p: World, user: User, tenantId = T) =>
      (await p.accessTokens.issueChallenge({ tenantId, userId: user.id, device: { name: device.name, platform: device.platform, appVersion: device.appVersion } })).challengeToken;
    const complete = (p: World) => new CompleteSecondFactor(p, p.sessionsOf);

    it('starts a session for the device the challenge names with a current code, remembering the step, and audits the sign-in', async () => {
      const p = world();
      const { user } = await enrolled(p);
      const tokens = valueOf(await complete(p).execute({ challengeToken: await challengeFor(p, user), code: codeNow(p), ...client }));
      expect(p.transaction.entered).to.deep.equal([T]);
      expect(p.sessions.sessions).to.have.length(1);
      expect(p.sessions.sessions[0]).to.deep.include({ id: tokens.sessionId, userId: user.id, deviceName: 'iPhone van Mo', platform: 'ios', appVersion: '3.1.0' });
      expect(await p.accessTokens.verify(tokens.accessToken)).to.deep.include({ tenantId: T, userId: user.id, sessionId: tokens.sessionId, enrolmentOnly: false });
      expect(user.totpLastStep).to.equal(StepTotp.stepAt(p.clock.now()));
      expect(p.bruteForce.successes).to.deep.equal([`second_factor|${T}/${user.id}`, `second_factor|${T}/${user.id}`]);
      expect(p.audit.entries.map((e) => [e.action, e.clientAddress, e.details])).to.deep.equal([
        ['auth.login.succeeded', '192.0.2.9', { sessionId: tokens.sessionId, secondFactor: 'totp', platform: 'ios' }],
      ]);
    });

    it('accepts a recovery code once, marking it used, and audits that a recovery code was used', async () => {
      const p = world();
      const { user, recoveryCodes } = await enrolled(p);
      const tokens = valueOf(await complete(p).execute({ challengeToken: await challengeFor(p, user), recoveryCode: recoveryCodes[3]!, ...client }));
      expect(p.recoveryCodes.codes.filter((c) => c.usedAt !== null).map((c) => c.codeHash)).to.deep.equal(['hash(recovery-04)']);
      expect(p.audit.entries.map((e) => [e.action, e.details ?? null])).to.deep.equal([
        ['auth.login.succeeded', { sessionId: tokens.sessionId, secondFactor: 'recovery_code', platform: 'ios' }],
        ['auth.second_factor.recovery_code_used', null],
      ]);
      const again = errorOf(await complete(p).execute({ challengeToken: await challengeFor(p, user), recoveryCode: recoveryCodes[3]!, ...client }));
      expect(again).to.be.instanceOf(InvalidSecondFactorCode);
      expect(p.sessions.sessions).to.have.length(1);
    });

    it('refuses a wrong code, a code used already, an unknown recovery code and no code at all (InvalidSecondFactorCode), each counted and recorded detached', async () => {
      const p = world();
      const { user } = await enrolled(p);
      const challengeToken = await challengeFor(p, user);
      const code = codeNow(p);
      valueOf(await complete(p).execute({ challengeToken, code, ...client }));
      p.audit.entries.length = 0;
      expect(errorOf(await complete(p).execute({ challengeToken, code, ...client }))).to.be.instanceOf(InvalidSecondFactorCode);
      expect(errorOf(await complete(p).execute({ challengeToken, code: 'TOTPSECRET1@0', ...client }))).to.be.instanceOf(InvalidSecondFactorCode);
      expect(errorOf(await complete(p).execute({ challengeToken, recoveryCode: 'recovery-99', ...client }))).to.be.instanceOf(InvalidSecondFactorCode);
      expect(errorOf(await complete(p).execute({ challengeToken, ...client }))).to.be.instanceOf(InvalidSecondFactorCode);
      expect(p.audit.detached.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([
        ['auth.second_factor.failed', user.id, { method: 'totp' }],
        ['auth.second_factor.failed', user.id, { method: 'totp' }],
        ['auth.second_factor.failed', user.id, { method: 'recovery_code' }],
        ['auth.second_factor.failed', user.id, { method: 'recovery_code' }],
      ]);
      expect(p.bruteForce.failures.get(`second_factor|${T}/${user.id}`)).to.equal(4);
      expect(p.sessions.sessions).to.have.length(1);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('refuses a forged or access token, a user deactivated or without a second factor since (InvalidChallenge), and a suspended tenant (TenantSuspended)', async () => {
      const p = world();
      const { user } = await enrolled(p);
      const challengeToken = await challengeFor(p, user);
      const attempt = () => complete(p).execute({ challengeToken, code: codeNow(p), ...client });
      expect(errorOf(await complete(p).execute({ challengeToken: 'kapot', code: codeNow(p), ...client }))).to.be.instanceOf(InvalidChallenge);
      const signedIn = await p.sessionsOf.start(user, device);
      expect(errorOf(await complete(p).execute({ challengeToken: signedIn.accessToken, code: codeNow(p), ...client }))).to.be.instanceOf(InvalidChallenge);
      expect(p.transaction.entered).to.deep.equal([]);
      p.tenants.tenants[0]!.suspended = true;
      expect(errorOf(await attempt())).to.be.instanceOf(TenantSuspended);
      p.tenants.tenants[0]!.suspended = false;
      valueOf(user.deactivate(p.clock.now()));
      expect(errorOf(await attempt())).to.be.instanceOf(InvalidChallenge);
      valueOf(user.reactivate(p.clock.now()));
      user.resetSecondFactor(p.clock.now());
      expect(errorOf(await attempt())).to.be.instanceOf(InvalidChallenge);
      expect(p.sessions.sessions.map((s) => s.id)).to.deep.equal([signedIn.sessionId]);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('throws TooManyAttempts once the account has failed too often, starting no session', async () => {
      const p = world();
      const { user } = await enrolled(p);
      p.bruteForce.failures.set(`second_factor|${T}/${user.id}`, 5);
      expect(await rejection(complete(p).execute({ challengeToken: await challengeFor(p, user), code: codeNow(p), ...client }))).to.be.instanceOf(TooManyAttempts);
      expect(p.sessions.sessions).to.deep.equal([]);
    });
  });

  describe('Sessions', () => {
    it('issues an enrolment-only token to a user the policy asks a second factor of who has none yet, and a full one once they enrolled', async () => {
      const p = world();
      const { user, actor } = mo(p);
      p.tenants.tenants[0]!.secondFactorPolicy = 'everyone';
      const first = await p.sessionsOf.start(user, device);
      expect(first.secondFactorEnrolmentRequired).to.equal(true);
      expect(await p.accessTokens.verify(first.accessToken)).to.deep.include({ enrolmentOnly: true });
      valueOf(await new StartSecondFactorEnrolment(p).execute({ actor }));
      valueOf(await new ConfirmSecondFactorEnrolment(p).execute({ actor, code: codeNow(p) }));
      const second = await p.sessionsOf.start(user, device);
      expect(second.secondFactorEnrolmentRequired).to.equal(false);
      expect(await p.accessTokens.verify(second.accessToken)).to.deep.include({ enrolmentOnly: false });
      expect(await p.sessionsOf.revokeAll(T, user.id, 'second_factor_reset')).to.equal(2);
      expect(p.sessions.sessions.map((s) => s.revokeReason)).to.deep.equal(['second_factor_reset', 'second_factor_reset']);
    });
  });
});
