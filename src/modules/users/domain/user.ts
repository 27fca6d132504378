import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidUser, UserNotInvited } from './user.errors.js';

export const ROLES = ['admin', 'coordinator', 'member'] as const;
export type Role = (typeof ROLES)[number];
export type UserStatus = 'invited' | 'active' | 'deactivated';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A person with an account in one tenant. The same e-mail in another tenant is another user. */
export class User {
  id!: string;
  tenantId!: string;
  email!: string;
  name!: string;
  roles!: Role[];
  status!: UserStatus;
  passwordHash!: string | null;
  activatedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static invite(
    props: { tenantId: string; email: string; name: string; roles: Role[] },
    now: Date,
  ): Result<User, InvalidUser> {
    const email = normaliseEmail(props.email);
    if (!EMAIL.test(email)) return fail(new InvalidUser('email', 'is not an e-mail address'));
    if (props.name.trim().length === 0) return fail(new InvalidUser('name', 'must not be empty'));
    if (props.roles.length === 0) return fail(new InvalidUser('roles', 'needs at least one role'));
    const user = new User();
    Object.assign(user, {
      id: randomUUID(),
      tenantId: props.tenantId,
      email,
      name: props.name.trim(),
      roles: [...new Set(props.roles)].sort(),
      status: 'invited',
      passwordHash: null,
      activatedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    return ok(user);
  }

  activate(passwordHash: string, now: Date): Result<void, UserNotInvited> {
    if (this.status !== 'invited') return fail(new UserNotInvited());
    this.status = 'active';
    this.passwordHash = passwordHash;
    this.activatedAt = now;
    this.updatedAt = now;
    return ok(undefined);
  }

  /** Brings name and roles in line with a definition; returns whether anything changed. */
  align(props: { name: string; roles: Role[] }, now: Date): boolean {
    const roles = [...new Set(props.roles)].sort();
    const changed = this.name !== props.name.trim() || roles.join() !== [...this.roles].sort().join();
    if (changed) {
      this.name = props.name.trim();
      this.roles = roles;
      this.updatedAt = now;
    }
    return changed;
  }

  canSignIn(): boolean {
    return this.status === 'active' && this.passwordHash !== null;
  }

  isAdmin(): boolean {
    return this.roles.includes('admin');
  }
}
