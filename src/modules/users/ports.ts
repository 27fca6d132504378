import type { ActivationToken, TokenPurpose } from './domain/activation-token.js';
import type { ApiKey, RecoveryCode } from './domain/api-key.js';
import type { Group, GroupMembership, GroupType } from './domain/group.js';
import type { Operator } from './domain/operator.js';
import type { DeviceSession, RefreshToken } from './domain/session.js';
import type { Role, User, UserStatus } from './domain/user.js';

// Writing through these ports. A use case runs inside its request's (or job's) unit of work
// (platform/database/unit-of-work.ts). What it `add`s, and every change it makes to an entity it
// read through a repository here, is written when that transaction commits: there is no save(),
// the commit's flush finds the changed entities. A method that returns a Promise and writes runs
// its SQL at once, in the same transaction. Either way, nothing is written when a later step of
// the request fails (test/e2e/unit-of-work.spec.ts shows both outcomes).

export interface UserRepository {
  byId(tenantId: string, id: string): Promise<User | null>;
  /**
   * The user, locked until the transaction ends: concurrent second-factor checks of one user
   * then run one after the other, so a code or recovery code cannot be accepted twice at once.
   */
  byIdForUpdate(tenantId: string, id: string): Promise<User | null>;
  /** Read-only copies: changes to them are not saved. */
  byIds(tenantId: string, ids: string[]): Promise<User[]>;
  byEmail(tenantId: string, email: string): Promise<User | null>;
  /** Name, job title and contact details of the active users among the ids, for display. */
  profiles(tenantId: string, ids: string[]): Promise<UserProfile[]>;
  list(tenantId: string, query: UserListQuery): Promise<{ items: User[]; total: number }>;
  /** The same page for showing only (read-only copies), with each person's group ids in membership order. */
  listWithGroups(tenantId: string, query: UserListQuery): Promise<{ items: Array<{ user: User; groupIds: string[] }>; total: number }>;
  countActiveAdmins(tenantId: string): Promise<number>;
  /** Ids of the users who are not deactivated: everyone, the members of the groups, and the users named. */
  activeIdsIn(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }): Promise<string[]>;
  /**
   * Who an audience reaches: the active and invited users among everyone, the members of the
   * groups and the users named, counted, with a page of the active ones matching the search (by name).
   */
  audienceMembers(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }, query: { page: number; pageSize: number; search?: string }): Promise<AudienceMembers>;
  /** Read-only copies of the next page after `afterId`, ordered by id (streamed exports). */
  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<User[]>;
  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>>;
  /** Deactivated, not yet purged, accounts deactivated before the cutoff. */
  deactivatedBefore(tenantId: string, cutoff: Date): Promise<string[]>;
  add(user: User): void;
}

export interface AudienceMembers {
  active: number;
  invited: number;
  /** Active users matching the search. */
  total: number;
  items: Array<{ id: string; name: string; email: string }>;
}

/** Removes what this module holds about a person, for erasure (GDPR art. 17). */
export interface AccountEraser {
  /** The user's group memberships. */
  eraseMemberships(tenantId: string, userId: string): Promise<void>;
  /** Device sessions and their refresh tokens: every token of the user stops working at once. */
  eraseSessions(tenantId: string, userId: string): Promise<void>;
  /** The account itself, with its recovery codes and activation links. */
  eraseAccount(tenantId: string, userId: string): Promise<void>;
}

export interface UserProfile {
  id: string;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  email: string;
}

export interface UserListQuery {
  page: number;
  pageSize: number;
  search?: string;
  role?: Role;
  status?: UserStatus;
  groupId?: string;
  /** Only people whose retention date lies before this day (YYYY-MM-DD). */
  pastRetentionOn?: string;
  /** Only people without a recorded legal basis. */
  noLegalBasis?: boolean;
}

export interface GroupRepository {
  byId(tenantId: string, id: string): Promise<Group | null>;
  byName(tenantId: string, name: string): Promise<Group | null>;
  list(tenantId: string, query: { page: number; pageSize: number; type?: GroupType; search?: string }): Promise<{ items: Group[]; total: number }>;
  memberCounts(tenantId: string, groupIds: string[]): Promise<Map<string, number>>;
  membership(tenantId: string, groupId: string, userId: string): Promise<GroupMembership | null>;
  groupIdsOf(tenantId: string, userIds: string[]): Promise<Map<string, string[]>>;
  add(group: Group): void;
  addMembership(membership: GroupMembership): void;
  removeMembership(membership: GroupMembership): void;
  remove(group: Group): Promise<void>;
}

export interface OperatorRepository {
  byEmail(email: string): Promise<Operator | null>;
  add(operator: Operator): void;
}

export interface ActivationTokenRepository {
  bySecretHash(tenantId: string, secretHash: string): Promise<ActivationToken | null>;
  openFor(tenantId: string, userId: string, purpose: TokenPurpose): Promise<ActivationToken[]>;
  add(token: ActivationToken): void;
}

export interface SessionRepository {
  byId(tenantId: string, id: string): Promise<DeviceSession | null>;
  /** The session with its user's current roles and status, in one query: what every request checks. */
  access(tenantId: string, id: string): Promise<SessionAccess | null>;
  activeOf(tenantId: string, userId: string): Promise<DeviceSession[]>;
  /** Every session of the user, revoked ones too (access exports). */
  allOf(tenantId: string, userId: string): Promise<DeviceSession[]>;
  /** The refresh token, locked until the transaction ends. */
  refreshTokenByHash(tenantId: string, tokenHash: string): Promise<RefreshToken | null>;
  add(session: DeviceSession): void;
  addRefreshToken(token: RefreshToken): void;
}

export interface SessionAccess {
  userId: string;
  active: boolean;
  roles: Role[];
  userStatus: UserStatus;
}

export interface ApiKeyRepository {
  byId(tenantId: string, id: string): Promise<ApiKey | null>;
  list(tenantId: string): Promise<ApiKey[]>;
  add(key: ApiKey): void;
}

export interface RecoveryCodeRepository {
  unusedOf(tenantId: string, userId: string): Promise<RecoveryCode[]>;
  replaceAll(tenantId: string, userId: string, codes: RecoveryCode[]): Promise<void>;
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
export interface TenantInfo {
  id: string;
  name: string;
  /** The organisation's language: one of the console's catalogues. */
  locale: 'nl-NL' | 'en-GB';
  suspended: boolean;
  secondFactorPolicy: 'optional' | 'admins' | 'everyone';
  timeZone: string;
  primaryColor: string | null;
  accentColor: string | null;
  logoMediaId: string | null;
}

export interface TenantDirectory {
  bySlug(slug: string): Promise<TenantInfo | null>;
  byId(id: string): Promise<TenantInfo | null>;
}

export interface CommonPasswords {
  list(): ReadonlySet<string>;
}

/** Time-based one-time passwords (RFC 6238) for the second factor. */
export interface Totp {
  generate(label: { issuer: string; account: string }): { secretBase32: string; otpauthUrl: string };
  qrCode(otpauthUrl: string): Promise<string>;
  /** The time step a valid code belongs to (window of one step either way), or null. */
  matchStep(secretBase32: string, code: string, at: Date): number | null;
}

/** Seals secrets at rest; the additional data binds a sealed value to its row. */
export interface SecretSealer {
  seal(plaintext: string, aad?: string): string;
  open(sealed: string, aad?: string): string;
  /** A keyed hash of a value (HMAC with a server secret): correlates equal values without keeping them. */
  fingerprint(value: string, purpose: string): string;
}

export interface RecoveryCodes {
  generate(count?: number): string[];
  hash(code: string): string;
}

export const USERS = {
  UserRepository: Symbol.for('users.UserRepository'),
  GroupRepository: Symbol.for('users.GroupRepository'),
  OperatorRepository: Symbol.for('users.OperatorRepository'),
  ActivationTokenRepository: Symbol.for('users.ActivationTokenRepository'),
  SessionRepository: Symbol.for('users.SessionRepository'),
  ApiKeyRepository: Symbol.for('users.ApiKeyRepository'),
  RecoveryCodeRepository: Symbol.for('users.RecoveryCodeRepository'),
  PasswordHasher: Symbol.for('users.PasswordHasher'),
  SecretTokens: Symbol.for('users.SecretTokens'),
  TenantDirectory: Symbol.for('users.TenantDirectory'),
  CommonPasswords: Symbol.for('users.CommonPasswords'),
  Totp: Symbol.for('users.Totp'),
  RecoveryCodes: Symbol.for('users.RecoveryCodes'),
} as const;
