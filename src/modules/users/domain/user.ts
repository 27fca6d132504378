import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { LegalBasis, RetentionAndBasis } from '../../../platform/domain/legal-basis.js';
import { InvalidUser, SecondFactorAlreadyEnabled, SecondFactorNotStarted, UserNotInvited, UserStatusConflict } from './user.errors.js';

export const ROLES = ['admin', 'coordinator', 'member'] as const;
export type Role = (typeof ROLES)[number];
export type UserStatus = 'invited' | 'active' | 'deactivated';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface UserDetails {
  email: string;
  name: string;
  phone: string | null;
  jobTitle: string | null;
  location: string | null;
  roles: Role[];
}

export type { RetentionAndBasis };

/** A person with an account in one tenant. The same e-mail in another tenant is another user. */
export class User {
  id!: string;
  tenantId!: string;
  email!: string;
  name!: string;
  phone!: string | null;
  jobTitle!: string | null;
  location!: string | null;
  roles!: Role[];
  status!: UserStatus;
  passwordHash!: string | null;
  /** The TOTP secret, sealed (encrypted) by the caller; null without a second factor. */
  totpSecretSealed!: string | null;
  /** A secret being enrolled, until a first code confirms it. */
  totpPendingSealed!: string | null;
  totpEnabledAt!: Date | null;
  /** The last accepted 30-second step: a code of that step or earlier is never accepted again. */
  totpLastStep!: number | null;
  activatedAt!: Date | null;
  deactivatedAt!: Date | null;
  /** Bewaartermijn: keep the person's data until this date (YYYY-MM-DD). */
  retentionUntil!: string | null;
  /** Grondslag: why the organisation may process this person's data. */
  legalBasis!: LegalBasis | null;
  legalBasisNote!: string | null;
  /** When a deactivated account was purged down to name and e-mail address. */
  purgedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static invite(
    props: { tenantId: string; email: string; name: string; roles: Role[]; phone?: string | null; jobTitle?: string | null; location?: string | null },
    now: Date,
  ): Result<User, InvalidUser> {
    const details = checkDetails({
      email: props.email,
      name: props.name,
      phone: props.phone ?? null,
      jobTitle: props.jobTitle ?? null,
      location: props.location ?? null,
      roles: props.roles,
    });
    if (!details.ok) return details;
    const user = new User();
    Object.assign(user, {
      id: randomUUID(),
      tenantId: props.tenantId,
      ...details.value,
      status: 'invited',
      passwordHash: null,
      totpSecretSealed: null,
      totpPendingSealed: null,
      totpEnabledAt: null,
      totpLastStep: null,
      activatedAt: null,
      deactivatedAt: null,
      retentionUntil: null,
      legalBasis: null,
      legalBasisNote: null,
      purgedAt: null,
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

  /** Changes details; returns the roles before, so a caller can tell (and audit) a role change. */
  update(changes: Partial<UserDetails>, now: Date): Result<{ rolesBefore: Role[] }, InvalidUser> {
    const details = checkDetails({
      email: changes.email ?? this.email,
      name: changes.name ?? this.name,
      phone: changes.phone === undefined ? this.phone : changes.phone,
      jobTitle: changes.jobTitle === undefined ? this.jobTitle : changes.jobTitle,
      location: changes.location === undefined ? this.location : changes.location,
      roles: changes.roles ?? this.roles,
    });
    if (!details.ok) return details;
    const rolesBefore = [...this.roles];
    Object.assign(this, details.value);
    this.updatedAt = now;
    return ok({ rolesBefore });
  }

  /** Records how long the person's data is kept and on which legal basis. */
  setRetentionAndBasis(changes: Partial<RetentionAndBasis>, now: Date): void {
    if (changes.retentionUntil !== undefined) this.retentionUntil = changes.retentionUntil;
    if (changes.legalBasis !== undefined) this.legalBasis = changes.legalBasis;
    if (changes.legalBasisNote !== undefined) this.legalBasisNote = changes.legalBasisNote?.trim() || null;
    this.updatedAt = now;
  }

  /** Whether the retention date has passed on `today` (YYYY-MM-DD). */
  isPastRetention(today: string): boolean {
    return this.retentionUntil !== null && this.retentionUntil < today;
  }

  /**
   * A deactivated account past the tenant's period keeps only its name and e-mail address (so the
   * organisation can still tell who it was); everything else personal goes, credentials included.
   */
  purge(now: Date): Result<void, UserStatusConflict> {
    if (this.status !== 'deactivated') return fail(new UserStatusConflict('Only a deactivated account can be purged.'));
    Object.assign(this, {
      phone: null,
      jobTitle: null,
      location: null,
      passwordHash: null,
      totpSecretSealed: null,
      totpPendingSealed: null,
      totpEnabledAt: null,
      totpLastStep: null,
      legalBasisNote: null,
      purgedAt: now,
      updatedAt: now,
    });
    return ok(undefined);
  }

  changePassword(passwordHash: string, now: Date): void {
    this.passwordHash = passwordHash;
    this.updatedAt = now;
  }

  deactivate(now: Date): Result<void, UserStatusConflict> {
    if (this.status === 'deactivated') return fail(new UserStatusConflict('The user is deactivated already.'));
    this.status = 'deactivated';
    this.deactivatedAt = now;
    this.updatedAt = now;
    return ok(undefined);
  }

  /** Back to where they were: active when they had activated, invited otherwise. */
  reactivate(now: Date): Result<void, UserStatusConflict> {
    if (this.status !== 'deactivated') return fail(new UserStatusConflict('Only a deactivated user can be reactivated.'));
    this.status = this.activatedAt ? 'active' : 'invited';
    this.deactivatedAt = null;
    this.updatedAt = now;
    return ok(undefined);
  }

  startSecondFactorEnrolment(pendingSealed: string, now: Date): Result<void, SecondFactorAlreadyEnabled> {
    if (this.totpSecretSealed) return fail(new SecondFactorAlreadyEnabled());
    this.totpPendingSealed = pendingSealed;
    this.updatedAt = now;
    return ok(undefined);
  }

  /** The first code proved the app holds the secret: it becomes the second factor. */
  confirmSecondFactor(step: number, now: Date): Result<void, SecondFactorNotStarted> {
    if (!this.totpPendingSealed) return fail(new SecondFactorNotStarted());
    this.totpSecretSealed = this.totpPendingSealed;
    this.totpPendingSealed = null;
    this.totpEnabledAt = now;
    this.totpLastStep = step;
    this.updatedAt = now;
    return ok(undefined);
  }

  /** Replay protection: a step is accepted once, and never one before the last accepted. */
  acceptSecondFactorStep(step: number): boolean {
    if (this.totpLastStep !== null && step <= this.totpLastStep) return false;
    this.totpLastStep = step;
    return true;
  }

  resetSecondFactor(now: Date): void {
    this.totpSecretSealed = null;
    this.totpPendingSealed = null;
    this.totpEnabledAt = null;
    this.totpLastStep = null;
    this.updatedAt = now;
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

  hasSecondFactor(): boolean {
    return this.totpSecretSealed !== null;
  }

  /** Whether the tenant's policy asks this user for a second factor. */
  needsSecondFactor(policy: 'optional' | 'admins' | 'everyone'): boolean {
    return policy === 'everyone' || (policy === 'admins' && this.isAdmin());
  }
}

function checkDetails(details: UserDetails): Result<UserDetails, InvalidUser> {
  const email = normaliseEmail(details.email);
  if (!EMAIL.test(email)) return fail(new InvalidUser('email', 'is not an e-mail address'));
  if (details.name.trim().length === 0) return fail(new InvalidUser('name', 'must not be empty'));
  if (details.roles.length === 0) return fail(new InvalidUser('roles', 'needs at least one role'));
  if (details.roles.some((role) => !(ROLES as readonly string[]).includes(role))) return fail(new InvalidUser('roles', 'has an unknown role'));
  const blank = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
  return ok({
    email,
    name: details.name.trim(),
    phone: blank(details.phone),
    jobTitle: blank(details.jobTitle),
    location: blank(details.location),
    roles: [...new Set(details.roles)].sort(),
  });
}
