import { randomUUID } from 'node:crypto';
import type { LegalBasis } from '../../../platform/domain/legal-basis.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidRegisterEntry } from './privacy.errors.js';

/** GDPR art. 9: data whose processing is forbidden unless an exception applies. */
export const SPECIAL_CATEGORIES = ['health', 'racial_or_ethnic_origin', 'political_opinions', 'religious_beliefs', 'trade_union_membership', 'genetic', 'biometric', 'sex_life_or_orientation', 'criminal_records'] as const;
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];

export interface ProcessingDetails {
  activity: string;
  purpose: string;
  dataCategories: string[];
  specialCategories: SpecialCategory[];
  legalBasis: LegalBasis;
  retention: string;
  processors: string[];
  recipients: string[];
  responsible: string;
}

/** An entry of the processing register (verwerkingsregister, GDPR art. 30). */
export class ProcessingActivity {
  id!: string;
  tenantId!: string;
  activity!: string;
  purpose!: string;
  dataCategories!: string[];
  specialCategories!: SpecialCategory[];
  legalBasis!: LegalBasis;
  retention!: string;
  processors!: string[];
  recipients!: string[];
  responsible!: string;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static record(props: { tenantId: string } & ProcessingDetails, now: Date): Result<ProcessingActivity, InvalidRegisterEntry> {
    const entry = new ProcessingActivity();
    Object.assign(entry, { id: randomUUID(), tenantId: props.tenantId, createdAt: now });
    const { tenantId: _tenantId, ...details } = props;
    const changed = entry.change(details, now);
    return changed.ok ? ok(entry) : changed;
  }

  change(changes: Partial<ProcessingDetails>, now: Date): Result<void, InvalidRegisterEntry> {
    for (const field of ['activity', 'purpose', 'retention', 'responsible'] as const) {
      const value = changes[field];
      if (value !== undefined && value.trim() === '') return fail(new InvalidRegisterEntry(field, 'must not be empty'));
    }
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      (this as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : Array.isArray(value) ? [...new Set(value)] : value;
    }
    this.updatedAt = now;
    return ok(undefined);
  }

  /** Flagged in the register: special categories need an art. 9 exception besides a legal basis. */
  involvesSpecialCategories(): boolean {
    return this.specialCategories.length > 0;
  }
}
