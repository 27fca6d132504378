import type { DataSubject, PersonalDataHolder } from '../../../platform/privacy/personal-data.js';
import { PeopleRecords, personRecord } from '../../../platform/privacy/people-records.js';
import type { Contact } from '../domain/contact.js';
import type { ContentDeps } from './deps.js';

export const CONTACT_EXPORT_COLUMNS = ['id', 'name', 'organisation', 'function', 'phones', 'email', 'notes', 'retentionUntil', 'legalBasis', 'legalBasisNote', 'createdAt', 'updatedAt'] satisfies Array<keyof Contact>;

/** What the privacy module may ask of contacts: export pages, retention candidates, erasure. */
export class ContactPrivacy extends PeopleRecords<Contact> {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'contacts' | 'clock'>) {
    super(CONTACT_EXPORT_COLUMNS, d.contacts, (contact) => personRecord(contact, CONTACT_EXPORT_COLUMNS));
  }

  /** The contact goes, and leaves every contact list that showed them. */
  async erase(tenantId: string, contactId: string): Promise<void> {
    const contact = await this.d.contacts.byId(tenantId, contactId);
    if (!contact) return;
    for (const list of await this.d.items.contactListsShowing(tenantId, contactId)) list.dropEntriesOf({ contactId }, this.d.clock.now());
    this.d.contacts.remove(contact);
  }
}

/** Where a user appears in content: contact lists naming them, items linked to them, their sync state. */
export class ContentAppearancesHolder implements PersonalDataHolder {
  readonly category = 'content_appearances';
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'snapshots' | 'clock'>) {}

  async exportSubject(subject: DataSubject) {
    const lists = (await this.d.items.contactListsNamingUser(subject.tenantId, subject.userId)).map((item) => ({ kind: 'contact_list_entry', itemId: item.id, title: item.title }));
    const linked = (await this.d.items.itemIdsLinkedToUser(subject.tenantId, subject.userId)).map((itemId) => ({ kind: 'audience_link', itemId, title: null }));
    return [...lists, ...linked];
  }

  async eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    const now = this.d.clock.now();
    for (const list of await this.d.items.contactListsNamingUser(subject.tenantId, subject.userId)) list.dropEntriesOf({ userId: subject.userId }, now);
    await this.d.items.unlinkUser(subject.tenantId, subject.userId);
    await this.d.snapshots.forgetUser(subject.tenantId, subject.userId);
  }
}
