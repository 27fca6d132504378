import { createHash, randomUUID } from 'node:crypto';

export type ErasureSubjectType = 'user' | 'contact';
export type ErasureReason = 'admin_request' | 'own_request' | 'retention_expired';

/**
 * One line of the erasure ledger: which subject (by id only) was erased, when, why. It holds no
 * personal data, so it can outlive the person; after a backup is restored the ledger says whom
 * to erase again (`npm run privacy:reapply-erasures`).
 */
export class ErasureRecord {
  id!: string;
  tenantId!: string;
  subjectType!: ErasureSubjectType;
  subjectId!: string;
  reason!: ErasureReason;
  erasedAt!: Date;
  /** Who asked: a user id, 'system' for the retention job. Never a name. */
  requestedBy!: string;

  private constructor() {}

  static of(props: { tenantId: string; subjectType: ErasureSubjectType; subjectId: string; reason: ErasureReason; requestedBy: string }, now: Date): ErasureRecord {
    const record = new ErasureRecord();
    Object.assign(record, { id: randomUUID(), ...props, erasedAt: now });
    return record;
  }

  /** A line as it was written (read back from the copy outside the database). */
  static restore(props: { id: string; tenantId: string; subjectType: ErasureSubjectType; subjectId: string; reason: ErasureReason; requestedBy: string; erasedAt: Date }): ErasureRecord {
    const record = new ErasureRecord();
    Object.assign(record, props);
    return record;
  }
}

/**
 * The stable pseudonym an erased person's evidence (incident log entries) stays attributed to:
 * their initials and a short tag derived from their id, e.g. "Oud-deelnemer J.V. #3f2a9c". The
 * same person always gets the same pseudonym, so re-applying an erasure after a restore agrees
 * with the first time, and two people with the same initials stay apart.
 */
export function pseudonymFor(name: string, subjectId: string): string {
  const initials = name
    .trim()
    .split(/\s+/)
    .filter((part) => /^\p{Lu}/u.test(part))
    .map((part) => `${[...part][0]}.`)
    .join('');
  const tag = createHash('sha256').update(subjectId).digest('hex').slice(0, 6);
  return `Oud-deelnemer ${initials || '?'} #${tag}`;
}
