import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidTenantSettings, TenantAlreadyActive, TenantAlreadySuspended } from './tenant.errors.js';

export type TenantStatus = 'active' | 'suspended';
export const SECOND_FACTOR_POLICIES = ['optional', 'admins', 'everyone'] as const;
export type SecondFactorPolicy = (typeof SECOND_FACTOR_POLICIES)[number];
export const TENANT_LOCALES = ['nl-NL', 'en-GB'] as const;
export type TenantLocale = (typeof TENANT_LOCALES)[number];

export interface TenantSettings {
  name: string;
  locale: TenantLocale;
  timeZone: string;
  dpoContact: string | null;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A customer organisation: the unit of isolation, and the controller in GDPR terms. */
export class Tenant {
  id!: string;
  slug!: string;
  name!: string;
  locale!: TenantLocale;
  timeZone!: string;
  dpoContact!: string | null;
  /** Who must sign in with a second factor. */
  secondFactorPolicy!: SecondFactorPolicy;
  /** Branding the apps show: colours as #rrggbb and the logo (an uploaded image). */
  primaryColor!: string | null;
  accentColor!: string | null;
  logoMediaId!: string | null;
  status!: TenantStatus;
  suspensionReason!: string | null;
  suspendedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static create(props: { slug: string } & TenantSettings, now: Date): Result<Tenant, InvalidTenantSettings> {
    if (!SLUG.test(props.slug)) {
      return fail(new InvalidTenantSettings('slug', 'use lower-case letters, digits and hyphens'));
    }
    const problem = checkSettings(props);
    if (problem) return fail(problem);
    const tenant = new Tenant();
    Object.assign(tenant, {
      id: randomUUID(),
      slug: props.slug,
      name: props.name.trim(),
      locale: props.locale,
      timeZone: props.timeZone,
      dpoContact: props.dpoContact,
      secondFactorPolicy: 'optional',
      primaryColor: null,
      accentColor: null,
      logoMediaId: null,
      status: 'active',
      suspensionReason: null,
      suspendedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    return ok(tenant);
  }

  /** Returns whether anything changed, so a re-applied definition is a no-op. */
  changeSettings(changes: Partial<TenantSettings>, now: Date): Result<boolean, InvalidTenantSettings> {
    const next: TenantSettings = {
      name: changes.name?.trim() ?? this.name,
      locale: changes.locale ?? this.locale,
      timeZone: changes.timeZone ?? this.timeZone,
      dpoContact: changes.dpoContact === undefined ? this.dpoContact : changes.dpoContact,
    };
    const problem = checkSettings(next);
    if (problem) return fail(problem);
    const changed =
      next.name !== this.name ||
      next.locale !== this.locale ||
      next.timeZone !== this.timeZone ||
      next.dpoContact !== this.dpoContact;
    if (changed) {
      Object.assign(this, next);
      this.updatedAt = now;
    }
    return ok(changed);
  }

  setSecondFactorPolicy(policy: SecondFactorPolicy, now: Date): void {
    if (policy === this.secondFactorPolicy) return;
    this.secondFactorPolicy = policy;
    this.updatedAt = now;
  }

  /** Returns whether the logo changed, so the new one can be shared with the tenant's users. */
  brand(branding: { primaryColor: string | null; accentColor: string | null; logoMediaId: string | null }, now: Date): boolean {
    const logoChanged = branding.logoMediaId !== this.logoMediaId;
    Object.assign(this, branding);
    this.updatedAt = now;
    return logoChanged;
  }

  suspend(reason: string, now: Date): Result<void, TenantAlreadySuspended> {
    if (this.status === 'suspended') return fail(new TenantAlreadySuspended());
    this.status = 'suspended';
    this.suspensionReason = reason.trim();
    this.suspendedAt = now;
    this.updatedAt = now;
    return ok(undefined);
  }

  reactivate(now: Date): Result<void, TenantAlreadyActive> {
    if (this.status === 'active') return fail(new TenantAlreadyActive());
    this.status = 'active';
    this.suspensionReason = null;
    this.suspendedAt = null;
    this.updatedAt = now;
    return ok(undefined);
  }

  isSuspended(): boolean {
    return this.status === 'suspended';
  }
}

function checkSettings(settings: TenantSettings): InvalidTenantSettings | null {
  if (settings.name.trim().length === 0) return new InvalidTenantSettings('name', 'must not be empty');
  if (!(TENANT_LOCALES as readonly string[]).includes(settings.locale)) {
    return new InvalidTenantSettings('locale', `must be one of ${TENANT_LOCALES.join(', ')}`);
  }
  if (!isTimeZone(settings.timeZone)) {
    return new InvalidTenantSettings('timeZone', 'must be an IANA time zone such as Europe/Amsterdam');
  }
  return null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}
