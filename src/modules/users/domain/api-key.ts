import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidUser } from './user.errors.js';

/** A tenant integration's key: only a hash of its secret is kept, and it can do what its scopes say. */
export class ApiKey {
  id!: string;
  tenantId!: string;
  name!: string;
  scopes!: string[];
  secretHash!: string;
  createdBy!: string;
  createdAt!: Date;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;

  private constructor() {}

  static create(props: { tenantId: string; name: string; scopes: string[]; secretHash: string; createdBy: string }, now: Date): Result<ApiKey, InvalidUser> {
    if (props.name.trim() === '') return fail(new InvalidUser('name', 'must not be empty'));
    if (props.scopes.length === 0) return fail(new InvalidUser('scopes', 'needs at least one scope'));
    const key = new ApiKey();
    Object.assign(key, {
      id: randomUUID(),
      ...props,
      name: props.name.trim(),
      scopes: [...new Set(props.scopes)].sort(),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    });
    return ok(key);
  }

  prefix(): string {
    return `cpk_${this.id.slice(0, 8)}`;
  }

  isActive(): boolean {
    return this.revokedAt === null;
  }

  revoke(now: Date): void {
    this.revokedAt ??= now;
  }

  /** Last use is kept to the minute: a write on every call would cost more than it tells. */
  used(now: Date): void {
    if (!this.lastUsedAt || now.getTime() - this.lastUsedAt.getTime() > 60_000) this.lastUsedAt = now;
  }
}

/** A one-time recovery code for the second factor; only its hash is kept. */
export class RecoveryCode {
  id!: string;
  tenantId!: string;
  userId!: string;
  codeHash!: string;
  usedAt!: Date | null;

  private constructor() {}

  static of(props: { tenantId: string; userId: string; codeHash: string }): RecoveryCode {
    const code = new RecoveryCode();
    Object.assign(code, { id: randomUUID(), ...props, usedAt: null });
    return code;
  }

  use(now: Date): boolean {
    if (this.usedAt) return false;
    this.usedAt = now;
    return true;
  }
}
