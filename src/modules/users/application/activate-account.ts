import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { Transaction } from '../../../platform/database/transaction.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { checkPassword } from '../domain/password-policy.js';
import {
  InvalidActivationToken,
  type ActivationTokenExpired,
  type ActivationTokenUsed,
  type UserNotInvited,
  type WeakPassword,
} from '../domain/user.errors.js';
import type { ActivationTokenRepository, CommonPasswords, PasswordHasher, SecretTokens, UserRepository } from '../ports.js';
import { parseActivationToken } from './invitation-mail.js';

export interface ActivateAccountCommand {
  token: string;
  password: string;
}

export type ActivateAccountFailure =
  | InvalidActivationToken
  | ActivationTokenUsed
  | ActivationTokenExpired
  | UserNotInvited
  | WeakPassword;

export class ActivateAccount {
  constructor(
    private readonly transaction: Transaction,
    private readonly users: UserRepository,
    private readonly tokens: ActivationTokenRepository,
    private readonly secrets: SecretTokens,
    private readonly hasher: PasswordHasher,
    private readonly commonPasswords: CommonPasswords,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: ActivateAccountCommand): Promise<Result<{ tenantId: string; userId: string }, ActivateAccountFailure>> {
    const parsed = parseActivationToken(command.token);
    if (!parsed) return fail(new InvalidActivationToken());
    await this.transaction.enterTenant(parsed.tenantId);

    const token = await this.tokens.bySecretHash(parsed.tenantId, this.secrets.hash(parsed.secret));
    if (token?.purpose !== 'activation') return fail(new InvalidActivationToken());
    const now = this.clock.now();
    const redeemed = token.redeem(now);
    if (!redeemed.ok) return redeemed;

    const strong = checkPassword(command.password, this.commonPasswords.list());
    if (!strong.ok) return strong;

    const user = await this.users.byId(parsed.tenantId, token.userId);
    if (!user) return fail(new InvalidActivationToken());
    const activated = user.activate(await this.hasher.hash(command.password), now);
    if (!activated.ok) return activated;
    this.audit.record({ tenantId: user.tenantId, action: 'account.activated', actorType: 'user', actorId: user.id, subjectType: 'user', subjectId: user.id });
    return ok({ tenantId: user.tenantId, userId: user.id });
  }
}
