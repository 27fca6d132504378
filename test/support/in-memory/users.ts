import type { UsersDeps } from '../../../src/modules/users/application/deps.js';
import type { ActivationToken, TokenPurpose } from '../../../src/modules/users/domain/activation-token.js';
import type { ApiKey, RecoveryCode } from '../../../src/modules/users/domain/api-key.js';
import type { Group, GroupMembership, GroupType } from '../../../src/modules/users/domain/group.js';
import type { Operator } from '../../../src/modules/users/domain/operator.js';
import type { DeviceSession, RefreshToken } from '../../../src/modules/users/domain/session.js';
import type { User } from '../../../src/modules/users/domain/user.js';
import type {
  AccountEraser,
  ActivationTokenRepository,
  ApiKeyRepository,
  AudienceMembers,
  CommonPasswords,
  GroupRepository,
  OperatorRepository,
  PasswordHasher,
  RecoveryCodeRepository,
  RecoveryCodes,
  SecretSealer,
  SecretTokens,
  SessionAccess,
  SessionRepository,
  TenantDirectory,
  TenantInfo,
  Totp,
  UserListQuery,
  UserProfile,
  UserRepository,
} from '../../../src/modules/users/ports.js';
import { AccessTokens } from '../../../src/platform/auth/access-tokens.js';
import { TooManyAttempts, type BruteForceGuard, type GuardedAction } from '../../../src/platform/security/brute-force.js';
import { FixedClock, InMemoryAuditLog, RecordingEventBus, RecordingMailer, RecordingTransaction } from './platform.js';

// Entities are kept by reference, as the unit of work's identity map keeps them (see incidents.ts).

const page = <T>(items: T[], query: { page: number; pageSize: number }): { items: T[]; total: number } => ({
  items: items.slice((query.page - 1) * query.pageSize, query.page * query.pageSize),
  total: items.length,
});

export class InMemoryGroupRepository implements GroupRepository {
  readonly groups: Group[] = [];
  readonly memberships: GroupMembership[] = [];

  byId(tenantId: string, id: string): Promise<Group | null> {
    return Promise.resolve(this.groups.find((g) => g.tenantId === tenantId && g.id === id) ?? null);
  }

  byName(tenantId: string, name: string): Promise<Group | null> {
    return Promise.resolve(this.groups.find((g) => g.tenantId === tenantId && g.name.toLowerCase() === name.trim().toLowerCase()) ?? null);
  }

  list(tenantId: string, query: { page: number; pageSize: number; type?: GroupType; search?: string }): Promise<{ items: Group[]; total: number }> {
    const search = query.search?.toLowerCase();
    const matching = this.groups.filter((g) => g.tenantId === tenantId && (query.type === undefined || g.type === query.type) && (search === undefined || g.name.toLowerCase().includes(search)));
    return Promise.resolve(page(matching.sort((a, b) => a.name.localeCompare(b.name)), query));
  }

  memberCounts(tenantId: string, groupIds: string[]): Promise<Map<string, number>> {
    return Promise.resolve(new Map(groupIds.map((id) => [id, this.memberships.filter((m) => m.tenantId === tenantId && m.groupId === id).length])));
  }

  membership(tenantId: string, groupId: string, userId: string): Promise<GroupMembership | null> {
    return Promise.resolve(this.memberships.find((m) => m.tenantId === tenantId && m.groupId === groupId && m.userId === userId) ?? null);
  }

  groupIdsOf(tenantId: string, userIds: string[]): Promise<Map<string, string[]>> {
    const of = new Map<string, string[]>();
    for (const m of this.memberships) if (m.tenantId === tenantId && userIds.includes(m.userId)) of.set(m.userId, [...(of.get(m.userId) ?? []), m.groupId]);
    return Promise.resolve(of);
  }

  add(group: Group): void {
    this.groups.push(group);
  }

  addMembership(membership: GroupMembership): void {
    this.memberships.push(membership);
  }

  removeMembership(membership: GroupMembership): void {
    this.memberships.splice(this.memberships.indexOf(membership), 1);
  }

  remove(group: Group): Promise<void> {
    this.groups.splice(this.groups.indexOf(group), 1);
    for (const m of this.memberships.filter((x) => x.tenantId === group.tenantId && x.groupId === group.id)) this.removeMembership(m);
    return Promise.resolve();
  }
}

export class InMemoryUserRepository implements UserRepository {
  readonly users: User[] = [];

  constructor(private readonly groups: InMemoryGroupRepository) {}

  byId(tenantId: string, id: string): Promise<User | null> {
    return Promise.resolve(this.users.find((u) => u.tenantId === tenantId && u.id === id) ?? null);
  }

  byIdForUpdate(tenantId: string, id: string): Promise<User | null> {
    return this.byId(tenantId, id);
  }

  byIds(tenantId: string, ids: string[]): Promise<User[]> {
    return Promise.resolve(this.users.filter((u) => u.tenantId === tenantId && ids.includes(u.id)));
  }

  byEmail(tenantId: string, email: string): Promise<User | null> {
    return Promise.resolve(this.users.find((u) => u.tenantId === tenantId && u.email === email) ?? null);
  }

  profiles(tenantId: string, ids: string[]): Promise<UserProfile[]> {
    return Promise.resolve(
      this.users.filter((u) => u.tenantId === tenantId && ids.includes(u.id) && u.status === 'active').map((u) => ({ id: u.id, name: u.name, jobTitle: u.jobTitle, phone: u.phone, email: u.email })),
    );
  }

  list(tenantId: string, query: UserListQuery): Promise<{ items: User[]; total: number }> {
    const search = query.search?.toLowerCase();
    const inGroup = query.groupId === undefined ? null : new Set(this.groups.memberships.filter((m) => m.tenantId === tenantId && m.groupId === query.groupId).map((m) => m.userId));
    const matching = this.users.filter(
      (u) =>
        u.tenantId === tenantId &&
        (search === undefined || u.name.toLowerCase().includes(search) || u.email.includes(search)) &&
        (query.role === undefined || u.roles.includes(query.role)) &&
        (query.status === undefined || u.status === query.status) &&
        (inGroup === null || inGroup.has(u.id)) &&
        (query.pastRetentionOn === undefined || u.isPastRetention(query.pastRetentionOn)) &&
        (query.noLegalBasis === undefined || !query.noLegalBasis || u.legalBasis === null),
    );
    return Promise.resolve(page(matching.sort((a, b) => a.name.localeCompare(b.name)), query));
  }

  async listWithGroups(tenantId: string, query: UserListQuery): Promise<{ items: Array<{ user: User; groupIds: string[] }>; total: number }> {
    const { items, total } = await this.list(tenantId, query);
    const groups = await this.groups.groupIdsOf(tenantId, items.map((u) => u.id));
    return { items: items.map((user) => ({ user, groupIds: groups.get(user.id) ?? [] })), total };
  }

  countActiveAdmins(tenantId: string): Promise<number> {
    return Promise.resolve(this.users.filter((u) => u.tenantId === tenantId && u.status === 'active' && u.isAdmin()).length);
  }

  activeIdsIn(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }): Promise<string[]> {
    return Promise.resolve(this.reached(tenantId, audience).filter((u) => u.status !== 'deactivated').map((u) => u.id));
  }

  audienceMembers(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }, query: { page: number; pageSize: number; search?: string }): Promise<AudienceMembers> {
    const reached = this.reached(tenantId, audience);
    const active = reached.filter((u) => u.status === 'active');
    const matching = active.filter((u) => query.search === undefined || u.name.toLowerCase().includes(query.search.toLowerCase()));
    const shown = page(matching, query);
    return Promise.resolve({ active: active.length, invited: reached.filter((u) => u.status === 'invited').length, total: shown.total, items: shown.items.map((u) => ({ id: u.id, name: u.name, email: u.email })) });
  }

  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<User[]> {
    return Promise.resolve(
      this.users
        .filter((u) => u.tenantId === tenantId && (afterId === null || u.id > afterId))
        .sort((a, b) => a.id.localeCompare(b.id))
        .slice(0, limit),
    );
  }

  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    return Promise.resolve(this.users.filter((u) => u.tenantId === tenantId && u.isPastRetention(today)).map((u) => ({ id: u.id, retentionUntil: u.retentionUntil! })));
  }

  deactivatedBefore(tenantId: string, cutoff: Date): Promise<string[]> {
    return Promise.resolve(this.users.filter((u) => u.tenantId === tenantId && u.status === 'deactivated' && u.purgedAt === null && u.deactivatedAt !== null && u.deactivatedAt < cutoff).map((u) => u.id));
  }

  add(user: User): void {
    this.users.push(user);
  }

  private reached(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }): User[] {
    const inGroups = new Set(this.groups.memberships.filter((m) => m.tenantId === tenantId && audience.groupIds.includes(m.groupId)).map((m) => m.userId));
    return this.users.filter((u) => u.tenantId === tenantId && (audience.everyone || inGroups.has(u.id) || audience.userIds.includes(u.id)));
  }
}

export class InMemoryActivationTokenRepository implements ActivationTokenRepository {
  readonly tokens: ActivationToken[] = [];

  bySecretHash(tenantId: string, secretHash: string): Promise<ActivationToken | null> {
    return Promise.resolve(this.tokens.find((t) => t.tenantId === tenantId && t.secretHash === secretHash) ?? null);
  }

  openFor(tenantId: string, userId: string, purpose: TokenPurpose): Promise<ActivationToken[]> {
    return Promise.resolve(this.tokens.filter((t) => t.tenantId === tenantId && t.userId === userId && t.purpose === purpose && t.usedAt === null));
  }

  add(token: ActivationToken): void {
    this.tokens.push(token);
  }
}

export class InMemorySessionRepository implements SessionRepository {
  readonly sessions: DeviceSession[] = [];
  readonly refreshTokens: RefreshToken[] = [];

  constructor(private readonly users: InMemoryUserRepository) {}

  byId(tenantId: string, id: string): Promise<DeviceSession | null> {
    return Promise.resolve(this.sessions.find((s) => s.tenantId === tenantId && s.id === id) ?? null);
  }

  async access(tenantId: string, id: string): Promise<SessionAccess | null> {
    const session = await this.byId(tenantId, id);
    const user = session && (await this.users.byId(tenantId, session.userId));
    return session && user ? { userId: user.id, active: session.isActive(), roles: user.roles, userStatus: user.status } : null;
  }

  activeOf(tenantId: string, userId: string): Promise<DeviceSession[]> {
    return Promise.resolve(this.sessions.filter((s) => s.tenantId === tenantId && s.userId === userId && s.isActive()));
  }

  allOf(tenantId: string, userId: string): Promise<DeviceSession[]> {
    return Promise.resolve(this.sessions.filter((s) => s.tenantId === tenantId && s.userId === userId));
  }

  refreshTokenByHash(tenantId: string, tokenHash: string): Promise<RefreshToken | null> {
    return Promise.resolve(this.refreshTokens.find((t) => t.tenantId === tenantId && t.tokenHash === tokenHash) ?? null);
  }

  add(session: DeviceSession): void {
    this.sessions.push(session);
  }

  addRefreshToken(token: RefreshToken): void {
    this.refreshTokens.push(token);
  }
}

export class InMemoryApiKeyRepository implements ApiKeyRepository {
  readonly keys: ApiKey[] = [];

  byId(tenantId: string, id: string): Promise<ApiKey | null> {
    return Promise.resolve(this.keys.find((k) => k.tenantId === tenantId && k.id === id) ?? null);
  }

  list(tenantId: string): Promise<ApiKey[]> {
    return Promise.resolve(this.keys.filter((k) => k.tenantId === tenantId));
  }

  add(key: ApiKey): void {
    this.keys.push(key);
  }
}

export class InMemoryRecoveryCodeRepository implements RecoveryCodeRepository {
  readonly codes: RecoveryCode[] = [];

  unusedOf(tenantId: string, userId: string): Promise<RecoveryCode[]> {
    return Promise.resolve(this.codes.filter((c) => c.tenantId === tenantId && c.userId === userId && c.usedAt === null));
  }

  replaceAll(tenantId: string, userId: string, codes: RecoveryCode[]): Promise<void> {
    const kept = this.codes.filter((c) => c.tenantId !== tenantId || c.userId !== userId);
    this.codes.splice(0, this.codes.length, ...kept, ...codes);
    return Promise.resolve();
  }
}

export class InMemoryOperatorRepository implements OperatorRepository {
  readonly operators: Operator[] = [];

  byEmail(email: string): Promise<Operator | null> {
    return Promise.resolve(this.operators.find((o) => o.email === email) ?? null);
  }

  add(operator: Operator): void {
    this.operators.push(operator);
  }
}

/** What erasure removes, taken out of the in-memory repositories as the SQL eraser deletes rows. */
export class InMemoryAccountEraser implements AccountEraser {
  constructor(private readonly repositories: { users: InMemoryUserRepository; groups: InMemoryGroupRepository; sessions: InMemorySessionRepository; recoveryCodes: InMemoryRecoveryCodeRepository; activationTokens: InMemoryActivationTokenRepository }) {}

  eraseMemberships(tenantId: string, userId: string): Promise<void> {
    const { memberships } = this.repositories.groups;
    for (const m of memberships.filter((x) => x.tenantId === tenantId && x.userId === userId)) this.repositories.groups.removeMembership(m);
    return Promise.resolve();
  }

  eraseSessions(tenantId: string, userId: string): Promise<void> {
    const { sessions, refreshTokens } = this.repositories.sessions;
    const ids = new Set(sessions.filter((s) => s.tenantId === tenantId && s.userId === userId).map((s) => s.id));
    keepOnly(refreshTokens, (t) => !ids.has(t.sessionId));
    keepOnly(sessions, (s) => !ids.has(s.id));
    return Promise.resolve();
  }

  eraseAccount(tenantId: string, userId: string): Promise<void> {
    const of = (x: { tenantId: string; userId: string }) => x.tenantId === tenantId && x.userId === userId;
    keepOnly(this.repositories.recoveryCodes.codes, (c) => !of(c));
    keepOnly(this.repositories.activationTokens.tokens, (t) => !of(t));
    keepOnly(this.repositories.users.users, (u) => !(u.tenantId === tenantId && u.id === userId));
    return Promise.resolve();
  }
}

function keepOnly<T>(items: T[], keep: (item: T) => boolean): void {
  items.splice(0, items.length, ...items.filter(keep));
}

/**
 * TOTP without the arithmetic: the code of a secret at a 30-second step is `<secret>@<step>`,
 * so a spec writes the code a phone would show now, a minute ago or for another secret.
 */
export class StepTotp implements Totp {
  private issued = 0;

  generate(label: { issuer: string; account: string }): { secretBase32: string; otpauthUrl: string } {
    this.issued += 1;
    const secretBase32 = `TOTPSECRET${this.issued}`;
    return { secretBase32, otpauthUrl: `otpauth://totp/${label.issuer}:${label.account}?secret=${secretBase32}` };
  }

  qrCode(otpauthUrl: string): Promise<string> {
    return Promise.resolve(`qr(${otpauthUrl})`);
  }

  matchStep(secretBase32: string, code: string, at: Date): number | null {
    const now = StepTotp.stepAt(at);
    for (const step of [now - 1, now, now + 1]) if (code === StepTotp.code(secretBase32, step)) return step;
    return null;
  }

  static stepAt(at: Date): number {
    return Math.floor(at.getTime() / 30_000);
  }

  static code(secretBase32: string, step: number): string {
    return `${secretBase32}@${step}`;
  }
}

/** Numbered recovery codes (`recovery-01` …), hashed visibly. */
export class CountingRecoveryCodes implements RecoveryCodes {
  generate(count = 10): string[] {
    return Array.from({ length: count }, (_, i) => `recovery-${String(i + 1).padStart(2, '0')}`);
  }

  hash(code: string): string {
    return `hash(${code})`;
  }
}

/** Not a real hash: specs read what was "hashed" back, and a run costs no argon2 time. */
export class PlainPasswordHasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return Promise.resolve(`hashed:${password}`);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return Promise.resolve(hash === `hashed:${password}`);
  }
}

/** Numbered secrets, so a spec knows the secret a link or key carries. */
export class CountingSecretTokens implements SecretTokens {
  readonly issued: string[] = [];

  create(): { secret: string; hash: string } {
    const secret = `secret-${String(this.issued.length + 1).padStart(32, '0')}`;
    this.issued.push(secret);
    return { secret, hash: this.hash(secret) };
  }

  hash(secret: string): string {
    return `hash(${secret})`;
  }
}

export class InMemoryTenantDirectory implements TenantDirectory {
  readonly tenants: Array<TenantInfo & { slug: string }> = [];

  bySlug(slug: string): Promise<TenantInfo | null> {
    return Promise.resolve(this.tenants.find((t) => t.slug === slug) ?? null);
  }

  byId(id: string): Promise<TenantInfo | null> {
    return Promise.resolve(this.tenants.find((t) => t.id === id) ?? null);
  }
}

export class ListedCommonPasswords implements CommonPasswords {
  constructor(private readonly passwords = new Set(['wachtwoord123', 'password1234'])) {}

  list(): ReadonlySet<string> {
    return this.passwords;
  }
}

/** Sealed values stay readable (`sealed:<aad>:<text>`), so a spec can check what was sealed to which row. */
export class VisibleSealer implements SecretSealer {
  seal(plaintext: string, aad = ''): string {
    return `sealed:${aad}:${plaintext}`;
  }

  open(sealed: string, aad = ''): string {
    const prefix = `sealed:${aad}:`;
    if (!sealed.startsWith(prefix)) throw new Error('sealed for another row');
    return sealed.slice(prefix.length);
  }

  fingerprint(value: string, purpose: string): string {
    return `fingerprint(${purpose}:${value})`;
  }
}

/** Counts failures per key and refuses after `limit`, as the Redis guard does. */
export class CountingBruteForceGuard implements BruteForceGuard {
  readonly failures = new Map<string, number>();
  readonly successes: string[] = [];

  constructor(private readonly limit = 5) {}

  assertAllowed(action: GuardedAction, keys: { account: string; address: string }): Promise<void> {
    if ((this.failures.get(`${action}|${keys.account}`) ?? 0) >= this.limit) return Promise.reject(new TooManyAttempts(60));
    return Promise.resolve();
  }

  recordFailure(action: GuardedAction, keys: { account: string; address: string }): Promise<void> {
    const key = `${action}|${keys.account}`;
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    return Promise.resolve();
  }

  recordSuccess(action: GuardedAction, keys: { account: string; address: string }): Promise<void> {
    this.successes.push(`${action}|${keys.account}`);
    this.failures.delete(`${action}|${keys.account}`);
    return Promise.resolve();
  }
}

/** The users module's ports in memory: every member of UsersDeps, and the account eraser privacy's holders use. */
export function inMemoryUsers() {
  const clock = new FixedClock();
  const groups = new InMemoryGroupRepository();
  const users = new InMemoryUserRepository(groups);
  const activationTokens = new InMemoryActivationTokenRepository();
  const sessions = new InMemorySessionRepository(users);
  const recoveryCodes = new InMemoryRecoveryCodeRepository();
  const ports = {
    transaction: new RecordingTransaction(),
    users,
    groups,
    operators: new InMemoryOperatorRepository(),
    activationTokens,
    sessions,
    apiKeys: new InMemoryApiKeyRepository(),
    recoveryCodes,
    hasher: new PlainPasswordHasher(),
    secrets: new CountingSecretTokens(),
    tenants: new InMemoryTenantDirectory(),
    commonPasswords: new ListedCommonPasswords(),
    totp: new StepTotp(),
    sealer: new VisibleSealer(),
    recoveryCodeGenerator: new CountingRecoveryCodes(),
    mailer: new RecordingMailer(),
    clock,
    events: new RecordingEventBus(),
    audit: new InMemoryAuditLog(),
    bruteForce: new CountingBruteForceGuard(),
    accessTokens: new AccessTokens('spec-secret-of-at-least-32-characters!!', 900, clock),
    settings: { publicUrl: 'https://crisis.example', activationValidHours: 72, totpIssuer: 'Crisisplatform' },
    // Not in UsersDeps: module.ts adds the eraser for the privacy-facing classes only.
    eraser: new InMemoryAccountEraser({ users, groups, sessions, recoveryCodes, activationTokens }),
  };
  // Checked against the module's own bag: these members must be what UsersDeps says they are.
  const deps: UsersDeps = ports;
  void deps;
  return ports;
}
