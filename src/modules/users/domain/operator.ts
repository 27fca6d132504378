import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidUser } from './user.errors.js';
import { normaliseEmail } from './user.js';

/** A platform operator: onboards and suspends tenants, belongs to none of them. */
export class Operator {
  id!: string;
  email!: string;
  name!: string;
  passwordHash!: string;
  createdAt!: Date;
  lastLoginAt!: Date | null;

  private constructor() {}

  static create(props: { email: string; name: string; passwordHash: string }, now: Date): Result<Operator, InvalidUser> {
    const email = normaliseEmail(props.email);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail(new InvalidUser('email', 'is not an e-mail address'));
    if (props.name.trim().length === 0) return fail(new InvalidUser('name', 'must not be empty'));
    const operator = new Operator();
    Object.assign(operator, {
      id: randomUUID(),
      email,
      name: props.name.trim(),
      passwordHash: props.passwordHash,
      createdAt: now,
      lastLoginAt: null,
    });
    return ok(operator);
  }

  recordLogin(now: Date): void {
    this.lastLoginAt = now;
  }
}
