import type { DataSubject } from '../../../platform/privacy/personal-data.js';
import { ErasureRecord, pseudonymFor, type ErasureReason } from '../domain/erasure.js';
import type { PrivacyDeps } from './deps.js';

/**
 * Erasure as every use case needs it (admin request, own request, retention job, re-application
 * after a restore): each module erases its part through its PersonalDataHolder, in the caller's
 * transaction, so an erasure is complete or not at all.
 */
export class ErasureService {
  constructor(private readonly d: Pick<PrivacyDeps, 'users' | 'contacts' | 'holders' | 'ledger' | 'ledgerCopy' | 'flags' | 'clock'>) {}

  /** Erases a user; false when there is no such user. `record` false when re-applying the ledger. */
  async eraseUser(tenantId: string, userId: string, why: { reason: ErasureReason; requestedBy: string }, record = true): Promise<boolean> {
    const name = await this.d.users.nameOf(tenantId, userId);
    if (name === null) return false;
    const subject: DataSubject & { pseudonym: string } = { tenantId, userId, pseudonym: pseudonymFor(name, userId) };
    for (const holder of this.accountLast()) await holder.eraseSubject(subject);
    await this.d.flags.forget(tenantId, 'user', userId);
    if (record) await this.record(ErasureRecord.of({ tenantId, subjectType: 'user', subjectId: userId, ...why }, this.d.clock.now()));
    return true;
  }

  /**
   * Purges a deactivated account down to name and e-mail: every module removes its part (a
   * holder with `purgeSubject` decides what that is; otherwise it erases as for an erasure), and
   * the account keeps only the name and e-mail address. False when there is no such user.
   */
  async purgeUser(tenantId: string, userId: string): Promise<boolean> {
    const name = await this.d.users.nameOf(tenantId, userId);
    if (name === null) return false;
    const subject: DataSubject & { pseudonym: string } = { tenantId, userId, pseudonym: pseudonymFor(name, userId) };
    for (const holder of this.accountLast()) await (holder.purgeSubject ? holder.purgeSubject(subject) : holder.eraseSubject(subject));
    return true;
  }

  async eraseContact(tenantId: string, contactId: string, why: { reason: ErasureReason; requestedBy: string }, record = true): Promise<boolean> {
    if ((await this.d.contacts.nameOf(tenantId, contactId)) === null) return false;
    await this.d.contacts.erase(tenantId, contactId);
    await this.d.flags.forget(tenantId, 'contact', contactId);
    if (record) await this.record(ErasureRecord.of({ tenantId, subjectType: 'contact', subjectId: contactId, ...why }, this.d.clock.now()));
    return true;
  }

  /** The account itself goes last, so every other module can still read what it needs of it. */
  private accountLast() {
    return [...this.d.holders()].sort((x, y) => Number(x.category === 'profile') - Number(y.category === 'profile'));
  }

  /**
   * The ledger line, in the table and in its copy outside the database. The copy is written
   * before the transaction commits: should the erasure then roll back, re-applying the ledger
   * erases someone whose erasure was asked for; the other order could lose a line for good.
   */
  private async record(line: ErasureRecord): Promise<void> {
    this.d.ledger.add(line);
    await this.d.ledgerCopy.write(line);
  }
}
