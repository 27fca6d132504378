import type { FilterQuery } from '@mikro-orm/core';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { AudienceLink, SyncSnapshot } from '../domain/audience.js';
import { Contact } from '../domain/contact.js';
import { ContentItem } from '../domain/content-item.js';
import { Media } from '../domain/media.js';
import type { ContactListQuery, ContactRepository, ContentRepository, MediaRepository, SyncSnapshotRepository } from '../ports.js';

const SNAPSHOTS_KEPT = 10;

export class MikroOrmContentRepository implements ContentRepository {
  constructor(private readonly uow: UnitOfWork) {}

  byId(tenantId: string, id: string): Promise<ContentItem | null> {
    return this.uow.em().findOne(ContentItem, { tenantId, id, deletedAt: null });
  }

  all(tenantId: string): Promise<ContentItem[]> {
    return this.uow.em().find(ContentItem, { tenantId, deletedAt: null }, { orderBy: { parentId: 'asc', position: 'asc', id: 'asc' } });
  }

  children(tenantId: string, parentId: string | null): Promise<ContentItem[]> {
    return this.uow.em().find(ContentItem, { tenantId, parentId, deletedAt: null }, { orderBy: { position: 'asc', id: 'asc' } });
  }

  async descendants(tenantId: string, id: string): Promise<ContentItem[]> {
    const found: ContentItem[] = [];
    let frontier = [id];
    while (frontier.length > 0) {
      const children = await this.uow.em().find(ContentItem, { tenantId, parentId: { $in: frontier }, deletedAt: null });
      found.push(...children);
      frontier = children.map((c) => c.id);
    }
    return found;
  }

  audienceOf(tenantId: string, itemIds: string[]): Promise<AudienceLink[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.uow.em().find(AudienceLink, { tenantId, itemId: { $in: itemIds } });
  }

  async replaceAudience(tenantId: string, itemId: string, links: AudienceLink[]): Promise<void> {
    await this.uow.em().nativeDelete(AudienceLink, { tenantId, itemId });
    for (const link of links) this.uow.em().persist(link);
  }

  async viewCandidates(tenantId: string, userId: string, groupIds: string[]): Promise<{ items: ContentItem[]; direct: Set<string> }> {
    const em = this.uow.em();
    // One round trip. Parents are always folders, so the candidates are the published items in the
    // user's audience plus every published folder; resolveView keeps the folders on their paths.
    // Raw SQL skips the ORM's tenant filter, so the tenant is in every WHERE (and RLS holds anyway).
    const rows = await em.execute<Array<Record<string, unknown> & { direct: boolean }>>(
      `with linked as (
         select a.item_id from content_audience a
          where a.tenant_id = ?
            and ((a.target_type = 'user' and a.target_id = ?)
              or (a.target_type = 'group' and a.target_id = any(string_to_array(?, ',')::uuid[])))
       )
       select i.id, i.tenant_id, i.parent_id, i.kind, i.title, i.position, i.status, i.body, i.everyone, i.version,
              i.created_at, i.updated_at, i.published_at, i.deleted_at,
              (i.everyone or i.id in (select item_id from linked)) as direct
         from content_items i
        where i.tenant_id = ? and i.status = 'published' and i.deleted_at is null
          and (i.kind = 'folder' or i.everyone or i.id in (select item_id from linked))`,
      [tenantId, userId, groupIds.join(','), tenantId],
    );
    // Read-only rows: mapped by hand instead of into the identity map, so the commit at the end of
    // the request has no hundreds of entities to check for changes.
    const items = rows.map(readOnlyItem);
    return { items, direct: new Set(rows.filter((row) => row.direct).map((row) => String(row.id))) };
  }

  contactListsNamingUser(tenantId: string, userId: string): Promise<ContentItem[]> {
    return this.uow.em().find(ContentItem, { tenantId, kind: 'contact_list', body: { entries: { $contains: [{ userId }] } } as never });
  }

  async itemIdsLinkedToUser(tenantId: string, userId: string): Promise<string[]> {
    const links = await this.uow.em().find(AudienceLink, { tenantId, targetType: 'user', targetId: userId }, { disableIdentityMap: true });
    return links.map((l) => l.itemId);
  }

  async unlinkUser(tenantId: string, userId: string): Promise<void> {
    await this.uow.em().nativeDelete(AudienceLink, { tenantId, targetType: 'user', targetId: userId });
  }

  contactListsShowing(tenantId: string, contactId: string): Promise<ContentItem[]> {
    return this.uow.em().find(ContentItem, {
      tenantId,
      kind: 'contact_list',
      deletedAt: null,
      body: { entries: { $contains: [{ contactId }] } } as never,
    });
  }

  async lastChange(tenantId: string): Promise<string> {
    const rows = await this.uow
      .em()
      .execute<Array<{ versions: string | null; n: number }>>(
        // Versions only go up and every change raises one, so count and sum move with any change
        // (clock-independent, unlike a last-updated time).
        `select coalesce(sum(version), 0)::text as versions, count(*)::int as n from content_items where tenant_id = ?`,
        [tenantId],
      );
    return `${rows[0]?.n ?? 0}#${rows[0]?.versions ?? '0'}`;
  }

  async search(tenantId: string, itemIds: string[], query: string, language: 'dutch' | 'english', limit: number): Promise<Array<{ id: string; rank: number; extract: string }>> {
    if (itemIds.length === 0) return [];
    // The language is one of two fixed names, never user input; the query is a bound parameter.
    const document = `to_tsvector('${language}', i.title || ' ' || coalesce(i.body::text, ''))`;
    const rows = await this.uow.em().execute<Array<{ id: string; rank: number; extract: string }>>(
      `select i.id, ts_rank(${document}, q) as rank,
              ts_headline('${language}', i.title || ' — ' || coalesce(i.body->>'markdown', i.body->>'description', i.body->>'role', ''), q,
                          'MaxWords=20, MinWords=5, StartSel=**, StopSel=**') as extract
         from content_items i, websearch_to_tsquery('${language}', ?) q
        where i.tenant_id = ? and i.id in (${itemIds.map(() => '?').join(', ')}) and ${document} @@ q
        order by rank desc, i.title asc limit ${Math.floor(limit)}`,
      [query, tenantId, ...itemIds],
    );
    return rows.map((row) => ({ id: row.id, rank: Number(row.rank), extract: row.extract }));
  }

  add(item: ContentItem): void {
    this.uow.em().persist(item);
  }
}

export class MikroOrmContactRepository implements ContactRepository {
  constructor(private readonly uow: UnitOfWork) {}

  byId(tenantId: string, id: string): Promise<Contact | null> {
    return this.uow.em().findOne(Contact, { tenantId, id });
  }

  byIds(tenantId: string, ids: string[]): Promise<Contact[]> {
    if (ids.length === 0) return Promise.resolve([]);
    // Read for display only: kept out of the identity map, so the commit has nothing to check.
    return this.uow.em().find(Contact, { tenantId, id: { $in: ids } }, { disableIdentityMap: true });
  }

  async list(tenantId: string, query: ContactListQuery): Promise<{ items: Contact[]; total: number }> {
    const em = this.uow.em();
    const where: FilterQuery<Contact> = { tenantId };
    if (query.search) {
      const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ name: { $ilike: like } }, { organisation: { $ilike: like } }, { function: { $ilike: like } }];
    }
    if (query.pastRetentionOn) where.retentionUntil = { $lt: query.pastRetentionOn };
    if (query.noLegalBasis) where.legalBasis = null;
    const items = await em.find(Contact, where, { orderBy: { name: 'asc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const total = await em.count(Contact, where);
    return { items, total };
  }

  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<Contact[]> {
    return this.uow.em().find(Contact, { tenantId, ...(afterId ? { id: { $gt: afterId } } : {}) }, { orderBy: { id: 'asc' }, limit, disableIdentityMap: true });
  }

  async pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    const rows = await this.uow.em().find(Contact, { tenantId, retentionUntil: { $lt: today } }, { fields: ['id', 'retentionUntil'], disableIdentityMap: true });
    return rows.map((c) => ({ id: c.id, retentionUntil: c.retentionUntil! }));
  }

  add(contact: Contact): void {
    this.uow.em().persist(contact);
  }

  remove(contact: Contact): void {
    this.uow.em().remove(contact);
  }
}

export class MikroOrmSyncSnapshotRepository implements SyncSnapshotRepository {
  constructor(private readonly uow: UnitOfWork) {}

  find(tenantId: string, userId: string, viewHash: string): Promise<SyncSnapshot | null> {
    return this.uow.em().findOne(SyncSnapshot, { tenantId, userId, viewHash });
  }

  findByStamp(tenantId: string, userId: string, stamp: string): Promise<SyncSnapshot | null> {
    return this.uow.em().findOne(SyncSnapshot, { tenantId, userId, stamp }, { fields: ['id', 'viewHash', 'stamp'] as never });
  }

  async forgetUser(tenantId: string, userId: string): Promise<void> {
    await this.uow.em().nativeDelete(SyncSnapshot, { tenantId, userId });
  }

  async keep(snapshot: SyncSnapshot): Promise<void> {
    const em = this.uow.em();
    // Insert-if-absent: two devices of one user may sync the same view at once.
    await em.execute(
      `insert into content_sync_snapshots (id, tenant_id, user_id, view_hash, stamp, items, created_at)
       values (?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (tenant_id, user_id, view_hash) do update set stamp = excluded.stamp`,
      [snapshot.id, snapshot.tenantId, snapshot.userId, snapshot.viewHash, snapshot.stamp, JSON.stringify(snapshot.items), snapshot.createdAt],
    );
    await em.execute(
      `delete from content_sync_snapshots where tenant_id = ? and user_id = ? and id not in (
         select id from content_sync_snapshots where tenant_id = ? and user_id = ? order by created_at desc limit ${SNAPSHOTS_KEPT})`,
      [snapshot.tenantId, snapshot.userId, snapshot.tenantId, snapshot.userId],
    );
  }
}

export class MikroOrmMediaRepository implements MediaRepository {
  constructor(private readonly uow: UnitOfWork) {}

  byId(tenantId: string, id: string): Promise<Media | null> {
    return this.uow.em().findOne(Media, { tenantId, id });
  }

  add(media: Media): void {
    this.uow.em().persist(media);
  }
}

function readOnlyItem(row: Record<string, unknown>): ContentItem {
  // A plain object, not one made from the entity's prototype: MikroORM puts tracking setters there.
  return {
    id: row.id,
    tenantId: row.tenant_id,
    parentId: row.parent_id ?? null,
    kind: row.kind,
    title: row.title,
    position: Number(row.position),
    status: row.status,
    body: (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as Record<string, unknown>,
    everyone: Boolean(row.everyone),
    version: Number(row.version),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
    publishedAt: row.published_at ? new Date(row.published_at as string) : null,
    deletedAt: row.deleted_at ? new Date(row.deleted_at as string) : null,
  } as unknown as ContentItem;
}
