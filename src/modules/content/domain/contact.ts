import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidContent } from './content.errors.js';

export const LEGAL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export interface ContactDetails {
  name: string;
  organisation: string | null;
  function: string | null;
  phones: string[];
  email: string | null;
  notes: string | null;
  /** Bewaartermijn: keep the person's data until this date. */
  retentionUntil: string | null;
  /** Grondslag: why the organisation may process this person's data. */
  legalBasis: LegalBasis | null;
  legalBasisNote: string | null;
}

/** An external contact person shown in contact lists: personal data, but not a user. */
export class Contact {
  id!: string;
  tenantId!: string;
  name!: string;
  organisation!: string | null;
  function!: string | null;
  phones!: string[];
  email!: string | null;
  notes!: string | null;
  retentionUntil!: string | null;
  legalBasis!: LegalBasis | null;
  legalBasisNote!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static create(props: { tenantId: string } & Partial<ContactDetails> & { name: string }, now: Date): Result<Contact, InvalidContent> {
    const contact = new Contact();
    Object.assign(contact, {
      id: randomUUID(),
      tenantId: props.tenantId,
      name: '',
      organisation: null,
      function: null,
      phones: [],
      email: null,
      notes: null,
      retentionUntil: null,
      legalBasis: null,
      legalBasisNote: null,
      createdAt: now,
      updatedAt: now,
    });
    const { tenantId: _tenantId, ...details } = props;
    const changed = contact.change(details, now);
    return changed.ok ? ok(contact) : changed;
  }

  change(changes: Partial<ContactDetails>, now: Date): Result<void, InvalidContent> {
    if (changes.name !== undefined && changes.name.trim() === '') return fail(new InvalidContent('name', 'must not be empty'));
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      (this as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() || null : value;
    }
    if (changes.name !== undefined) this.name = changes.name.trim();
    this.updatedAt = now;
    return ok(undefined);
  }
}
