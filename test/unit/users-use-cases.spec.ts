import { expect } from 'chai';
import { ActivateAccount } from '../../src/modules/users/application/activate-account.js';
import { CreateApiKey, ListApiKeys, RevokeApiKey } from '../../src/modules/users/application/api-keys.js';
import { CreateUser } from '../../src/modules/users/application/create-user.js';
import { DeactivateUser } from '../../src/modules/users/application/deactivate-user.js';
import { GetUser } from '../../src/modules/users/application/get-user.js';
import { AddGroupMember, CreateGroup, DeleteGroup, GetGroup, ListGroupMembers, ListGroups, RemoveGroupMember, UpdateGroup } from '../../src/modules/users/application/groups.js';
import { ListUsers } from '../../src/modules/users/application/list-users.js';
import { ReactivateUser } from '../../src/modules/users/application/reactivate-user.js';
import { ResendInvitation } from '../../src/modules/users/application/resend-invitation.js';
import { SignInUser } from '../../src/modules/users/application/sign-in-user.js';
import { UpdateUser } from '../../src/modules/users/application/update-user.js';
import { DeviceSession } from '../../src/modules/users/domain/session.js';
import {
  ActivationTokenExpired,
  ActivationTokenUsed,
  EmailTaken,
  GroupNameTaken,
  InvalidActivationToken,
  InvalidCredentials,
  InvalidUser,
  LastAdmin,
  UserNotInvited,
  UserStatusConflict,
  WeakPassword,
} from '../../src/modules/users/domain/user.errors.js';
import { NotFound, TenantSuspended } from '../../src/platform/domain/errors.js';
import { TooManyAttempts } from '../../src/platform/security/brute-force.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';
import { OTHER_TENANT, PASSWORD, T, activeUser, device, withAdmin, world, type World } from '../support/in-memory/users-world.js';

describe('users use cases (in-memory ports)', () => {
  describe('CreateUser (through Invitations)', () => {
    it('stores an invited user with their groups, an activation link valid for the set hours, mails the link in the tenant language and audits it', async () => {
      const p = world();
      const { actor } = withAdmin(p);
      const group = valueOf(await new CreateGroup(p).execute({ actor, name: 'Ploeg A', type: 'team', description: null })).group;
      const user = valueOf(await new CreateUser(p, p.invitations).execute({ actor, email: ' Mo@Oost.example ', name: 'Mo Lid', roles: ['member'], groupIds: [group.id, group.id], legalBasis: 'contract' }));
      expect(user).to.deep.include({ email: 'mo@oost.example', status: 'invited', passwordHash: null, legalBasis: 'contract' });
      expect(p.users.users).to.include(user);
      expect(p.groups.memberships.map((m) => [m.groupId, m.userId])).to.deep.equal([[group.id, user.id]]);
      const [token] = p.activationTokens.tokens;
      expect(token).to.deep.include({ userId: user.id, purpose: 'activation', secretHash: 'hash(secret-00000000000000000000000000000001)', usedAt: null });
      expect(token!.expiresAt.getTime() - p.clock.now().getTime()).to.equal(72 * 3600_000);
      expect(p.mailer.sent).to.have.length(1);
      expect(p.mailer.sent[0]!.to).to.equal('mo@oost.example');
      expect(p.mailer.sent[0]!.subject).to.equal('Uitnodiging voor Gemeente Oost op het crisisplatform');
      expect(p.mailer.sent[0]!.text).to.include(`https://crisis.example/activate#token=${T}.secret-00000000000000000000000000000001`);
      expect(p.audit.entries.at(-1)).to.deep.include({ action: 'user.created', subjectId: user.id, details: { roles: ['member'], groupIds: [group.id] } });
    });

    it('refuses a group of no one (NotFound), a taken e-mail address (EmailTaken) and bad details (InvalidUser), storing and mailing nothing', async () => {
      const p = world();
      const { actor } = withAdmin(p);
      const create = new CreateUser(p, p.invitations);
      expect(errorOf(await create.execute({ actor, email: 'mo@oost.example', name: 'Mo', roles: ['member'], groupIds: [OTHER_TENANT] }))).to.be.instanceOf(NotFound);
      expect(errorOf(await create.execute({ actor, email: 'ADA@oost.example', name: 'Ada twee', roles: ['member'] }))).to.be.instanceOf(EmailTaken);
      const invalid = errorOf(await create.execute({ actor, email: 'geen-adres', name: 'Mo', roles: ['member'] }));
      expect(invalid).to.be.instanceOf(InvalidUser);
      expect(invalid.fields[0]!.pointer).to.equal('/email');
      expect((errorOf(await create.execute({ actor, email: 'mo@oost.example', name: 'Mo', roles: [] })) as InvalidUser).fields[0]!.pointer).to.equal('/roles');
      expect(p.users.users).to.have.length(1);
      expect(p.activationTokens.tokens).to.deep.equal([]);
      expect(p.mailer.sent).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('ActivateAccount', () => {
    async function invited(p: World) {
      const { actor } = withAdmin(p);
      const user = valueOf(await new CreateUser(p, p.invitations).execute({ actor, email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] }));
      return { user, token: `${T}.${p.secrets.issued.at(-1)!}` };
    }
    const activate = (p: World) => new ActivateAccount(p);

    it('activates the account in the tenant the link names, with the hashed password, using up the link, audited', async () => {
      const p = world();
      const { user, token } = await invited(p);
      expect(valueOf(await activate(p).execute({ token, password: PASSWORD }))).to.deep.equal({ tenantId: T, userId: user.id });
      expect(p.transaction.entered).to.deep.equal([T]);
      expect(user).to.deep.include({ status: 'active', passwordHash: `hashed:${PASSWORD}`, activatedAt: p.clock.now() });
      expect(p.activationTokens.tokens[0]!.usedAt).to.deep.equal(p.clock.now());
      expect(p.audit.entries.at(-1)).to.deep.include({ action: 'account.activated', actorId: user.id, subjectId: user.id });
    });

    it('refuses a malformed or unknown link (InvalidActivationToken), a used one (ActivationTokenUsed) and an expired one (ActivationTokenExpired)', async () => {
      const p = world();
      const { user, token } = await invited(p);
      expect(errorOf(await activate(p).execute({ token: 'niet-een-token', password: PASSWORD }))).to.be.instanceOf(InvalidActivationToken);
      expect(p.transaction.entered).to.deep.equal([]);
      expect(errorOf(await activate(p).execute({ token: `${T}.secret-99999999999999999999999999999999`, password: PASSWORD }))).to.be.instanceOf(InvalidActivationToken);
      p.clock.advance(72 * 3600_000);
      expect(errorOf(await activate(p).execute({ token, password: PASSWORD }))).to.be.instanceOf(ActivationTokenExpired);
      expect(user.status).to.equal('invited');
      p.activationTokens.tokens[0]!.usedAt = p.clock.now();
      expect(errorOf(await activate(p).execute({ token, password: PASSWORD }))).to.be.instanceOf(ActivationTokenUsed);
      expect(user.status).to.equal('invited');
    });

    it('refuses a short or common password (WeakPassword) and an account activated already (UserNotInvited), leaving the account as it was', async () => {
      const p = world();
      const { user, token } = await invited(p);
      expect((errorOf(await activate(p).execute({ token, password: 'kort' })) as WeakPassword).fields[0]!.pointer).to.equal('/password');
      p.activationTokens.tokens[0]!.usedAt = null;
      expect(errorOf(await activate(p).execute({ token, password: 'Wachtwoord123' }))).to.be.instanceOf(WeakPassword);
      expect(user).to.deep.include({ status: 'invited', passwordHash: null });
      p.activationTokens.tokens[0]!.usedAt = null;
      valueOf(user.activate('hashed:earlier', p.clock.now()));
      expect(errorOf(await activate(p).execute({ token, password: PASSWORD }))).to.be.instanceOf(UserNotInvited);
      expect(user.passwordHash).to.equal('hashed:earlier');
      expect(p.audit.actions()).to.not.include('account.activated');
    });
  });

  describe('ResendInvitation', () => {
    it('withdraws the open link, mails a new one and audits it; refuses an active user (UserStatusConflict) and an unknown one (NotFound)', async () => {
      const p = world();
      const { actor, admin } = withAdmin(p);
      const user = valueOf(await new CreateUser(p, p.invitations).execute({ actor, email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] }));
      const resend = new ResendInvitation(p, p.invitations);
      valueOf(await resend.execute({ actor, userId: user.id }));
      expect(p.activationTokens.tokens.map((t) => t.usedAt !== null)).to.deep.equal([true, false]);
      expect(p.mailer.sent).to.have.length(2);
      expect(p.mailer.sent[1]!.text).to.include(`${T}.secret-00000000000000000000000000000002`);
      expect(p.audit.entries.at(-1)).to.deep.include({ action: 'user.invitation_resent', subjectId: user.id });
      expect(errorOf(await resend.execute({ actor, userId: admin.id }))).to.be.instanceOf(UserStatusConflict);
      expect(errorOf(await resend.execute({ actor, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(p.mailer.sent).to.have.length(2);
    });
  });

  describe('UpdateUser', () => {
    it('changes details and roles, auditing the update and the role change and publishing the profile change', async () => {
      const p = world();
      const { actor } = withAdmin(p);
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const { user } = valueOf(await new UpdateUser(p).execute({ actor, userId: mo.id, changes: { name: 'Mo de Coördinator', roles: ['coordinator'] } }));
      expect(user).to.deep.include({ name: 'Mo de Coördinator', roles: ['coordinator'] });
      expect(p.audit.entries.map((e) => [e.action, e.details])).to.deep.equal([
        ['user.updated', { fields: ['name', 'roles'] }],
        ['user.roles_changed', { from: ['member'], to: ['coordinator'] }],
      ]);
      expect(p.events.published).to.deep.equal([{ type: 'user.profile_changed', tenantId: T, userId: mo.id }]);
    });

    it('refuses a taken e-mail address (EmailTaken), taking the last admin role (LastAdmin), bad details (InvalidUser) and an unknown user (NotFound)', async () => {
      const p = world();
      const { actor, admin } = withAdmin(p);
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const update = new UpdateUser(p);
      expect(errorOf(await update.execute({ actor, userId: mo.id, changes: { email: 'ADA@oost.example' } }))).to.be.instanceOf(EmailTaken);
      expect(errorOf(await update.execute({ actor, userId: admin.id, changes: { roles: ['member'] } }))).to.be.instanceOf(LastAdmin);
      expect(errorOf(await update.execute({ actor, userId: mo.id, changes: { name: '  ' } }))).to.be.instanceOf(InvalidUser);
      expect(errorOf(await update.execute({ actor, userId: OTHER_TENANT, changes: { name: 'X' } }))).to.be.instanceOf(NotFound);
      expect(admin.roles).to.deep.equal(['admin']);
      expect(mo).to.deep.include({ email: 'mo@oost.example', name: 'Mo Lid' });
      expect(p.audit.entries).to.deep.equal([]);
      expect(p.events.published).to.deep.equal([]);
      activeUser(p, { email: 'bea@oost.example', name: 'Bea Admin', roles: ['admin'] });
      valueOf(await update.execute({ actor, userId: admin.id, changes: { roles: ['member'] } }));
      expect(admin.roles).to.deep.equal(['member']);
    });
  });

  describe('DeactivateUser and ReactivateUser', () => {
    it('deactivates a user, ends their sessions, audits how many and publishes the change; reactivates them to where they were', async () => {
      const p = world();
      const { actor } = withAdmin(p);
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      p.sessions.add(DeviceSession.start({ tenantId: T, userId: mo.id, device }, p.clock.now()));
      p.sessions.add(DeviceSession.start({ tenantId: T, userId: mo.id, device }, p.clock.now()));
      valueOf(await new DeactivateUser(p, p.sessionsOf).execute({ actor, userId: mo.id }));
      expect(mo.status).to.equal('deactivated');
      expect(p.sessions.sessions.map((s) => s.revokeReason)).to.deep.equal(['user_deactivated', 'user_deactivated']);
      expect(p.audit.entries[0]).to.deep.include({ action: 'user.deactivated', subjectId: mo.id, details: { sessionsRevoked: 2 } });
      valueOf(await new ReactivateUser(p).execute({ actor, userId: mo.id }));
      expect(mo.status).to.equal('active');
      expect(p.audit.actions()).to.deep.equal(['user.deactivated', 'user.reactivated']);
      expect(p.events.published.map((e) => e.type)).to.deep.equal(['user.profile_changed', 'user.profile_changed']);
    });

    it('refuses the last admin (LastAdmin), a user deactivated already or not deactivated (UserStatusConflict) and an unknown one (NotFound)', async () => {
      const p = world();
      const { actor, admin } = withAdmin(p);
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const deactivate = new DeactivateUser(p, p.sessionsOf);
      const reactivate = new ReactivateUser(p);
      expect(errorOf(await deactivate.execute({ actor, userId: admin.id }))).to.be.instanceOf(LastAdmin);
      expect(errorOf(await reactivate.execute({ actor, userId: mo.id }))).to.be.instanceOf(UserStatusConflict);
      valueOf(await deactivate.execute({ actor, userId: mo.id }));
      expect(errorOf(await deactivate.execute({ actor, userId: mo.id }))).to.be.instanceOf(UserStatusConflict);
      expect(errorOf(await deactivate.execute({ actor, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(errorOf(await reactivate.execute({ actor, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(admin.status).to.equal('active');
      expect(p.audit.actions()).to.deep.equal(['user.deactivated']);
    });
  });

  describe('GetUser and ListUsers', () => {
    it("records a read of each other person's profile shown (not the caller's own), and answers NotFound for an unknown user", async () => {
      const p = world();
      const { actor, admin } = withAdmin(p);
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      expect(valueOf(await new GetUser(p).execute({ actor, userId: mo.id })).user).to.equal(mo);
      const page = await new ListUsers(p).execute({ actor, page: 1, pageSize: 10 });
      expect(page.items.map((i) => i.user.id)).to.deep.equal([admin.id, mo.id]);
      expect(page.total).to.equal(2);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([
        ['personal_data.read', mo.id, { category: 'profile' }],
        ['personal_data.read', mo.id, { category: 'profile' }],
      ]);
      expect(errorOf(await new GetUser(p).execute({ actor, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(p.audit.entries).to.have.length(2);
    });
  });

  describe('groups', () => {
    it('creates, renames and deletes a group, auditing each; a name in use is refused (GroupNameTaken), an empty one too (InvalidUser)', async () => {
      const p = world();
      const { actor } = withAdmin(p);
      const create = new CreateGroup(p);
      const { group } = valueOf(await create.execute({ actor, name: ' Ploeg A ', type: 'team', description: null }));
      expect(p.groups.groups).to.deep.equal([group]);
      expect(group.name).to.equal('Ploeg A');
      expect(errorOf(await create.execute({ actor, name: 'ploeg a', type: 'team', description: null }))).to.be.instanceOf(GroupNameTaken);
      expect(errorOf(await create.execute({ actor, name: ' ', type: 'team', description: null }))).to.be.instanceOf(InvalidUser);
      const other = valueOf(await create.execute({ actor, name: 'Ploeg B', type: 'location', description: null })).group;
      const update = new UpdateGroup(p);
      expect(errorOf(await update.execute({ actor, groupId: other.id, changes: { name: 'Ploeg A' } }))).to.be.instanceOf(GroupNameTaken);
      expect(valueOf(await update.execute({ actor, groupId: group.id, changes: { name: 'Ploeg A', description: 'Noord' } })).group.description).to.equal('Noord');
      expect(errorOf(await update.execute({ actor, groupId: OTHER_TENANT, changes: { name: 'X' } }))).to.be.instanceOf(NotFound);
      expect(errorOf(await update.execute({ actor, groupId: group.id, changes: { name: '  ' } }))).to.be.instanceOf(InvalidUser);
      expect(group.name).to.equal('Ploeg A');
      expect((await new ListGroups(p).execute({ actor, page: 1, pageSize: 10, type: 'team' })).items.map((v) => v.group.id)).to.deep.equal([group.id]);
      valueOf(await new DeleteGroup(p).execute({ actor, groupId: other.id }));
      expect(errorOf(await new DeleteGroup(p).execute({ actor, groupId: other.id }))).to.be.instanceOf(NotFound);
      expect(p.groups.groups).to.deep.equal([group]);
      expect(p.audit.actions()).to.deep.equal(['group.created', 'group.created', 'group.updated', 'group.deleted']);
    });

    it('adds and removes a member once (repeating changes nothing), lists members as reads, and answers NotFound for an unknown group or user', async () => {
      const p = world();
      const { actor } = withAdmin(p);
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const { group } = valueOf(await new CreateGroup(p).execute({ actor, name: 'Ploeg A', type: 'team', description: null }));
      const add = new AddGroupMember(p);
      valueOf(await add.execute({ actor, groupId: group.id, userId: mo.id }));
      valueOf(await add.execute({ actor, groupId: group.id, userId: mo.id }));
      expect(p.groups.memberships.map((m) => m.userId)).to.deep.equal([mo.id]);
      expect(valueOf(await new GetGroup(p).execute({ actor, groupId: group.id })).memberCount).to.equal(1);
      expect(valueOf(await new ListGroupMembers(p).execute({ actor, groupId: group.id, page: 1, pageSize: 10 })).items.map((i) => [i.user.id, i.groupIds])).to.deep.equal([[mo.id, [group.id]]]);
      expect(errorOf(await add.execute({ actor, groupId: OTHER_TENANT, userId: mo.id }))).to.be.instanceOf(NotFound);
      expect(errorOf(await add.execute({ actor, groupId: group.id, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(errorOf(await new ListGroupMembers(p).execute({ actor, groupId: OTHER_TENANT, page: 1, pageSize: 10 }))).to.be.instanceOf(NotFound);
      expect(errorOf(await new GetGroup(p).execute({ actor, groupId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      const remove = new RemoveGroupMember(p);
      valueOf(await remove.execute({ actor, groupId: group.id, userId: mo.id }));
      valueOf(await remove.execute({ actor, groupId: group.id, userId: mo.id }));
      expect(errorOf(await remove.execute({ actor, groupId: group.id, userId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(p.groups.memberships).to.deep.equal([]);
      expect(p.audit.actions()).to.deep.equal(['group.created', 'group.member_added', 'personal_data.read', 'group.member_removed']);
    });
  });

  describe('API keys', () => {
    it('creates a key shown once (only its hash stored), lists it and revokes it, auditing both; refuses an unnamed key or no scopes (InvalidUser) and an unknown id (NotFound)', async () => {
      const p = world();
      const { actor } = withAdmin(p);
      const create = new CreateApiKey(p, (id, tenantId, secret) => `cpk_${id}.${tenantId}.${secret}`);
      const { apiKey, key } = valueOf(await create.execute({ actor, name: ' Meldkamer ', scopes: ['incidents:read', 'incidents:read'] }));
      expect(key).to.equal(`cpk_${apiKey.id}.${T}.secret-00000000000000000000000000000001`);
      expect(apiKey).to.deep.include({ name: 'Meldkamer', scopes: ['incidents:read'], secretHash: 'hash(secret-00000000000000000000000000000001)', revokedAt: null });
      expect(await new ListApiKeys(p).execute({ actor })).to.deep.equal([apiKey]);
      expect(errorOf(await create.execute({ actor, name: '', scopes: ['incidents:read'] })).fields[0]!.pointer).to.equal('/name');
      expect(errorOf(await create.execute({ actor, name: 'X', scopes: [] })).fields[0]!.pointer).to.equal('/scopes');
      valueOf(await new RevokeApiKey(p).execute({ actor, apiKeyId: apiKey.id }));
      expect(apiKey.revokedAt).to.deep.equal(p.clock.now());
      expect(errorOf(await new RevokeApiKey(p).execute({ actor, apiKeyId: OTHER_TENANT }))).to.be.instanceOf(NotFound);
      expect(p.apiKeys.keys).to.have.length(1);
      expect(p.audit.actions()).to.deep.equal(['api_key.created', 'api_key.revoked']);
    });
  });

  describe('SignInUser', () => {
    const signIn = (p: World) => new SignInUser(p, p.sessionsOf);
    const command = { tenant: ' Gemeente ', email: 'MO@oost.example', password: PASSWORD, device, clientAddress: '192.0.2.9', userAgent: 'app' };

    it('starts a session with an access and a refresh token, clears the failure count and audits the sign-in', async () => {
      const p = world();
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      const outcome = valueOf(await signIn(p).execute(command));
      if (outcome.status !== 'authenticated') throw new Error(`expected authenticated, got ${outcome.status}`);
      expect(p.transaction.entered).to.deep.equal([T]);
      expect(p.sessions.sessions).to.have.length(1);
      expect(p.sessions.sessions[0]).to.deep.include({ id: outcome.sessionId, userId: mo.id, deviceName: 'iPhone van Mo', platform: 'ios' });
      expect(outcome.refreshToken).to.equal(`${T}.secret-00000000000000000000000000000001`);
      expect(p.sessions.refreshTokens[0]).to.deep.include({ sessionId: outcome.sessionId, tokenHash: 'hash(secret-00000000000000000000000000000001)' });
      expect(await p.accessTokens.verify(outcome.accessToken)).to.deep.include({ tenantId: T, userId: mo.id, sessionId: outcome.sessionId });
      expect(p.bruteForce.successes).to.deep.equal(['login|gemeente/mo@oost.example']);
      expect(p.audit.entries[0]).to.deep.include({ action: 'auth.login.succeeded', actorId: mo.id, clientAddress: '192.0.2.9', details: { sessionId: outcome.sessionId, platform: 'ios', secondFactorEnrolmentRequired: false } });
    });

    it('answers a second-factor challenge instead of a session when the user has one', async () => {
      const p = world();
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      mo.totpSecretSealed = 'sealed::totp';
      const outcome = valueOf(await signIn(p).execute(command));
      expect(outcome.status).to.equal('second_factor_required');
      expect(p.sessions.sessions).to.deep.equal([]);
      expect(p.audit.actions()).to.deep.equal(['auth.login.password_accepted']);
    });

    it('answers a wrong password, an unknown account and an unknown tenant alike (InvalidCredentials), counting each failure and recording the attempt detached', async () => {
      const p = world();
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      expect(errorOf(await signIn(p).execute({ ...command, password: 'verkeerd wachtwoord' }))).to.be.instanceOf(InvalidCredentials);
      expect(errorOf(await signIn(p).execute({ ...command, email: 'niemand@oost.example' }))).to.be.instanceOf(InvalidCredentials);
      expect(errorOf(await signIn(p).execute({ ...command, tenant: 'elders' }))).to.be.instanceOf(InvalidCredentials);
      expect(p.detachedReasons()).to.deep.equal([
        { subjectId: mo.id, details: { reason: 'wrong_password' } },
        { subjectId: null, details: { emailHash: 'fingerprint(sign-in e-mail:niemand@oost.example)', reason: 'unknown_account' } },
      ]);
      expect([...p.bruteForce.failures]).to.deep.equal([
        ['login|gemeente/mo@oost.example', 1],
        ['login|gemeente/niemand@oost.example', 1],
        ['login|elders/mo@oost.example', 1],
      ]);
      expect(p.sessions.sessions).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('refuses a deactivated account (InvalidCredentials), a suspended tenant (TenantSuspended) and, after the limit, throws TooManyAttempts', async () => {
      const p = world();
      const mo = activeUser(p, { email: 'mo@oost.example', name: 'Mo Lid', roles: ['member'] });
      valueOf(mo.deactivate(p.clock.now()));
      expect(errorOf(await signIn(p).execute(command))).to.be.instanceOf(InvalidCredentials);
      expect(p.detachedReasons()).to.deep.equal([{ subjectId: mo.id, details: { reason: 'account_deactivated' } }]);
      valueOf(mo.reactivate(p.clock.now()));
      p.tenants.tenants[0]!.suspended = true;
      expect(errorOf(await signIn(p).execute(command))).to.be.instanceOf(TenantSuspended);
      expect(p.sessions.sessions).to.deep.equal([]);
      p.bruteForce.failures.set('login|gemeente/mo@oost.example', 5);
      let thrown: unknown = null;
      await signIn(p).execute(command).catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(TooManyAttempts);
    });
  });
});
