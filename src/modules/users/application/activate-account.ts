import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { checkPassword } from '../domain/password-policy.js';
import {
  InvalidActivationToken,
  type ActivationTokenExpired,
  type ActivationTokenUsed,
  type UserNotInvited,
  type WeakPassword,
} from '../domain/user.errors.js';
import { parseActivationToken } from './invitation-mail.js';
import type { UsersDeps } from './deps.js';

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
  constructor(private readonly d: Pick<UsersDeps, 'transaction' | 'users' | 'activationTokens' | 'secrets' | 'hasher' | 'commonPasswords' | 'clock' | 'audit'>) {}

  async execute(command: ActivateAccountCommand): Promise<Result<{ tenantId: string; userId: string }, ActivateAccountFailure>> {
    const parsed = parseActivationToken(command.token);
    if (!parsed) return fail(new InvalidActivationToken());
    await this.d.transaction.enterTenant(parsed.tenantId);

    const token = await this.d.activationTokens.bySecretHash(parsed.tenantId, this.d.secrets.hash(parsed.secret));
    if (token?.purpose !== 'activation') return fail(new InvalidActivationToken());
    const now = this.d.clock.now();
    const redeemed = token.redeem(now);
    if (!redeemed.ok) return redeemed;

    const strong = checkPassword(command.password, this.d.commonPasswords.list());
    if (!strong.ok) return strong;

    const user = await this.d.users.byId(parsed.tenantId, token.userId);
    if (!user) return fail(new InvalidActivationToken());
    const activated = user.activate(await this.d.hasher.hash(command.password), now);
    if (!activated.ok) return activated;
    this.d.audit.record({ tenantId: user.tenantId, action: 'account.activated', actorType: 'user', actorId: user.id, subjectType: 'user', subjectId: user.id });
    return ok({ tenantId: user.tenantId, userId: user.id });
  }
}
