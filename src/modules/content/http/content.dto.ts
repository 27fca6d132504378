import type { components } from '../../../platform/http/contract.js';
import type { AdminItemView, OutlineView } from '../application/content-items.js';
import type { Contact } from '../domain/contact.js';
import { placeInTree } from '../domain/content-item.js';

export function toItemDto(view: AdminItemView): components['schemas']['ContentItem'] {
  const { item } = view;
  return {
    ...placeInTree(item),
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

/** An item of the console's tree view: no body, its audience gathered. */
export function toOutlineDto(row: OutlineView): components['schemas']['ContentOutlineItem'] {
  return {
    ...placeInTree(row),
    status: row.status,
    audience: { everyone: row.everyone, groupIds: row.groupIds, userIds: row.userIds },
    unreachable: row.unreachable,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
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
