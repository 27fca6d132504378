/** The six lawful bases of GDPR art. 6(1) (in Dutch: grondslagen), as stored for users and contacts. */
export const LEGAL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Retention date (bewaartermijn) and legal basis (grondslag) of a person's data. */
export interface RetentionAndBasis {
  /** Keep the person's data until this date (YYYY-MM-DD). */
  retentionUntil: string | null;
  legalBasis: LegalBasis | null;
  legalBasisNote: string | null;
}

/** Today as a date string in UTC, for comparing with retention dates. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
