import type { components } from '../../../platform/http/contract.js';
import type { AdminItemView } from '../application/content-items.js';
import type { Contact } from '../domain/contact.js';

export function toItemDto(view: AdminItemView): components['schemas']['ContentItem'] {
  const { item } = view;
  return {
    id: item.id,
    parentId: item.parentId,
    kind: item.kind,
    title: item.title,
    position: item.position,
    status: item.status,
    body: item.body,
    audience: view.audience,
    unreachable: view.unreachable,
    version: item.version,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    publishedAt: item.publishedAt?.toISOString() ?? null,
  };
}

export function toContactDto(contact: Contact): components['schemas']['Contact'] {
  return {
    id: contact.id,
    name: contact.name,
    organisation: contact.organisation,
    function: contact.function,
    phones: contact.phones,
    email: contact.email,
    notes: contact.notes,
    retentionUntil: contact.retentionUntil,
    legalBasis: contact.legalBasis,
    legalBasisNote: contact.legalBasisNote,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}
