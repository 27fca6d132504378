import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ActivationTokenExpired, ActivationTokenUsed } from './user.errors.js';

/** A single-use, expiring invitation to set a password. Only a hash of the secret is kept. */
export class ActivationToken {
  id!: string;
  tenantId!: string;
  userId!: string;
  secretHash!: string;
  expiresAt!: Date;
  usedAt!: Date | null;
  createdAt!: Date;

  private constructor() {}

  static issue(props: { tenantId: string; userId: string; secretHash: string; validForHours: number }, now: Date): ActivationToken {
    const token = new ActivationToken();
    Object.assign(token, {
      id: randomUUID(),
      tenantId: props.tenantId,
      userId: props.userId,
      secretHash: props.secretHash,
      expiresAt: new Date(now.getTime() + props.validForHours * 3600_000),
      usedAt: null,
      createdAt: now,
    });
    return token;
  }

  redeem(now: Date): Result<void, ActivationTokenUsed | ActivationTokenExpired> {
    if (this.usedAt) return fail(new ActivationTokenUsed());
    if (now >= this.expiresAt) return fail(new ActivationTokenExpired());
    this.usedAt = now;
    return ok(undefined);
  }
}
