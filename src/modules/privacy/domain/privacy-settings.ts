import { randomUUID } from 'node:crypto';

/** A tenant's own privacy choices: what the daily retention job may do. */
export class PrivacySettings {
  tenantId!: string;
  /** Erase people past their retention date automatically (otherwise they are only flagged). */
  erasePastRetention!: boolean;
  /** Deactivated accounts are purged to name and e-mail after this many months. */
  deactivatedPurgeMonths!: number;
  updatedAt!: Date;

  private constructor() {}

  static defaults(tenantId: string, now: Date): PrivacySettings {
    const settings = new PrivacySettings();
    Object.assign(settings, { tenantId, erasePastRetention: false, deactivatedPurgeMonths: 6, updatedAt: now });
    return settings;
  }

  change(changes: { erasePastRetention?: boolean; deactivatedPurgeMonths?: number }, now: Date): void {
    if (changes.erasePastRetention !== undefined) this.erasePastRetention = changes.erasePastRetention;
    if (changes.deactivatedPurgeMonths !== undefined) this.deactivatedPurgeMonths = changes.deactivatedPurgeMonths;
    this.updatedAt = now;
  }

  /** Accounts deactivated before this moment are due for purging. */
  purgeDeactivatedBefore(now: Date): Date {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - this.deactivatedPurgeMonths);
    return cutoff;
  }
}

/** The job found a person past their retention date (flagged once; erased too where the tenant chose so). */
export class RetentionFlag {
  tenantId!: string;
  subjectType!: 'user' | 'contact';
  subjectId!: string;
  retentionUntil!: string;
  flaggedAt!: Date;

  private constructor() {}

  static of(props: Omit<RetentionFlag, 'flaggedAt'>, now: Date): RetentionFlag {
    const flag = new RetentionFlag();
    Object.assign(flag, { ...props, flaggedAt: now });
    return flag;
  }
}

/** Which version of the processor agreement (verwerkersovereenkomst) a tenant accepted, by whom, when. */
export class ProcessorAgreement {
  id!: string;
  tenantId!: string;
  version!: string;
  acceptedByName!: string;
  acceptedByEmail!: string;
  acceptedAt!: Date;
  /** The operator who recorded it. */
  recordedBy!: string;

  private constructor() {}

  static accept(props: Omit<ProcessorAgreement, 'id'>): ProcessorAgreement {
    const agreement = new ProcessorAgreement();
    Object.assign(agreement, { id: randomUUID(), ...props });
    return agreement;
  }
}
