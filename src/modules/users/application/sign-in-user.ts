import { randomUUID } from 'node:crypto';
import type { AccessTokens, IssuedToken } from '../../../platform/auth/access-tokens.js';
import type { Transaction } from '../../../platform/database/transaction.js';
import { TenantSuspended } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { normaliseEmail } from '../domain/user.js';
import { InvalidCredentials } from '../domain/user.errors.js';
import type { PasswordHasher, TenantDirectory, UserRepository } from '../ports.js';

export interface SignInUserCommand {
  tenant: string;
  email: string;
  password: string;
}

/**
 * Password sign-in to one tenant. Unknown tenant, unknown e-mail and wrong password answer
 * alike, and take the same time, so the answer does not tell which accounts exist.
 */
export class SignInUser {
  constructor(
    private readonly transaction: Transaction,
    private readonly tenants: TenantDirectory,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
  ) {}

  async execute(command: SignInUserCommand): Promise<Result<IssuedToken, InvalidCredentials | TenantSuspended>> {
    const tenant = await this.tenants.bySlug(command.tenant.trim().toLowerCase());
    if (!tenant) return this.refuse(command.password);
    await this.transaction.enterTenant(tenant.id);
    const user = await this.users.byEmail(tenant.id, normaliseEmail(command.email));
    if (!user?.canSignIn() || !user.passwordHash) return this.refuse(command.password);
    if (!(await this.hasher.verify(user.passwordHash, command.password))) return fail(new InvalidCredentials());
    if (tenant.suspended) return fail(new TenantSuspended());
    return ok(await this.tokens.issue({ kind: 'user', tenantId: tenant.id, userId: user.id, roles: user.roles }));
  }

  private dummyHash: Promise<string> | null = null;

  private async refuse(password: string): Promise<Result<never, InvalidCredentials>> {
    this.dummyHash ??= this.hasher.hash(randomUUID());
    await this.hasher.verify(await this.dummyHash, password);
    return fail(new InvalidCredentials());
  }
}
