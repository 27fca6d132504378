import { expect } from 'chai';
import { UsersAccessGate } from '../../src/modules/users/application/access-gate.js';
import { CreateApiKey } from '../../src/modules/users/application/api-keys.js';
import { GetMe, ListSessions, RevokeMySession } from '../../src/modules/users/application/me.js';
import { ConfirmPasswordReset } from '../../src/modules/users/application/confirm-password-reset.js';
import { RefreshSession } from '../../src/modules/users/application/refresh-session.js';
import { RequestPasswordReset } from '../../src/modules/users/application/request-password-reset.js';
import { ResetUserSecondFactor } from '../../src/modules/users/application/reset-user-second-factor.js';
import { RevokeUserSessions } from '../../src/modules/users/application/revoke-user-sessions.js';
import { SignOut } from '../../src/modules/users/application/sign-out.js';
import { RecoveryCode } from '../../src/modules/users/domain/api-key.js';
import {
  ActivationTokenExpired,
  ActivationTokenUsed,
  ApiKeyInvalid,
  InvalidActivationToken,
  InvalidRefreshToken,
  SessionRevoked,
  WeakPassword,
} from '../../src/modules/users/domain/user.errors.js';
import { NotFound, TenantSuspended } from '../../src/platform/domain/errors.js';
import { TooManyAttempts } from '../../src/platform/security/brute-force.js';
import { userActor } from '../support/in-memory/platform.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';
import { OTHER_TENANT, PASSWORD, T, activeUser, device, withAdmin, world, type World } from '../support/in-memory/users-world.js';

/** Mo, signed in once on a phone: the session, its tokens and the refresh token's text. */
async function signedIn(p: World) {
  const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
  const tokens = await p.sessionsOf.start(mo, device);
  return { mo, tokens, actor: { ...userActor({ tenantId: T, userId: mo.id }), sessionId: tokens.sessionId } };
}

describe('users session and password use cases (in-memory ports)', () => {
  describe('SignOut and RevokeUserSessions', () => {
    it('ends the own session on sign-out, and every session of a user on an admin revoke (NotFound for an unknown user), audited', async () => {
      const p = world();
      const { actor: admin } = withAdmin(p);
      const { mo, tokens, actor } = await signedIn(p);
      await p.sessionsOf.start(mo, device);
      await new SignOut(p).execute({ actor });
      expect(p.sessions.sessions.map((s) => [s.id === tokens.sessionId, s.revokeReason])).to.deep.equal([
        [true, 'signed_out'],
        [false, null],
      ]);
      valueOf(await new RevokeUserSessions(p, p.sessionsOf).execute({ actor: admin, userId: mo.id }));
      expect(p.sessions.sessions.map((s) => s.revokeReason)).to.deep.equal(['signed_out', 'revoked_by_admin']);
      expect(errorOf(await new RevokeUserSessions(p, p.sessionsOf).execute({ actor: admin, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(p.audit.entries.map((e) => [e.action, e.details])).to.deep.equal([
        ['auth.logout', { sessionId: tokens.sessionId }],
        ['sessions.revoked_all', { sessionsRevoked: 1 }],
      ]);
    });
  });

  describe('RefreshSession', () => {
    const refresher = (p: World, later: Array<{ tenantId: string; work: () => Promise<void> }>) => new RefreshSession(p, p.sessionsOf, (tenantId, work) => later.push({ tenantId, work }));

    it('exchanges a refresh token once for a new pair, rotating the old one and noting the app version', async () => {
      const p = world();
      const { tokens } = await signedIn(p);
      const next = valueOf(await refresher(p, []).execute({ refreshToken: tokens.refreshToken, appVersion: '3.2.0', clientAddress: null, userAgent: null }));
      expect(next.sessionId).to.equal(tokens.sessionId);
      expect(next.refreshToken).to.not.equal(tokens.refreshToken);
      expect(p.sessions.refreshTokens.map((t) => t.rotatedAt !== null)).to.deep.equal([true, false]);
      expect(p.sessions.sessions[0]!.appVersion).to.equal('3.2.0');
      expect(p.transaction.entered).to.deep.equal([T]);
    });

    it('treats a token used twice as stolen: refuses it (InvalidRefreshToken) and revokes the session in work of its own, audited', async () => {
      const p = world();
      const { mo, tokens } = await signedIn(p);
      const later: Array<{ tenantId: string; work: () => Promise<void> }> = [];
      valueOf(await refresher(p, later).execute({ refreshToken: tokens.refreshToken, clientAddress: null, userAgent: null }));
      expect(errorOf(await refresher(p, later).execute({ refreshToken: tokens.refreshToken, clientAddress: '192.0.2.66', userAgent: null }))).to.be.instanceOf(InvalidRefreshToken);
      expect(p.sessions.sessions[0]!.isActive()).to.equal(true);
      expect(later.map((l) => l.tenantId)).to.deep.equal([T]);
      await later[0]!.work();
      expect(p.sessions.sessions[0]!.revokeReason).to.equal('refresh_token_reuse');
      expect(p.audit.entries).to.have.length(1);
      expect(p.audit.entries[0]).to.deep.include({ action: 'auth.refresh.reuse_detected', subjectId: mo.id, clientAddress: '192.0.2.66', details: { sessionId: tokens.sessionId } });
    });

    it('refuses a malformed or unknown token, a revoked session and a deactivated user (InvalidRefreshToken), and a suspended tenant (TenantSuspended)', async () => {
      const p = world();
      const { mo, tokens } = await signedIn(p);
      const refresh = (refreshToken = tokens.refreshToken) => refresher(p, []).execute({ refreshToken, clientAddress: null, userAgent: null });
      expect(errorOf(await refresh('kapot'))).to.be.instanceOf(InvalidRefreshToken);
      expect(errorOf(await refresh(`${T}.${'x'.repeat(40)}`))).to.be.instanceOf(InvalidRefreshToken);
      p.tenants.tenants[0]!.suspended = true;
      expect(errorOf(await refresh())).to.be.instanceOf(TenantSuspended);
      p.tenants.tenants[0]!.suspended = false;
      valueOf(mo.deactivate(p.clock.now()));
      expect(errorOf(await refresh())).to.be.instanceOf(InvalidRefreshToken);
      valueOf(mo.reactivate(p.clock.now()));
      p.sessions.sessions[0]!.revoke('signed_out', p.clock.now());
      expect(errorOf(await refresh())).to.be.instanceOf(InvalidRefreshToken);
      expect(p.sessions.refreshTokens.map((t) => t.rotatedAt)).to.deep.equal([null]);
    });
  });

  describe('RequestPasswordReset and ConfirmPasswordReset', () => {
    it('mails a one-hour reset link (withdrawing an older one), sets the new password from it and ends every session, audited', async () => {
      const p = world();
      const { mo } = await signedIn(p);
      const request = new RequestPasswordReset(p);
      valueOf(await request.execute({ tenant: 'gemeente', email: 'MO@oost.example', clientAddress: '192.0.2.9', userAgent: null }));
      valueOf(await request.execute({ tenant: 'gemeente', email: 'mo@oost.example', clientAddress: '192.0.2.9', userAgent: null }));
      expect(p.activationTokens.tokens.map((t) => [t.purpose, t.usedAt !== null, t.expiresAt.getTime() - t.createdAt.getTime()])).to.deep.equal([
        ['password_reset', true, 3600_000],
        ['password_reset', false, 3600_000],
      ]);
      expect(p.mailer.sent).to.have.length(2);
      const secret = p.secrets.issued.at(-1)!;
      expect(p.mailer.sent[1]!.text).to.include(`https://crisis.example/reset-password#token=${T}.${secret}`);
      valueOf(await new ConfirmPasswordReset(p, p.sessionsOf).execute({ token: `${T}.${secret}`, password: 'een heel nieuw wachtwoord', clientAddress: null }));
      expect(mo.passwordHash).to.equal('hashed:een heel nieuw wachtwoord');
      expect(p.sessions.sessions.map((s) => s.revokeReason)).to.deep.equal(['password_reset']);
      expect(p.audit.entries.map((e) => [e.action, e.details ?? null])).to.deep.equal([
        ['auth.password_reset.requested', null],
        ['auth.password_reset.requested', null],
        ['auth.password_reset.completed', { sessionsRevoked: 1 }],
      ]);
    });

    it('answers an unknown account or tenant the same as a known one, mailing nothing, and refuses too many requests (TooManyAttempts)', async () => {
      const p = world();
      activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const request = new RequestPasswordReset(p);
      valueOf(await request.execute({ tenant: 'gemeente', email: 'niemand@oost.example', clientAddress: null, userAgent: null }));
      valueOf(await request.execute({ tenant: 'elders', email: 'mo@oost.example', clientAddress: null, userAgent: null }));
      expect(p.mailer.sent).to.deep.equal([]);
      expect(p.activationTokens.tokens).to.deep.equal([]);
      for (let i = 0; i < 5; i++) valueOf(await request.execute({ tenant: 'gemeente', email: 'mo@oost.example', clientAddress: null, userAgent: null }));
      expect(errorOf(await request.execute({ tenant: 'gemeente', email: 'mo@oost.example', clientAddress: null, userAgent: null }))).to.be.instanceOf(TooManyAttempts);
      expect(p.mailer.sent).to.have.length(5);
    });

    it('refuses a link that is not a reset link (InvalidActivationToken), used (ActivationTokenUsed), expired (ActivationTokenExpired), and a weak password (WeakPassword)', async () => {
      const p = world();
      const { mo } = await signedIn(p);
      valueOf(await new RequestPasswordReset(p).execute({ tenant: 'gemeente', email: 'mo@oost.example', clientAddress: null, userAgent: null }));
      const token = `${T}.${p.secrets.issued.at(-1)!}`;
      const confirm = (password = 'een heel nieuw wachtwoord', t = token) => new ConfirmPasswordReset(p, p.sessionsOf).execute({ token: t, password, clientAddress: null });
      expect(errorOf(await confirm(undefined, 'kapot'))).to.be.instanceOf(InvalidActivationToken);
      expect(errorOf(await confirm(undefined, `${T}.${p.secrets.issued[0]!}`))).to.be.instanceOf(InvalidActivationToken);
      expect(errorOf(await confirm('kort'))).to.be.instanceOf(WeakPassword);
      expect(errorOf(await confirm())).to.be.instanceOf(ActivationTokenUsed);
      p.activationTokens.tokens[0]!.usedAt = null;
      p.clock.advance(3600_000);
      expect(errorOf(await confirm())).to.be.instanceOf(ActivationTokenExpired);
      expect(mo.passwordHash).to.equal(`hashed:${PASSWORD}`);
      expect(p.sessions.sessions[0]!.isActive()).to.equal(true);
    });
  });

  describe('ResetUserSecondFactor', () => {
    it("removes a user's second factor and recovery codes and ends their sessions, audited; NotFound for an unknown user", async () => {
      const p = world();
      const { actor: admin } = withAdmin(p);
      const { mo } = await signedIn(p);
      Object.assign(mo, { totpSecretSealed: 'sealed::x', totpEnabledAt: p.clock.now() });
      p.recoveryCodes.codes.push(RecoveryCode.of({ tenantId: T, userId: mo.id, codeHash: 'h1' }));
      valueOf(await new ResetUserSecondFactor(p, p.sessionsOf).execute({ actor: admin, userId: mo.id }));
      expect(mo.hasSecondFactor()).to.equal(false);
      expect(p.recoveryCodes.codes).to.deep.equal([]);
      expect(p.sessions.sessions.map((s) => s.revokeReason)).to.deep.equal(['second_factor_reset']);
      expect(p.audit.entries[0]).to.deep.include({ action: 'second_factor.reset', subjectId: mo.id, details: { sessionsRevoked: 1 } });
      expect(errorOf(await new ResetUserSecondFactor(p, p.sessionsOf).execute({ actor: admin, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
    });
  });

  describe('UsersAccessGate', () => {
    it("admits a user's session with the roles they have now, and throws SessionRevoked once it is revoked or the user deactivated", async () => {
      const p = world();
      const { mo, tokens } = await signedIn(p);
      const gate = new UsersAccessGate(p);
      const principal = { kind: 'user' as const, tenantId: T, userId: mo.id, sessionId: tokens.sessionId, roles: ['admin'], enrolmentOnly: false, permissions: new Set([]) };
      const admitted = await gate.admit(principal);
      expect(admitted.kind === 'user' && admitted.roles).to.deep.equal(['member']);
      expect(admitted.permissions.has('users.write')).to.equal(false);
      expect(admitted.permissions.has('incidents.participate')).to.equal(true);
      valueOf(mo.deactivate(p.clock.now()));
      expect(await gate.admit(principal).catch((error: unknown) => error)).to.be.instanceOf(SessionRevoked);
      valueOf(mo.reactivate(p.clock.now()));
      p.sessions.sessions[0]!.revoke('signed_out', p.clock.now());
      expect(await gate.admit(principal).catch((error: unknown) => error)).to.be.instanceOf(SessionRevoked);
    });

    it('admits an API key with the permissions of its scopes, marking it used, and throws ApiKeyInvalid for a wrong secret or a revoked key', async () => {
      const p = world();
      const { actor: admin } = withAdmin(p);
      const { apiKey } = valueOf(await new CreateApiKey(p, (id) => id).execute({ actor: admin, name: 'Meldkamer', scopes: ['incidents:read'] }));
      const gate = new UsersAccessGate(p);
      const principal = { kind: 'api_key' as const, tenantId: T, keyId: apiKey.id, secret: p.secrets.issued[0]!, permissions: new Set([]) };
      const admitted = await gate.admit(principal);
      expect([...admitted.permissions]).to.deep.equal(['incidents.read']);
      expect(apiKey.lastUsedAt).to.deep.equal(p.clock.now());
      expect(await gate.admit({ ...principal, secret: 'secret-00000000000000000000000000000999' }).catch((error: unknown) => error)).to.be.instanceOf(ApiKeyInvalid);
      apiKey.revoke(p.clock.now());
      expect(await gate.admit(principal).catch((error: unknown) => error)).to.be.instanceOf(ApiKeyInvalid);
    });
  });

  describe('GetMe, ListSessions and RevokeMySession', () => {
    it('shows the caller their account with groups, tenant and whether a second factor is asked; NotFound once the account is gone', async () => {
      const p = world();
      const { mo, actor } = await signedIn(p);
      p.tenants.tenants[0]!.secondFactorPolicy = 'everyone';
      const me = valueOf(await new GetMe(p).execute({ actor }));
      expect(me.user).to.equal(mo);
      expect(me.secondFactorRequired).to.equal(true);
      expect(me.tenant).to.deep.include({ name: 'Gemeente Oost', locale: 'nl-NL', timeZone: 'Europe/Amsterdam' });
      expect(me.groups).to.deep.equal([]);
      p.users.users.splice(p.users.users.indexOf(mo), 1);
      expect(errorOf(await new GetMe(p).execute({ actor }))).to.be.instanceOf(NotFound);
    });

    it("lists a user's active sessions (a read of their data for anyone else), and signs out one's own device only", async () => {
      const p = world();
      const { actor: admin } = withAdmin(p);
      const { mo, tokens, actor } = await signedIn(p);
      const other = await p.sessionsOf.start(mo, device);
      expect(valueOf(await new ListSessions(p).execute({ actor: admin, userId: mo.id })).map((s) => s.id)).to.deep.equal([tokens.sessionId, other.sessionId]);
      valueOf(await new ListSessions(p).execute({ actor, userId: mo.id }));
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([['personal_data.read', mo.id, { category: 'devices' }]]);
      expect(errorOf(await new ListSessions(p).execute({ actor: admin, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      const revoke = new RevokeMySession(p);
      valueOf(await revoke.execute({ actor, sessionId: other.sessionId }));
      expect(p.sessions.sessions.map((s) => s.revokeReason)).to.deep.equal([null, 'revoked_by_user']);
      expect(p.audit.entries.at(-1)).to.deep.include({ action: 'session.revoked', details: { sessionId: other.sessionId } });
      expect(errorOf(await revoke.execute({ actor, sessionId: other.sessionId }))).to.be.instanceOf(NotFound);
      expect(errorOf(await revoke.execute({ actor: { ...admin, sessionId: 'x' }, sessionId: tokens.sessionId }))).to.be.instanceOf(NotFound);
      expect(p.sessions.sessions[0]!.isActive()).to.equal(true);
    });
  });
});
