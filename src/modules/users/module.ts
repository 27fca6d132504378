import { Router } from 'express';
import { ContainerModule } from 'inversify';
import type { AccessTokens } from '../../platform/auth/access-tokens.js';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { Config } from '../../platform/config/config.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../platform/privacy/personal-data.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import type { Clock } from '../../platform/domain/clock.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { composeApiKey, type Passport } from '../../platform/http/authentication.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { BruteForceGuard } from '../../platform/security/brute-force.js';
import { problemsOf } from '../../platform/domain/errors.js';
import { TENANTS_APP } from '../tenants/application/tokens.js';
import type { TenantLookup } from '../tenants/application/tenant-lookup.js';
import type { TenantCreated } from '../tenants/domain/events.js';
import { Argon2PasswordHasher } from './adapters/argon2-password-hasher.js';
import {
  MikroOrmAccountEraser,
  MikroOrmActivationTokenRepository,
  MikroOrmApiKeyRepository,
  MikroOrmGroupRepository,
  MikroOrmOperatorRepository,
  MikroOrmRecoveryCodeRepository,
  MikroOrmSessionRepository,
  MikroOrmUserRepository,
} from './adapters/mikro-orm-user.repositories.js';
import { RandomSecretTokens } from './adapters/random-secret-tokens.js';
import { RecoveryCodeGenerator } from './adapters/recovery-codes.js';
import { SpeakeasyTotp } from './adapters/speakeasy-totp.js';
import { TenantLookupDirectory } from './adapters/tenant-directory.js';
import { userEntities } from './adapters/user.schema.js';
import { ZxcvbnCommonPasswords } from './adapters/zxcvbn-common-passwords.js';
import { UsersAccessGate } from './application/access-gate.js';
import { ActivateAccount } from './application/activate-account.js';
import { CreateApiKey, ListApiKeys, RevokeApiKey } from './application/api-keys.js';
import { CompleteSecondFactor } from './application/complete-second-factor.js';
import { ConfirmPasswordReset } from './application/confirm-password-reset.js';
import { CreateOperator } from './application/create-operator.js';
import { CreateUser } from './application/create-user.js';
import { DeactivateUser } from './application/deactivate-user.js';
import type { UsersDeps } from './application/deps.js';
import { EnsureGroups } from './application/ensure-groups.js';
import { EnsureUsers } from './application/ensure-users.js';
import { GetUser } from './application/get-user.js';
import { AddGroupMember, CreateGroup, DeleteGroup, GetGroup, ListGroupMembers, ListGroups, RemoveGroupMember, UpdateGroup } from './application/groups.js';
import { InviteFirstAdmin } from './application/invite-first-admin.js';
import { Invitations } from './application/invitations.js';
import { ListUsers } from './application/list-users.js';
import { DevicesHolder, GroupsHolder, ProfileHolder, UserPrivacy } from './application/privacy.js';
import { PeopleDirectory } from './application/people-directory.js';
import { GetMe, ListSessions, RevokeMySession } from './application/me.js';
import { ReactivateUser } from './application/reactivate-user.js';
import { RefreshSession } from './application/refresh-session.js';
import { RequestPasswordReset } from './application/request-password-reset.js';
import { ResendInvitation } from './application/resend-invitation.js';
import { ResetUserSecondFactor } from './application/reset-user-second-factor.js';
import { RevokeUserSessions } from './application/revoke-user-sessions.js';
import { ConfirmSecondFactorEnrolment, DisableMySecondFactor, StartSecondFactorEnrolment } from './application/second-factor-enrolment.js';
import { Sessions } from './application/sessions.js';
import { SignInOperator } from './application/sign-in-operator.js';
import { SignInUser } from './application/sign-in-user.js';
import { SignOut } from './application/sign-out.js';
import { USERS_APP } from './application/tokens.js';
import { UpdateUser } from './application/update-user.js';
import { accountRecoveryRouter } from './http/account-recovery.router.js';
import { apiKeysRouter } from './http/api-keys.router.js';
import { authRouter } from './http/auth.router.js';
import { groupsRouter } from './http/groups.router.js';
import { meRouter } from './http/me.router.js';
import { usersRouter } from './http/users.router.js';
import type { UsersHttpDeps } from './http/users-http.js';
import * as userErrors from './domain/user.errors.js';

/** The application helpers several use cases share, built once per container. */
interface Shared {
  sessions: Sessions;
  invitations: Invitations;
}

/** How a use case is made from the module's deps (it takes its own part) and the shared helpers. */
type Make<T> = (d: UsersDeps, shared: Shared) => T;

const bindings = new ContainerModule(({ bind }) => {
  bind<UsersDeps>(USERS_APP.Deps)
    .toResolvedValue(
      (
        uow: UnitOfWork,
        clock: Clock,
        mailer: Mailer,
        audit: AuditLog,
        bruteForce: BruteForceGuard,
        accessTokens: AccessTokens,
        sealer: SecretBox,
        config: Config,
        lookup: TenantLookup,
        events: EventBus,
      ): UsersDeps => ({
        transaction: uow,
        users: new MikroOrmUserRepository(uow),
        groups: new MikroOrmGroupRepository(uow),
        operators: new MikroOrmOperatorRepository(uow),
        activationTokens: new MikroOrmActivationTokenRepository(uow),
        sessions: new MikroOrmSessionRepository(uow),
        apiKeys: new MikroOrmApiKeyRepository(uow),
        recoveryCodes: new MikroOrmRecoveryCodeRepository(uow),
        hasher: new Argon2PasswordHasher(),
        secrets: new RandomSecretTokens(),
        tenants: new TenantLookupDirectory(lookup),
        commonPasswords: new ZxcvbnCommonPasswords(),
        totp: new SpeakeasyTotp(),
        sealer,
        recoveryCodeGenerator: new RecoveryCodeGenerator(),
        mailer,
        clock,
        events,
        audit,
        bruteForce,
        accessTokens,
        settings: { publicUrl: config.PUBLIC_URL, activationValidHours: config.ACTIVATION_TOKEN_TTL_HOURS, totpIssuer: config.TOTP_ISSUER },
      }),
      [
        PLATFORM.UnitOfWork,
        PLATFORM.Clock,
        PLATFORM.Mailer,
        PLATFORM.AuditLog,
        PLATFORM.BruteForceGuard,
        PLATFORM.AccessTokens,
        PLATFORM.SecretBox,
        PLATFORM.Config,
        TENANTS_APP.TenantLookup,
        PLATFORM.EventBus,
      ],
    )
    .inSingletonScope();

  bind(USERS_APP.Sessions).toResolvedValue((d: UsersDeps) => new Sessions(d), [USERS_APP.Deps]).inSingletonScope();
  bind(USERS_APP.Invitations).toResolvedValue((d: UsersDeps) => new Invitations(d), [USERS_APP.Deps]).inSingletonScope();
  const useCase = <T>(id: symbol, make: Make<T>) =>
    bind<T>(id).toResolvedValue((d: UsersDeps, sessions: Sessions, invitations: Invitations) => make(d, { sessions, invitations }), [USERS_APP.Deps, USERS_APP.Sessions, USERS_APP.Invitations]).inSingletonScope();
  useCase(USERS_APP.ActivateAccount, (d) => new ActivateAccount(d));
  useCase(USERS_APP.SignInOperator, (d) => new SignInOperator(d));
  useCase(USERS_APP.CreateOperator, (d) => new CreateOperator(d));
  useCase(USERS_APP.ListUsers, (d) => new ListUsers(d));
  useCase(USERS_APP.GetUser, (d) => new GetUser(d));
  useCase(USERS_APP.EnsureUsers, (d, { invitations }) => new EnsureUsers(d, invitations));
  useCase(USERS_APP.EnsureGroups, (d) => new EnsureGroups(d));
  useCase(USERS_APP.PeopleDirectory, (d) => new PeopleDirectory(d));
  useCase(USERS_APP.InviteFirstAdmin, (_d, { invitations }) => new InviteFirstAdmin(invitations));
  useCase(USERS_APP.UserPrivacy, (d) => new UserPrivacy(d));
  useCase(PLATFORM.AccessGate, (d) => new UsersAccessGate(d));
  // Privacy: the account's part of access exports and erasure (profile, groups, devices).
  for (const Holder of [ProfileHolder, GroupsHolder, DevicesHolder]) {
    bind<PersonalDataHolder>(PERSONAL_DATA.Holder).toResolvedValue((d: UsersDeps, uow: UnitOfWork) => new Holder({ ...d, eraser: new MikroOrmAccountEraser(uow) }), [USERS_APP.Deps, PLATFORM.UnitOfWork]).inSingletonScope();
  }
});

function routes(container: Parameters<NonNullable<PlatformModule['router']>>[0]): Router {
  const d = container.get<UsersDeps>(USERS_APP.Deps);
  const sessions = container.get<Sessions>(USERS_APP.Sessions);
  const invitations = container.get<Invitations>(USERS_APP.Invitations);
  const uow = container.get<UnitOfWork>(PLATFORM.UnitOfWork);
  // The use cases only HTTP reaches are built here, from the same deps and helpers as the bound ones.
  const deps: UsersHttpDeps = {
    endpoints: container.get<Endpoints>(PLATFORM.Endpoints),
    passport: container.get<Passport>(PLATFORM.Passport),
    signInUser: new SignInUser(d, sessions),
    signInOperator: container.get(USERS_APP.SignInOperator),
    completeSecondFactor: new CompleteSecondFactor(d, sessions),
    refreshSession: new RefreshSession(d, sessions, (tenantId, work) => uow.afterwards(tenantId, work)),
    signOut: new SignOut(d),
    activateAccount: container.get(USERS_APP.ActivateAccount),
    requestPasswordReset: new RequestPasswordReset(d),
    confirmPasswordReset: new ConfirmPasswordReset(d, sessions),
    getMe: new GetMe(d),
    listSessions: new ListSessions(d),
    revokeMySession: new RevokeMySession(d),
    startEnrolment: new StartSecondFactorEnrolment(d),
    confirmEnrolment: new ConfirmSecondFactorEnrolment(d),
    disableSecondFactor: new DisableMySecondFactor(d),
    listUsers: container.get(USERS_APP.ListUsers),
    getUser: container.get(USERS_APP.GetUser),
    createUser: new CreateUser(d, invitations),
    updateUser: new UpdateUser(d),
    deactivateUser: new DeactivateUser(d, sessions),
    reactivateUser: new ReactivateUser(d),
    resendInvitation: new ResendInvitation(d, invitations),
    revokeUserSessions: new RevokeUserSessions(d, sessions),
    resetSecondFactor: new ResetUserSecondFactor(d, sessions),
    createGroup: new CreateGroup(d),
    listGroups: new ListGroups(d),
    getGroup: new GetGroup(d),
    updateGroup: new UpdateGroup(d),
    deleteGroup: new DeleteGroup(d),
    listMembers: new ListGroupMembers(d),
    addMember: new AddGroupMember(d),
    removeMember: new RemoveGroupMember(d),
    createApiKey: new CreateApiKey(d, composeApiKey),
    listApiKeys: new ListApiKeys(d),
    revokeApiKey: new RevokeApiKey(d),
  };
  const routers = [authRouter, accountRecoveryRouter, meRouter, usersRouter, groupsRouter, apiKeysRouter];
  return Router().use(...routers.map((router) => router(deps)));
}

export const usersModule: PlatformModule = {
  problems: problemsOf(userErrors),
  name: 'users',
  entities: userEntities,
  bindings,
  router: routes,
  subscriptions: (container) => {
    const inviteFirstAdmin = container.get<InviteFirstAdmin>(USERS_APP.InviteFirstAdmin);
    container.get<EventBus>(PLATFORM.EventBus).subscribe<TenantCreated>('tenant.created', (event) => inviteFirstAdmin.handle(event));
  },
};
