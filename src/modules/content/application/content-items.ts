import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { AudienceLink } from '../domain/audience.js';
import { ContentItem, type ContentBody, type ContentKind } from '../domain/content-item.js';
import { MoveIntoItself, NotAFolder, type InvalidContent } from '../domain/content.errors.js';
import type { OutlineRow } from '../ports.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { ContentDeps } from './deps.js';

/** A document must point at a file of the same tenant. */
async function checkMedia(d: Pick<ContentDeps, 'media'>, tenantId: string, kind: ContentKind, body: ContentBody | undefined): Promise<Result<void, NotFound>> {
  const mediaId = kind === 'document' ? body?.mediaId : undefined;
  if (typeof mediaId === 'string' && !(await d.media.byId(tenantId, mediaId))) return fail(new NotFound('Media'));
  return ok(undefined);
}

const ids = (values: unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string'))];

/**
 * Ids in a body must be of the same tenant, as audiences' ids are: a contact list's contacts and
 * users, a scenario's task cards (live task cards). Unknown or foreign ones are 404, nothing stored.
 */
async function checkReferences(d: Pick<ContentDeps, 'items' | 'contacts' | 'people'>, tenantId: string, kind: ContentKind, body: ContentBody | undefined): Promise<Result<void, NotFound>> {
  if (!body) return ok(undefined);
  if (kind === 'contact_list' && Array.isArray(body.entries)) {
    const entries = body.entries as Array<{ contactId?: unknown; userId?: unknown } | null>;
    const contactIds = ids(entries.map((e) => e?.contactId));
    const userIds = ids(entries.map((e) => e?.userId));
    if (contactIds.length > 0 && (await d.contacts.byIds(tenantId, contactIds)).length !== contactIds.length) return fail(new NotFound('Contact'));
    if ((await d.people.missingUsers(tenantId, userIds)).length > 0) return fail(new NotFound('User'));
  }
  if (kind === 'scenario' && Array.isArray(body.taskCardIds)) {
    for (const id of ids(body.taskCardIds as unknown[])) {
      const card = await d.items.byId(tenantId, id);
      if (card?.kind !== 'task_card') return fail(new NotFound('Task card'));
    }
  }
  return ok(undefined);
}

export interface AdminItemView {
  item: ContentItem;
  audience: { everyone: boolean; groupIds: string[]; userIds: string[] };
  unreachable: boolean;
}

/** Audience and reachability of items, for the admin's views of the tree. */
async function adminViews(d: Pick<ContentDeps, 'items'>, tenantId: string, items: ContentItem[], all?: Map<string, ContentItem>): Promise<AdminItemView[]> {
  const links = await d.items.audienceOf(tenantId, items.map((i) => i.id));
  const byItem = new Map<string, { groupIds: string[]; userIds: string[] }>();
  for (const link of links) {
    const entry = byItem.get(link.itemId) ?? { groupIds: [], userIds: [] };
    (link.targetType === 'group' ? entry.groupIds : entry.userIds).push(link.targetId);
    byItem.set(link.itemId, entry);
  }
  const lookup = all ?? new Map((await d.items.all(tenantId)).map((i) => [i.id, i]));
  const pathPublished = (item: ContentItem): boolean => {
    let parentId = item.parentId;
    const seen = new Set<string>();
    while (parentId && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = lookup.get(parentId);
      if (!parent || parent.status !== 'published') return false;
      parentId = parent.parentId;
    }
    return true;
  };
  return items.map((item) => {
    const entry = byItem.get(item.id) ?? { groupIds: [], userIds: [] };
    const nobody = !item.everyone && entry.groupIds.length === 0 && entry.userIds.length === 0;
    // Folders are shown for what is under them, so only an empty audience of a leaf is "into the void".
    const unreachable = item.status === 'published' && ((nobody && !item.isFolder()) || !pathPublished(item));
    return { item, audience: { everyone: item.everyone, ...entry }, unreachable };
  });
}

function audited(d: Pick<ContentDeps, 'audit'>, actor: Actor, action: string, itemId: string, details?: Record<string, unknown>): void {
  d.audit.record(auditEntry(actor, { action, subjectType: 'content_item', subjectId: itemId, ...(details ? { details } : {}) }));
}

export class ListContentItems {
  constructor(private readonly d: Pick<ContentDeps, 'items'>) {}

  async execute(query: { actor: Actor }): Promise<AdminItemView[]> {
    const items = await this.d.items.all(query.actor.tenantId);
    return adminViews(this.d, query.actor.tenantId, items, new Map(items.map((i) => [i.id, i])));
  }
}

export interface OutlineView extends OutlineRow {
  unreachable: boolean;
}

/**
 * The tree view of the console: every item without its body, flagged as adminViews flags them.
 * Whether the path above an item is published is worked out once per folder, not once per item.
 */
export class ListContentOutline {
  constructor(private readonly d: Pick<ContentDeps, 'items'>) {}

  async execute(query: { actor: Actor }): Promise<OutlineView[]> {
    const rows = await this.d.items.outline(query.actor.tenantId);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const openBelow = new Map<string, boolean>();
    const pathOpen = (parentId: string | null): boolean => {
      if (parentId === null) return true;
      const known = openBelow.get(parentId);
      if (known !== undefined) return known;
      // Marked closed first: a cycle (which moves refuse) then ends as "not published" instead of looping.
      openBelow.set(parentId, false);
      const parent = byId.get(parentId);
      const open = parent !== undefined && parent.status === 'published' && pathOpen(parent.parentId);
      openBelow.set(parentId, open);
      return open;
    };
    return rows.map((row) => {
      const nobody = !row.everyone && row.groupIds.length === 0 && row.userIds.length === 0;
      return { ...row, unreachable: row.status === 'published' && ((nobody && row.kind !== 'folder') || !pathOpen(row.parentId)) };
    });
  }
}

export class GetContentItem {
  constructor(private readonly d: Pick<ContentDeps, 'items'>) {}

  async execute(query: { actor: Actor; itemId: string }): Promise<Result<AdminItemView, NotFound>> {
    const item = await this.d.items.byId(query.actor.tenantId, query.itemId);
    if (!item) return fail(new NotFound('Content item'));
    return ok((await adminViews(this.d, query.actor.tenantId, [item]))[0]!);
  }
}

async function checkParent(d: Pick<ContentDeps, 'items'>, tenantId: string, parentId: string | null): Promise<Result<void, NotFound | NotAFolder>> {
  if (parentId === null) return ok(undefined);
  const parent = await d.items.byId(tenantId, parentId);
  if (!parent) return fail(new NotFound('Content item'));
  return parent.isFolder() ? ok(undefined) : fail(new NotAFolder());
}

/** Places an item among its new siblings, shifting those at or after its position. */
async function place(d: Pick<ContentDeps, 'items' | 'clock'>, item: ContentItem, parentId: string | null, position: number | undefined): Promise<void> {
  const now = d.clock.now();
  const siblings = (await d.items.children(item.tenantId, parentId)).filter((s) => s.id !== item.id);
  const at = Math.min(position ?? siblings.length, siblings.length);
  siblings.splice(at, 0, item);
  siblings.forEach((sibling, index) => {
    if (sibling === item) sibling.placeAt(parentId, index, now);
    else if (sibling.position !== index) sibling.placeAt(parentId, index, now);
  });
}

export class CreateContentItem {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'people' | 'media' | 'contacts' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; parentId: string | null; kind: ContentKind; title: string; body: ContentBody; position?: number }): Promise<
    Result<AdminItemView, InvalidContent | NotFound | NotAFolder>
  > {
    const { tenantId } = command.actor;
    const parent = await checkParent(this.d, tenantId, command.parentId);
    if (!parent.ok) return parent;
    const media = await checkMedia(this.d, tenantId, command.kind, command.body);
    if (!media.ok) return media;
    const references = await checkReferences(this.d, tenantId, command.kind, command.body);
    if (!references.ok) return references;
    const created = ContentItem.create({ tenantId, parentId: command.parentId, kind: command.kind, title: command.title, body: command.body, position: 0 }, this.d.clock.now());
    if (!created.ok) return created;
    this.d.items.add(created.value);
    await place(this.d, created.value, command.parentId, command.position);
    audited(this.d, command.actor, 'content.created', created.value.id, { kind: command.kind });
    return ok({ item: created.value, audience: { everyone: false, groupIds: [], userIds: [] }, unreachable: false });
  }
}

export class UpdateContentItem {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'people' | 'media' | 'contacts' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; itemId: string; changes: { title?: string; body?: ContentBody } }): Promise<Result<AdminItemView, NotFound | InvalidContent>> {
    const item = await this.d.items.byId(command.actor.tenantId, command.itemId);
    if (!item) return fail(new NotFound('Content item'));
    const media = await checkMedia(this.d, item.tenantId, item.kind, command.changes.body);
    if (!media.ok) return media;
    const references = await checkReferences(this.d, item.tenantId, item.kind, command.changes.body);
    if (!references.ok) return references;
    const edited = item.edit(command.changes, this.d.clock.now());
    if (!edited.ok) return edited;
    audited(this.d, command.actor, 'content.updated', item.id);
    return ok((await adminViews(this.d, item.tenantId, [item]))[0]!);
  }
}

export class MoveContentItem {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; itemId: string; parentId: string | null; position?: number }): Promise<
    Result<AdminItemView, NotFound | NotAFolder | MoveIntoItself>
  > {
    const { tenantId } = command.actor;
    const item = await this.d.items.byId(tenantId, command.itemId);
    if (!item) return fail(new NotFound('Content item'));
    const parent = await checkParent(this.d, tenantId, command.parentId);
    if (!parent.ok) return parent;
    if (command.parentId === item.id || (command.parentId && (await this.d.items.descendants(tenantId, item.id)).some((d) => d.id === command.parentId))) {
      return fail(new MoveIntoItself());
    }
    await place(this.d, item, command.parentId, command.position);
    audited(this.d, command.actor, 'content.moved', item.id, { parentId: command.parentId });
    return ok((await adminViews(this.d, tenantId, [item]))[0]!);
  }
}

export class ChangePublication {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'clock' | 'audit'>, private readonly publish: boolean) {}

  async execute(command: { actor: Actor; itemId: string }): Promise<Result<AdminItemView, NotFound>> {
    const item = await this.d.items.byId(command.actor.tenantId, command.itemId);
    if (!item) return fail(new NotFound('Content item'));
    if (this.publish) item.publish(this.d.clock.now());
    else item.unpublish(this.d.clock.now());
    audited(this.d, command.actor, this.publish ? 'content.published' : 'content.unpublished', item.id);
    return ok((await adminViews(this.d, item.tenantId, [item]))[0]!);
  }
}

export class DeleteContentItem {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; itemId: string }): Promise<Result<void, NotFound>> {
    const { tenantId } = command.actor;
    const item = await this.d.items.byId(tenantId, command.itemId);
    if (!item) return fail(new NotFound('Content item'));
    const now = this.d.clock.now();
    for (const descendant of await this.d.items.descendants(tenantId, item.id)) descendant.remove(now);
    item.remove(now);
    audited(this.d, command.actor, 'content.deleted', item.id);
    return ok(undefined);
  }
}

export class SetContentAudience {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'people' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; itemId: string; everyone: boolean; groupIds: string[]; userIds: string[] }): Promise<Result<AdminItemView, NotFound>> {
    const { tenantId } = command.actor;
    const item = await this.d.items.byId(tenantId, command.itemId);
    if (!item) return fail(new NotFound('Content item'));
    const groupIds = [...new Set(command.groupIds)];
    const userIds = [...new Set(command.userIds)];
    if ((await this.d.people.missingGroups(tenantId, groupIds)).length > 0) return fail(new NotFound('Group'));
    if ((await this.d.people.missingUsers(tenantId, userIds)).length > 0) return fail(new NotFound('User'));
    await this.d.items.replaceAudience(tenantId, item.id, [
      ...groupIds.map((targetId) => AudienceLink.of({ tenantId, itemId: item.id, targetType: 'group', targetId })),
      ...userIds.map((targetId) => AudienceLink.of({ tenantId, itemId: item.id, targetType: 'user', targetId })),
    ]);
    item.linkToEveryone(command.everyone, this.d.clock.now());
    item.touch(this.d.clock.now());
    audited(this.d, command.actor, 'content.audience_changed', item.id, { everyone: command.everyone, groupIds, userIds });
    return ok((await adminViews(this.d, tenantId, [item]))[0]!);
  }
}
