import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ActivationTokenExpired, ActivationTokenUsed } from './user.errors.js';

export type TokenPurpose = 'activation' | 'password_reset';

/**
 * A single-use, expiring link to set a password: the invitation, or a password reset.
 * Only a hash of the secret is kept.
 */
export class ActivationToken {
  id!: string;
  tenantId!: string;
  userId!: string;
  purpose!: TokenPurpose;
  secretHash!: string;
  expiresAt!: Date;
  usedAt!: Date | null;
  createdAt!: Date;

  private constructor() {}

  static issue(
    props: { tenantId: string; userId: string; secretHash: string; validForHours: number; purpose?: TokenPurpose },
    now: Date,
  ): ActivationToken {
    const token = new ActivationToken();
    Object.assign(token, {
      id: randomUUID(),
      tenantId: props.tenantId,
      userId: props.userId,
      purpose: props.purpose ?? 'activation',
      secretHash: props.secretHash,
      expiresAt: new Date(now.getTime() + props.validForHours * 3600_000),
      usedAt: null,
      createdAt: now,
    });
    return token;
  }

  /** A newer link replaces this one: it can no longer be used. */
  withdraw(now: Date): void {
    this.usedAt ??= now;
  }

  redeem(now: Date): Result<void, ActivationTokenUsed | ActivationTokenExpired> {
    if (this.usedAt) return fail(new ActivationTokenUsed());
    if (now >= this.expiresAt) return fail(new ActivationTokenExpired());
    this.usedAt = now;
    return ok(undefined);
  }
}
