import { isoDate } from '../../../platform/domain/legal-basis.js';
import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Contact, type ContactDetails } from '../domain/contact.js';
import type { InvalidContent } from '../domain/content.errors.js';
import type { UserProfileChanged } from '../../users/domain/events.js';
import type { ContactListQuery } from '../ports.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { ContentDeps } from './deps.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

function audited(d: Pick<ContentDeps, 'audit'>, actor: Actor, action: string, contactId: string): void {
  d.audit.record(auditEntry(actor, { action, subjectType: 'contact', subjectId: contactId }));
}

/** Contact lists that show a contact change for their readers when the contact does. */
async function touchListsShowing(d: Pick<ContentDeps, 'items' | 'clock'>, tenantId: string, contactId: string): Promise<void> {
  for (const list of await d.items.contactListsShowing(tenantId, contactId)) list.touch(d.clock.now());
}

export class CreateContact {
  constructor(private readonly d: Pick<ContentDeps, 'contacts' | 'clock' | 'audit'>) {}

  execute(command: { actor: Actor } & Partial<ContactDetails> & { name: string }): Promise<Result<Contact, InvalidContent>> {
    const { actor, ...details } = command;
    const created = Contact.create({ tenantId: actor.tenantId, ...details }, this.d.clock.now());
    if (!created.ok) return Promise.resolve(created);
    this.d.contacts.add(created.value);
    audited(this.d, actor, 'contact.created', created.value.id);
    return Promise.resolve(ok(created.value));
  }
}

export class ListContacts {
  constructor(private readonly d: Pick<ContentDeps, 'contacts' | 'clock' | 'audit'>) {}

  async execute(query: { actor: Actor; pastRetention?: boolean } & Omit<ContactListQuery, 'pastRetentionOn'>) {
    const { actor, pastRetention, ...filter } = query;
    const { items, total } = await this.d.contacts.list(actor.tenantId, { ...filter, ...(pastRetention ? { pastRetentionOn: isoDate(this.d.clock.now()) } : {}) });
    recordPersonalDataReads(this.d.audit, actor, 'contact', items.map((c) => c.id), 'contact');
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}

export class GetContact {
  constructor(private readonly d: Pick<ContentDeps, 'contacts' | 'audit'>) {}

  async execute(query: { actor: Actor; contactId: string }): Promise<Result<Contact, NotFound>> {
    const contact = await this.d.contacts.byId(query.actor.tenantId, query.contactId);
    if (!contact) return fail(new NotFound('Contact'));
    recordPersonalDataReads(this.d.audit, query.actor, 'contact', [contact.id], 'contact');
    return ok(contact);
  }
}

export class UpdateContact {
  constructor(private readonly d: Pick<ContentDeps, 'contacts' | 'items' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; contactId: string; changes: Partial<ContactDetails> }): Promise<Result<Contact, NotFound | InvalidContent>> {
    const contact = await this.d.contacts.byId(command.actor.tenantId, command.contactId);
    if (!contact) return fail(new NotFound('Contact'));
    const changed = contact.change(command.changes, this.d.clock.now());
    if (!changed.ok) return changed;
    await touchListsShowing(this.d, contact.tenantId, contact.id);
    audited(this.d, command.actor, 'contact.updated', contact.id);
    return ok(contact);
  }
}

export class DeleteContact {
  constructor(private readonly d: Pick<ContentDeps, 'contacts' | 'items' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; contactId: string }): Promise<Result<void, NotFound>> {
    const contact = await this.d.contacts.byId(command.actor.tenantId, command.contactId);
    if (!contact) return fail(new NotFound('Contact'));
    await touchListsShowing(this.d, contact.tenantId, contact.id);
    this.d.contacts.remove(contact);
    audited(this.d, command.actor, 'contact.deleted', contact.id);
    return ok(undefined);
  }
}

/** A user's name, job title, phone or e-mail changed: contact lists showing them change for their readers too. */
export class TouchListsShowingUser {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'clock'>) {}

  async handle(event: UserProfileChanged): Promise<void> {
    for (const list of await this.d.items.contactListsShowingUser(event.tenantId, event.userId)) list.touch(this.d.clock.now());
  }
}
