import { tableSchema, tenantOwnedSchema, timestamps, timestamp, optionalTimestamp, keyUuid } from '../../../platform/database/entity-schema.js';
import { AudienceLink, SyncSnapshot } from '../domain/audience.js';
import { Contact } from '../domain/contact.js';
import { ContentItem } from '../domain/content-item.js';
import { Media } from '../domain/media.js';

export const ContentItemSchema = tenantOwnedSchema(ContentItem, 'content_items', {
  parentId: { type: 'uuid', nullable: true },
  kind: { type: 'string', length: 20 },
  title: { type: 'string', length: 300 },
  position: { type: 'integer' },
  status: { type: 'string', length: 16 },
  body: { type: 'json' },
  everyone: { type: 'boolean', default: false },
  version: { type: 'integer' },
  ...timestamps,
  publishedAt: optionalTimestamp,
  deletedAt: optionalTimestamp,
}, {
  indexes: [
    { name: 'content_items_tenant_parent_index', properties: ['tenantId', 'parentId'] },
    { name: 'content_items_tenant_version_index', properties: ['tenantId', 'version'] },
    // The two kinds of candidate every view reads besides its audience links.
    { name: 'content_items_everyone_index', expression: 'create index "content_items_everyone_index" on "content_items" ("tenant_id") where everyone and status = \'published\' and deleted_at is null' },
    { name: 'content_items_folders_index', expression: 'create index "content_items_folders_index" on "content_items" ("tenant_id") where kind = \'folder\' and status = \'published\' and deleted_at is null' },
    { name: 'content_items_tenant_status_index', properties: ['tenantId', 'status'] },
  ],
});

export const AudienceLinkSchema = tableSchema(AudienceLink, 'content_audience', {
  tenantId: keyUuid,
  itemId: keyUuid,
  targetType: { type: 'string', length: 8, primary: true },
  targetId: keyUuid,
}, {
  indexes: [{ name: 'content_audience_tenant_target_index', properties: ['tenantId', 'targetType', 'targetId'] }],
});

export const ContactSchema = tenantOwnedSchema(Contact, 'contacts', {
  name: { type: 'string', length: 200 },
  organisation: { type: 'string', length: 200, nullable: true },
  function: { type: 'string', length: 200, nullable: true },
  phones: { type: 'string[]' },
  email: { type: 'string', length: 320, nullable: true },
  notes: { type: 'text', nullable: true },
  retentionUntil: { type: 'string', columnType: 'date', nullable: true },
  legalBasis: { type: 'string', length: 30, nullable: true },
  legalBasisNote: { type: 'string', length: 1000, nullable: true },
  ...timestamps,
});

export const SyncSnapshotSchema = tenantOwnedSchema(SyncSnapshot, 'content_sync_snapshots', {
  userId: { type: 'uuid' },
  viewHash: { type: 'string', length: 64 },
  stamp: { type: 'string', length: 300, default: '' },
  items: { type: 'json' },
  createdAt: timestamp,
}, {
  uniques: [{ name: 'content_sync_snapshots_view_unique', properties: ['tenantId', 'userId', 'viewHash'] }],
});

/**
 * Which transaction last changed a tenant's content tree (part ''), and each part of it: the items
 * whose id begins with the same two hex digits (part 'ab'). Written by a trigger on content_items
 * (migration content_tree_changes) at the commit of every transaction that inserts, updates or
 * deletes an item, whoever writes it. A transaction id is never reused, so a value names one state
 * of the tree or part: the change mark a sync reads in one lookup, and what tells a process which
 * parts of its kept tree to read again. No entity of the application writes it.
 */
export class ContentTreeChange {
  tenantId!: string;
  part!: string;
  changedIn!: string;
}

export const ContentTreeChangeSchema = tableSchema(ContentTreeChange, 'content_tree_changes', {
  tenantId: keyUuid,
  part: { type: 'string', length: 2, primary: true },
  changedIn: { type: 'bigint' },
});

export const MediaSchema = tenantOwnedSchema(Media, 'media', {
  kind: { type: 'string', length: 16 },
  mimeType: { type: 'string', length: 100 },
  size: { type: 'integer' },
  width: { type: 'integer', nullable: true },
  height: { type: 'integer', nullable: true },
  originalName: { type: 'string', length: 255, nullable: true },
  renditions: { type: 'string[]' },
  sharedWithTenant: { type: 'boolean', default: false },
  createdBy: { type: 'uuid' },
  createdAt: timestamp,
});

export const contentEntities = [ContentItemSchema, AudienceLinkSchema, ContactSchema, SyncSnapshotSchema, ContentTreeChangeSchema, MediaSchema];
