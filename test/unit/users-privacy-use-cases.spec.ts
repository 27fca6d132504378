import { expect } from 'chai';
import { DevicesHolder, GroupsHolder, ProfileHolder, USER_EXPORT_COLUMNS, UserPrivacy } from '../../src/modules/users/application/privacy.js';
import { ActivationToken } from '../../src/modules/users/domain/activation-token.js';
import { RecoveryCode } from '../../src/modules/users/domain/api-key.js';
import { Group, GroupMembership } from '../../src/modules/users/domain/group.js';
import { DeviceSession, RefreshToken } from '../../src/modules/users/domain/session.js';
import { TooManyAttempts } from '../../src/platform/security/brute-force.js';
import { valueOf } from '../support/in-memory/result.js';
import { StepTotp } from '../support/in-memory/users.js';
import { OTHER_TENANT, PASSWORD, T, activeUser, device, world, type World } from '../support/in-memory/users-world.js';

/** Mo with a profile worth exporting: contact details, a retention date and legal basis, a group and a phone. */
function mo(p: World) {
  const user = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
  valueOf(user.update({ phone: '+31612345678', jobTitle: 'Coördinator', location: 'Oost' }, p.clock.now()));
  user.setRetentionAndBasis({ retentionUntil: '2026-06-30', legalBasis: 'contract', legalBasisNote: 'Arbeidsovereenkomst' }, p.clock.now());
  const group = valueOf(Group.create({ tenantId: T, name: 'Ploeg A', type: 'team', description: null }, p.clock.now()));
  p.groups.add(group);
  p.groups.addMembership(GroupMembership.of({ tenantId: T, groupId: group.id, userId: user.id }, p.clock.now()));
  const session = DeviceSession.start({ tenantId: T, userId: user.id, device }, p.clock.now());
  p.sessions.add(session);
  p.sessions.addRefreshToken(RefreshToken.issue({ tenantId: T, sessionId: session.id, tokenHash: 'hash(r1)' }, p.clock.now()));
  p.recoveryCodes.codes.push(RecoveryCode.of({ tenantId: T, userId: user.id, codeHash: 'hash(recovery-01)' }));
  return { user, group, session };
}

const subjectOf = (userId: string) => ({ tenantId: T, userId, pseudonym: 'Persoon 1a2b' });

describe('users privacy use cases (in-memory ports)', () => {
  describe('UserPrivacy', () => {
    it('pages the profile columns by id for bulk exports, and answers names, retention and purge candidates and whether someone is the last admin', async () => {
      const p = world();
      const { user } = mo(p);
      const ada = activeUser(p, { email: 'ada@oost.example', name: 'Ada Admin', roles: ['admin'] });
      const gone = activeUser(p, { email: 'weg@oost.example', name: 'Weg', roles: ['member'] });
      valueOf(gone.deactivate(p.clock.now()));
      const privacy = new UserPrivacy(p);
      expect(privacy.columns).to.equal(USER_EXPORT_COLUMNS);
      const rows = await privacy.page(T, null, 10);
      expect(rows.map((r) => r.id)).to.deep.equal([user.id, ada.id, gone.id].sort());
      expect(rows.find((r) => r.id === user.id)).to.deep.equal({
        id: user.id,
        name: 'Mo Lid',
        email: 'mo@oost.example',
        phone: '+31612345678',
        jobTitle: 'Coördinator',
        location: 'Oost',
        roles: 'member',
        status: 'active',
        retentionUntil: '2026-06-30',
        legalBasis: 'contract',
        legalBasisNote: 'Arbeidsovereenkomst',
        activatedAt: p.clock.now(),
        deactivatedAt: null,
        createdAt: p.clock.now(),
      });
      expect(Object.keys(rows[0]!)).to.deep.equal(USER_EXPORT_COLUMNS);
      expect((await privacy.page(T, rows[0]!.id, 1)).map((r) => r.id)).to.deep.equal([rows[1]!.id]);
      expect(await privacy.page(OTHER_TENANT, null, 10)).to.deep.equal([]);
      expect(await privacy.pastRetention(T, '2026-07-01')).to.deep.equal([{ id: user.id, retentionUntil: '2026-06-30' }]);
      expect(await privacy.pastRetention(T, '2026-06-30')).to.deep.equal([]);
      expect(await privacy.nameOf(T, user.id)).to.equal('Mo Lid');
      expect(await privacy.nameOf(T, OTHER_TENANT)).to.equal(null);
      expect(await privacy.isLastActiveAdmin(T, ada.id)).to.equal(true);
      expect(await privacy.isLastActiveAdmin(T, user.id)).to.equal(false);
      expect(await privacy.isLastActiveAdmin(T, OTHER_TENANT)).to.equal(false);
      activeUser(p, { email: 'bea@oost.example', name: 'Bea Admin', roles: ['admin'] });
      expect(await privacy.isLastActiveAdmin(T, ada.id)).to.equal(false);
      expect(await privacy.deactivatedBefore(T, new Date(p.clock.now().getTime() + 1))).to.deep.equal([gone.id]);
      expect(await privacy.deactivatedBefore(T, p.clock.now())).to.deep.equal([]);
    });

    it('confirms identity with the password, and with a current second-factor code once the user has one (used once); each answer counts towards the sign-in lockout', async () => {
      const p = world();
      const { user } = mo(p);
      const privacy = new UserPrivacy(p);
      const key = `login|${T}/${user.id}`;
      expect(await privacy.confirmIdentity(T, user.id, 'verkeerd wachtwoord', null, '192.0.2.9')).to.equal(false);
      expect(await privacy.confirmIdentity(T, OTHER_TENANT, PASSWORD, null, null)).to.equal(false);
      expect(p.bruteForce.failures.get(key)).to.equal(1);
      expect(await privacy.confirmIdentity(T, user.id, PASSWORD, null, '192.0.2.9')).to.equal(true);
      expect(p.bruteForce.failures.has(key)).to.equal(false);
      user.totpSecretSealed = `sealed:${user.id}:TOTPSECRET1`;
      const code = StepTotp.code('TOTPSECRET1', StepTotp.stepAt(p.clock.now()));
      expect(await privacy.confirmIdentity(T, user.id, PASSWORD, null, null)).to.equal(false);
      expect(await privacy.confirmIdentity(T, user.id, PASSWORD, 'TOTPSECRET1@0', null)).to.equal(false);
      expect(await privacy.confirmIdentity(T, user.id, 'verkeerd wachtwoord', code, null)).to.equal(false);
      expect(await privacy.confirmIdentity(T, user.id, PASSWORD, code, null)).to.equal(true);
      expect(user.totpLastStep).to.equal(StepTotp.stepAt(p.clock.now()));
      expect(await privacy.confirmIdentity(T, user.id, PASSWORD, code, null)).to.equal(false);
      expect(p.bruteForce.successes).to.deep.equal([key, key]);
      expect(p.bruteForce.failures.get(key)).to.equal(1);
    });

    it('throws TooManyAttempts once the account has failed too often, even with the right password', async () => {
      const p = world();
      const { user } = mo(p);
      p.bruteForce.failures.set(`login|${T}/${user.id}`, 5);
      const thrown = await new UserPrivacy(p).confirmIdentity(T, user.id, PASSWORD, null, null).catch((error: unknown) => error);
      expect(thrown).to.be.instanceOf(TooManyAttempts);
      expect(p.bruteForce.successes).to.deep.equal([]);
    });
  });

  describe('ProfileHolder', () => {
    it("exports the account's profile with whether a second factor is set up, and nothing for someone unknown", async () => {
      const p = world();
      const { user } = mo(p);
      const holder = new ProfileHolder(p);
      expect(holder.category).to.equal('profile');
      const [row, ...more] = await holder.exportSubject({ tenantId: T, userId: user.id });
      expect(more).to.deep.equal([]);
      expect(row).to.deep.include({ id: user.id, email: 'mo@oost.example', phone: '+31612345678', legalBasis: 'contract', secondFactorEnabled: false, updatedAt: p.clock.now() });
      expect(await holder.exportSubject({ tenantId: T, userId: OTHER_TENANT })).to.deep.equal([]);
      expect(await holder.exportSubject({ tenantId: OTHER_TENANT, userId: user.id })).to.deep.equal([]);
    });

    it('erases the account with its recovery codes and activation links; other accounts stay', async () => {
      const p = world();
      const { user } = mo(p);
      const ada = activeUser(p, { email: 'ada@oost.example', name: 'Ada Admin', roles: ['admin'] });
      p.recoveryCodes.codes.push(RecoveryCode.of({ tenantId: T, userId: ada.id, codeHash: 'hash(ada)' }));
      for (const userId of [user.id, ada.id]) p.activationTokens.add(ActivationToken.issue({ tenantId: T, userId, secretHash: `hash(${userId})`, validForHours: 1, purpose: 'password_reset' }, p.clock.now()));
      await new ProfileHolder(p).eraseSubject(subjectOf(user.id));
      expect(p.users.users).to.deep.equal([ada]);
      expect(p.recoveryCodes.codes.map((c) => c.userId)).to.deep.equal([ada.id]);
      expect(p.activationTokens.tokens.map((t) => t.userId)).to.deep.equal([ada.id]);
    });

    it('purges a deactivated account down to name and e-mail, and leaves an account that is not deactivated as it is', async () => {
      const p = world();
      const { user } = mo(p);
      const holder = new ProfileHolder(p);
      await holder.purgeSubject(subjectOf(user.id));
      expect(user).to.deep.include({ phone: '+31612345678', passwordHash: `hashed:${PASSWORD}`, purgedAt: null });
      valueOf(user.deactivate(p.clock.now()));
      p.clock.advance(60_000);
      await holder.purgeSubject(subjectOf(user.id));
      expect(user).to.deep.include({ name: 'Mo Lid', email: 'mo@oost.example', phone: null, jobTitle: null, location: null, passwordHash: null, legalBasisNote: null, purgedAt: p.clock.now() });
      // Someone erased meanwhile is no reason to fail the run.
      await holder.purgeSubject(subjectOf(OTHER_TENANT));
      expect(p.users.users).to.deep.equal([user]);
    });
  });

  describe('GroupsHolder', () => {
    it("exports the groups a person is in and erases their memberships only (the groups and others' memberships stay)", async () => {
      const p = world();
      const { user, group } = mo(p);
      const ada = activeUser(p, { email: 'ada@oost.example', name: 'Ada Admin', roles: ['admin'] });
      p.groups.addMembership(GroupMembership.of({ tenantId: T, groupId: group.id, userId: ada.id }, p.clock.now()));
      const holder = new GroupsHolder(p);
      expect(holder.category).to.equal('groups');
      expect(await holder.exportSubject({ tenantId: T, userId: user.id })).to.deep.equal([{ groupId: group.id, name: 'Ploeg A', type: 'team' }]);
      await holder.eraseSubject(subjectOf(user.id));
      expect(await holder.exportSubject({ tenantId: T, userId: user.id })).to.deep.equal([]);
      expect(p.groups.groups).to.deep.equal([group]);
      expect(p.groups.memberships.map((m) => m.userId)).to.deep.equal([ada.id]);
    });
  });

  describe('DevicesHolder', () => {
    it('exports every device session, revoked ones too, and erases the sessions with their refresh tokens', async () => {
      const p = world();
      const { user, session } = mo(p);
      session.revoke('signed_out', p.clock.now());
      const current = await p.sessionsOf.start(user, { ...device, name: 'Pixel van Mo', platform: 'android' });
      const holder = new DevicesHolder(p);
      expect(holder.category).to.equal('devices');
      expect(await holder.exportSubject({ tenantId: T, userId: user.id })).to.deep.equal([
        { sessionId: session.id, deviceName: 'iPhone van Mo', platform: 'ios', appVersion: '3.1.0', createdAt: p.clock.now(), lastSeenAt: session.lastSeenAt, revokedAt: p.clock.now() },
        { sessionId: current.sessionId, deviceName: 'Pixel van Mo', platform: 'android', appVersion: '3.1.0', createdAt: p.clock.now(), lastSeenAt: session.lastSeenAt, revokedAt: null },
      ]);
      expect(p.sessions.refreshTokens).to.have.length(2);
      await holder.eraseSubject(subjectOf(user.id));
      expect(p.sessions.sessions).to.deep.equal([]);
      expect(p.sessions.refreshTokens).to.deep.equal([]);
      expect(await holder.exportSubject({ tenantId: T, userId: user.id })).to.deep.equal([]);
    });
  });
});
