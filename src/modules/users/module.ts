import type { Passport } from '../../platform/http/authentication.js';
import { ContainerModule } from 'inversify';
import type { AccessTokens } from '../../platform/auth/access-tokens.js';
import type { Config } from '../../platform/config/config.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import type { Clock } from '../../platform/domain/clock.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { TenantLookup } from '../tenants/application/tenant-lookup.js';
import type { TenantCreated } from '../tenants/domain/events.js';
import { TENANTS_APP } from '../tenants/application/tokens.js';
import { Argon2PasswordHasher } from './adapters/argon2-password-hasher.js';
import {
  MikroOrmActivationTokenRepository,
  MikroOrmOperatorRepository,
  MikroOrmUserRepository,
} from './adapters/mikro-orm-user.repositories.js';
import { RandomSecretTokens } from './adapters/random-secret-tokens.js';
import { TenantLookupDirectory } from './adapters/tenant-directory.js';
import { ActivationTokenSchema, OperatorSchema, UserSchema } from './adapters/user.schema.js';
import { ZxcvbnCommonPasswords } from './adapters/zxcvbn-common-passwords.js';
import { ActivateAccount } from './application/activate-account.js';
import { CreateOperator } from './application/create-operator.js';
import { EnsureUsers } from './application/ensure-users.js';
import { GetUser } from './application/get-user.js';
import { InviteFirstAdmin } from './application/invite-first-admin.js';
import { Invitations } from './application/invitations.js';
import { ListUsers } from './application/list-users.js';
import { SignInOperator } from './application/sign-in-operator.js';
import { SignInUser } from './application/sign-in-user.js';
import { authRouter } from './http/auth.router.js';
import { pagesRouter } from './http/pages.router.js';
import { usersRouter } from './http/users.router.js';
import {
  USERS,
  type ActivationTokenRepository,
  type CommonPasswords,
  type OperatorRepository,
  type PasswordHasher,
  type SecretTokens,
  type TenantDirectory,
  type UserRepository,
} from './ports.js';
import { USERS_APP } from './application/tokens.js';


const bindings = new ContainerModule(({ bind }) => {
  bind<UserRepository>(USERS.UserRepository).toResolvedValue((uow: UnitOfWork) => new MikroOrmUserRepository(uow), [PLATFORM.UnitOfWork]).inSingletonScope();
  bind<OperatorRepository>(USERS.OperatorRepository).toResolvedValue((uow: UnitOfWork) => new MikroOrmOperatorRepository(uow), [PLATFORM.UnitOfWork]).inSingletonScope();
  bind<ActivationTokenRepository>(USERS.ActivationTokenRepository)
    .toResolvedValue((uow: UnitOfWork) => new MikroOrmActivationTokenRepository(uow), [PLATFORM.UnitOfWork])
    .inSingletonScope();
  bind<PasswordHasher>(USERS.PasswordHasher).toConstantValue(new Argon2PasswordHasher());
  bind<SecretTokens>(USERS.SecretTokens).toConstantValue(new RandomSecretTokens());
  bind<CommonPasswords>(USERS.CommonPasswords).toConstantValue(new ZxcvbnCommonPasswords());
  bind<TenantDirectory>(USERS.TenantDirectory).toResolvedValue((lookup: TenantLookup) => new TenantLookupDirectory(lookup), [TENANTS_APP.TenantLookup]).inSingletonScope();

  bind(USERS_APP.Invitations)
    .toResolvedValue(
      (users: UserRepository, tokens: ActivationTokenRepository, secrets: SecretTokens, tenants: TenantDirectory, mailer: Mailer, clock: Clock, config: Config) =>
        new Invitations(users, tokens, secrets, tenants, mailer, clock, { publicUrl: config.PUBLIC_URL, activationValidHours: config.ACTIVATION_TOKEN_TTL_HOURS }),
      [USERS.UserRepository, USERS.ActivationTokenRepository, USERS.SecretTokens, USERS.TenantDirectory, PLATFORM.Mailer, PLATFORM.Clock, PLATFORM.Config],
    )
    .inSingletonScope();
  bind(USERS_APP.ActivateAccount)
    .toResolvedValue(
      (uow: UnitOfWork, users: UserRepository, tokens: ActivationTokenRepository, secrets: SecretTokens, hasher: PasswordHasher, common: CommonPasswords, clock: Clock) =>
        new ActivateAccount(uow, users, tokens, secrets, hasher, common, clock),
      [PLATFORM.UnitOfWork, USERS.UserRepository, USERS.ActivationTokenRepository, USERS.SecretTokens, USERS.PasswordHasher, USERS.CommonPasswords, PLATFORM.Clock],
    )
    .inSingletonScope();
  bind(USERS_APP.SignInUser)
    .toResolvedValue(
      (uow: UnitOfWork, tenants: TenantDirectory, users: UserRepository, hasher: PasswordHasher, tokens: AccessTokens) =>
        new SignInUser(uow, tenants, users, hasher, tokens),
      [PLATFORM.UnitOfWork, USERS.TenantDirectory, USERS.UserRepository, USERS.PasswordHasher, PLATFORM.AccessTokens],
    )
    .inSingletonScope();
  bind(USERS_APP.SignInOperator)
    .toResolvedValue(
      (operators: OperatorRepository, hasher: PasswordHasher, tokens: AccessTokens, clock: Clock) => new SignInOperator(operators, hasher, tokens, clock),
      [USERS.OperatorRepository, USERS.PasswordHasher, PLATFORM.AccessTokens, PLATFORM.Clock],
    )
    .inSingletonScope();
  bind(USERS_APP.CreateOperator)
    .toResolvedValue(
      (operators: OperatorRepository, hasher: PasswordHasher, common: CommonPasswords, clock: Clock) => new CreateOperator(operators, hasher, common, clock),
      [USERS.OperatorRepository, USERS.PasswordHasher, USERS.CommonPasswords, PLATFORM.Clock],
    )
    .inSingletonScope();
  bind(USERS_APP.ListUsers).toResolvedValue((users: UserRepository) => new ListUsers(users), [USERS.UserRepository]).inSingletonScope();
  bind(USERS_APP.GetUser).toResolvedValue((users: UserRepository) => new GetUser(users), [USERS.UserRepository]).inSingletonScope();
  bind(USERS_APP.EnsureUsers)
    .toResolvedValue((users: UserRepository, invitations: Invitations, clock: Clock) => new EnsureUsers(users, invitations, clock), [
      USERS.UserRepository,
      USERS_APP.Invitations,
      PLATFORM.Clock,
    ])
    .inSingletonScope();
  bind(USERS_APP.InviteFirstAdmin).toResolvedValue((invitations: Invitations) => new InviteFirstAdmin(invitations), [USERS_APP.Invitations]).inSingletonScope();
});

export const usersModule: PlatformModule = {
  name: 'users',
  entities: [UserSchema, ActivationTokenSchema, OperatorSchema],
  bindings,
  pages: pagesRouter,
  router: (container) => {
    const endpoints = container.get<Endpoints>(PLATFORM.Endpoints);
    const router = authRouter({
      endpoints,
      passport: container.get<Passport>(PLATFORM.Passport),
      signInUser: container.get(USERS_APP.SignInUser),
      signInOperator: container.get(USERS_APP.SignInOperator),
      activateAccount: container.get(USERS_APP.ActivateAccount),
    });
    router.use(usersRouter({ endpoints, listUsers: container.get(USERS_APP.ListUsers), getUser: container.get(USERS_APP.GetUser) }));
    return router;
  },
  subscriptions: (container) => {
    const inviteFirstAdmin = container.get<InviteFirstAdmin>(USERS_APP.InviteFirstAdmin);
    container.get<EventBus>(PLATFORM.EventBus).subscribe<TenantCreated>('tenant.created', (event) => inviteFirstAdmin.handle(event));
  },
};
