import { fail, ok, type Result } from '../../../platform/domain/result.js';
import {
  InvalidActivationToken,
  type ActivationTokenExpired,
  type ActivationTokenUsed,
  type UserNotInvited,
  type WeakPassword,
} from '../domain/user.errors.js';
import { redeemLinkWithPassword } from './redeem-link.js';
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
    const redeemed = await redeemLinkWithPassword(this.d, command, 'activation');
    if (!redeemed.ok) return redeemed;
    const { token, now } = redeemed.value;
    const user = await this.d.users.byId(token.tenantId, token.userId);
    if (!user) return fail(new InvalidActivationToken());
    const activated = user.activate(await this.d.hasher.hash(command.password), now);
    if (!activated.ok) return activated;
    this.d.audit.record({ tenantId: user.tenantId, action: 'account.activated', actorType: 'user', actorId: user.id, subjectType: 'user', subjectId: user.id });
    return ok({ tenantId: user.tenantId, userId: user.id });
  }
}
