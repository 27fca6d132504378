import type { ActivationToken } from './domain/activation-token.js';
import type { Operator } from './domain/operator.js';
import type { Role, User, UserStatus } from './domain/user.js';

export interface UserRepository {
  byId(tenantId: string, id: string): Promise<User | null>;
  byEmail(tenantId: string, email: string): Promise<User | null>;
  list(tenantId: string, query: UserListQuery): Promise<{ items: User[]; total: number }>;
  add(user: User): void;
}

export interface UserListQuery {
  page: number;
  pageSize: number;
  search?: string;
  role?: Role;
  status?: UserStatus;
}

export interface OperatorRepository {
  byEmail(email: string): Promise<Operator | null>;
  add(operator: Operator): void;
}

export interface ActivationTokenRepository {
  bySecretHash(tenantId: string, secretHash: string): Promise<ActivationToken | null>;
  add(token: ActivationToken): void;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Random secrets for links, and the one-way hash under which they are stored. */
export interface SecretTokens {
  create(): { secret: string; hash: string };
  hash(secret: string): string;
}

/** What this module needs to know about tenants, answered by the tenants module. */
export interface TenantDirectory {
  bySlug(slug: string): Promise<{ id: string; name: string; locale: string; suspended: boolean } | null>;
  byId(id: string): Promise<{ id: string; name: string; locale: string; suspended: boolean } | null>;
}

export interface CommonPasswords {
  list(): ReadonlySet<string>;
}

export const USERS = {
  UserRepository: Symbol.for('users.UserRepository'),
  OperatorRepository: Symbol.for('users.OperatorRepository'),
  ActivationTokenRepository: Symbol.for('users.ActivationTokenRepository'),
  PasswordHasher: Symbol.for('users.PasswordHasher'),
  SecretTokens: Symbol.for('users.SecretTokens'),
  TenantDirectory: Symbol.for('users.TenantDirectory'),
  CommonPasswords: Symbol.for('users.CommonPasswords'),
} as const;
