/**
 * Every module that keeps personal data about a user answers for it here, so the privacy
 * module can honour a data subject's rights without reaching into other modules' tables:
 * it collects each holder's part of an access export and asks each holder to erase.
 *
 * Modules bind their holder under PERSONAL_DATA.Holder (a multi-binding; the privacy module
 * calls `getAll`). Both methods run inside the caller's unit of work, in the subject's tenant,
 * so an erasure commits or rolls back as one.
 */
export interface PersonalDataHolder {
  /** Stable name of the data category, also the sheet name in an xlsx export ("messages", "log_entries"). */
  readonly category: string;
  /** Everything this module holds about the user, as flat rows (one sheet, or one JSON array). */
  exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]>;
  /**
   * Removes the user's personal data from this module's tables and files. What must stay as
   * evidence (incident log entries) stays, attributed to `subject.pseudonym` instead of the person.
   */
  eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void>;
  /**
   * Optional: purges a deactivated account's data after the tenant's period, when that differs
   * from an erasure. The account keeps only name and e-mail, so a holder without this method is
   * purged by `eraseSubject` (push devices, audience links, contact-list entries all go).
   */
  purgeSubject?(subject: DataSubject & { pseudonym: string }): Promise<void>;
}

export interface DataSubject {
  tenantId: string;
  userId: string;
}

export const PERSONAL_DATA = {
  Holder: Symbol.for('platform.PersonalDataHolder'),
} as const;
