import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidRegisterEntry } from './privacy.errors.js';

/** GDPR art. 33: a breach is reported to the authority within 72 hours of becoming aware of it. */
export const REPORTING_DEADLINE_HOURS = 72;

export interface BreachDetails {
  title: string;
  description: string;
  foundAt: Date;
  dataCategories: string[];
  peopleAffected: number | null;
  reportable: boolean;
  reportedToAuthorityAt: Date | null;
  authorityReference: string | null;
  measures: string | null;
}

/** An entry of the breach register (datalekregister) every controller keeps. */
export class Breach {
  id!: string;
  tenantId!: string;
  title!: string;
  description!: string;
  foundAt!: Date;
  dataCategories!: string[];
  peopleAffected!: number | null;
  reportable!: boolean;
  reportedToAuthorityAt!: Date | null;
  authorityReference!: string | null;
  measures!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static record(props: { tenantId: string } & Partial<BreachDetails> & { title: string; description: string; foundAt: Date }, now: Date): Result<Breach, InvalidRegisterEntry> {
    const breach = new Breach();
    Object.assign(breach, {
      id: randomUUID(),
      tenantId: props.tenantId,
      dataCategories: [],
      peopleAffected: null,
      reportable: true,
      reportedToAuthorityAt: null,
      authorityReference: null,
      measures: null,
      createdAt: now,
    });
    const { tenantId: _tenantId, ...details } = props;
    const changed = breach.change(details, now);
    return changed.ok ? ok(breach) : changed;
  }

  change(changes: Partial<BreachDetails>, now: Date): Result<void, InvalidRegisterEntry> {
    if (changes.title !== undefined && changes.title.trim() === '') return fail(new InvalidRegisterEntry('title', 'must not be empty'));
    if (changes.foundAt && changes.foundAt.getTime() > now.getTime()) return fail(new InvalidRegisterEntry('foundAt', 'lies in the future'));
    const foundAt = changes.foundAt ?? this.foundAt;
    const reportedAt = changes.reportedToAuthorityAt === undefined ? this.reportedToAuthorityAt : changes.reportedToAuthorityAt;
    if (reportedAt && reportedAt.getTime() < foundAt.getTime()) return fail(new InvalidRegisterEntry('reportedToAuthorityAt', 'lies before the breach was found'));
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) (this as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value;
    }
    this.updatedAt = now;
    return ok(undefined);
  }

  /** When the authority must have been told: 72 hours after the breach was found. */
  reportingDeadline(): Date {
    return new Date(this.foundAt.getTime() + REPORTING_DEADLINE_HOURS * 3600_000);
  }

  /** A reportable breach not (yet) reported after its deadline, or reported too late. */
  isOverdue(now: Date): boolean {
    if (!this.reportable) return false;
    const deadline = this.reportingDeadline().getTime();
    return this.reportedToAuthorityAt ? this.reportedToAuthorityAt.getTime() > deadline : now.getTime() > deadline;
  }
}
