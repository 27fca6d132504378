import type { DataSubject, PersonalDataHolder } from '../../../platform/privacy/personal-data.js';
import { PeopleRecords, personRecord, type PersonRecord } from '../../../platform/privacy/people-records.js';
import type { User } from '../domain/user.js';
import type { AccountEraser } from '../ports.js';
import type { UsersDeps } from './deps.js';

/** Erasing the account's rows is a port only the privacy holders take. */
type Erasing = { eraser: AccountEraser };

export const USER_EXPORT_COLUMNS = ['id', 'name', 'email', 'phone', 'jobTitle', 'location', 'roles', 'status', 'retentionUntil', 'legalBasis', 'legalBasisNote', 'activatedAt', 'deactivatedAt', 'createdAt'] satisfies Array<keyof User>;

function profileRow(user: User): PersonRecord {
  return personRecord(user, USER_EXPORT_COLUMNS);
}

/**
 * What the privacy module may ask of accounts: pages for bulk exports, retention and purge
 * candidates, identity confirmation before a member deletes their own account. It asks here,
 * never in this module's tables.
 */
export class UserPrivacy extends PeopleRecords<User> {
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'hasher' | 'totp' | 'sealer' | 'clock' | 'bruteForce'>) {
    super(USER_EXPORT_COLUMNS, d.users, profileRow);
  }

  async isLastActiveAdmin(tenantId: string, userId: string): Promise<boolean> {
    const user = await this.d.users.byId(tenantId, userId);
    return !!user && user.isAdmin() && user.status === 'active' && (await this.d.users.countActiveAdmins(tenantId)) <= 1;
  }

  /**
   * The password, and a current second-factor code when the user has one, behind the same
   * brute-force lockout as sign-in: a stolen access token is no way to guess the password.
   */
  async confirmIdentity(tenantId: string, userId: string, password: string, code: string | null, clientAddress: string | null): Promise<boolean> {
    const keys = { account: `${tenantId}/${userId}`, address: clientAddress ?? 'unknown' };
    await this.d.bruteForce.assertAllowed('login', keys);
    const confirmed = await this.check(tenantId, userId, password, code);
    if (confirmed) await this.d.bruteForce.recordSuccess('login', keys);
    else await this.d.bruteForce.recordFailure('login', keys);
    return confirmed;
  }

  private async check(tenantId: string, userId: string, password: string, code: string | null): Promise<boolean> {
    const user = await this.d.users.byIdForUpdate(tenantId, userId);
    if (!user?.passwordHash || !(await this.d.hasher.verify(user.passwordHash, password))) return false;
    if (!user.totpSecretSealed) return true;
    if (!code) return false;
    const step = this.d.totp.matchStep(this.d.sealer.open(user.totpSecretSealed, user.id), code, this.d.clock.now());
    return step !== null && user.acceptSecondFactorStep(step);
  }

  deactivatedBefore(tenantId: string, cutoff: Date): Promise<string[]> {
    return this.d.users.deactivatedBefore(tenantId, cutoff);
  }

}

/** The account itself: profile in the export, the whole account gone on erasure. */
export class ProfileHolder implements PersonalDataHolder {
  readonly category = 'profile';
  constructor(private readonly d: Pick<UsersDeps, 'users' | 'clock'> & Erasing) {}

  async exportSubject(subject: DataSubject) {
    const user = await this.d.users.byId(subject.tenantId, subject.userId);
    return user ? [{ ...profileRow(user), secondFactorEnabled: user.totpEnabledAt !== null, updatedAt: user.updatedAt }] : [];
  }

  eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    return this.d.eraser.eraseAccount(subject.tenantId, subject.userId);
  }

  /** Purge keeps the account with its name and e-mail only: the rest of the profile and the credentials go. */
  async purgeSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    const user = await this.d.users.byId(subject.tenantId, subject.userId);
    if (user) user.purge(this.d.clock.now());
  }
}

export class GroupsHolder implements PersonalDataHolder {
  readonly category = 'groups';
  constructor(private readonly d: Pick<UsersDeps, 'groups'> & Erasing) {}

  async exportSubject(subject: DataSubject) {
    const ids = (await this.d.groups.groupIdsOf(subject.tenantId, [subject.userId])).get(subject.userId) ?? [];
    const rows: Array<Record<string, unknown>> = [];
    for (const id of ids) {
      const group = await this.d.groups.byId(subject.tenantId, id);
      if (group) rows.push({ groupId: group.id, name: group.name, type: group.type });
    }
    return rows;
  }

  eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    return this.d.eraser.eraseMemberships(subject.tenantId, subject.userId);
  }
}

export class DevicesHolder implements PersonalDataHolder {
  readonly category = 'devices';
  constructor(private readonly d: Pick<UsersDeps, 'sessions'> & Erasing) {}

  async exportSubject(subject: DataSubject) {
    return (await this.d.sessions.allOf(subject.tenantId, subject.userId)).map((s) => ({
      sessionId: s.id,
      deviceName: s.deviceName,
      platform: s.platform,
      appVersion: s.appVersion,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      revokedAt: s.revokedAt,
    }));
  }

  eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    return this.d.eraser.eraseSessions(subject.tenantId, subject.userId);
  }
}
