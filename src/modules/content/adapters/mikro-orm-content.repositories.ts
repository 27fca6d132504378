import type { FilterQuery } from '@mikro-orm/core';
import { RowMapping } from '../../../platform/database/entity-schema.js';
import { escapeLike, OrmRepository, TenantOwnedRepository, type Page } from '../../../platform/database/orm-repository.js';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { AudienceLink, SyncSnapshot } from '../domain/audience.js';
import { Contact } from '../domain/contact.js';
import { ContentItem } from '../domain/content-item.js';
import { Media } from '../domain/media.js';
import type { PublishedTree, PublishedTreeCache } from './published-tree-cache.js';
import type { ContactCard, ContactListQuery, ContactRepository, ContentRepository, MediaListQuery, MediaRepository, OutlineRow, SyncSnapshotRepository, ViewCandidate } from '../ports.js';

const SNAPSHOTS_KEPT = 10;

/**
 * The tenant's change mark, one lookup: the transaction that last changed its tree, kept by a
 * trigger at the commit of every change (content_tree_changes, part ''), '0' while it has none.
 * Another API process sees a change at its next request; no clock is involved.
 */
const TREE_MARK = `coalesce((select m.changed_in::text from content_tree_changes m where m.tenant_id = ? and m.part = ''), '0')`;

const PUBLISHED_LIVE = `i.status = 'published' and i.deleted_at is null`;

/**
 * The published tree is read again in parts after a change: the items whose id begins with the
 * same two hex digits (256 parts), each with a change mark of its own (content_tree_changes).
 * A part is read by its range of ids, from the primary key.
 */
const partOf = (id: string): string => id.slice(0, 2);
/** A part's first and last possible id: as constants, the planner reads each part from the primary key (joined to a list of parts, it scanned the table). */
const idsOfPart = (part: string): [string, string] => [`${part}000000-0000-0000-0000-000000000000`, `${part}ffffff-ffff-ffff-ffff-ffffffffffff`];
/** Beyond this many changed parts, reading the whole tree costs less than reading them apart. */
const TREE_PARTS_REREAD = 64;

/** A published item's row as the tree keeps it: shared by every request of the process until the tree changes, so frozen against accidents. */
function publishedItem(row: Record<string, unknown>): ViewCandidate {
  const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as ViewCandidate['body'];
  return Object.freeze({
    id: row.id as string,
    parentId: (row.parent_id as string | null) ?? null,
    kind: row.kind as ViewCandidate['kind'],
    title: String(row.title),
    position: Number(row.position),
    body: Object.freeze(body),
    version: Number(row.version),
    updatedAt: new Date(row.updated_at as string | Date),
    status: 'published',
    deletedAt: null,
  });
}

/** A published tree, not yet labelled with the change mark it was read at. */
type TreeRead = Omit<PublishedTree, 'mark'>;

/** The published tree of some rows of content_items (treeRows()). */
function treeOf(rows: Array<Record<string, unknown>>): Pick<PublishedTree, 'byId' | 'everyone'> {
  const byId = new Map<string, ViewCandidate>();
  const everyone: string[] = [];
  for (const row of rows) {
    const item = publishedItem(row);
    byId.set(item.id, item);
    if (row.everyone) everyone.push(item.id);
  }
  return { byId, everyone };
}

export class MikroOrmContentRepository extends OrmRepository<ContentItem> implements ContentRepository {
  protected readonly entity = ContentItem;

  constructor(
    uow: UnitOfWork,
    private readonly published: PublishedTreeCache,
  ) {
    super(uow);
  }

  byId(tenantId: string, id: string): Promise<ContentItem | null> {
    return this.uow.em().findOne(ContentItem, { tenantId, id, deletedAt: null });
  }

  all(tenantId: string): Promise<ContentItem[]> {
    return this.uow.em().find(ContentItem, { tenantId, deletedAt: null }, { orderBy: { parentId: 'asc', position: 'asc', id: 'asc' } });
  }

  async outline(tenantId: string): Promise<OutlineRow[]> {
    // Plain rows, no entities: 5,000 tracked items with their bodies cost more to hydrate and to
    // check at commit than the whole query. Raw SQL skips the ORM's tenant filter, so the tenant is
    // in every condition (and RLS holds anyway).
    const rows = await this.uow.em().execute<Array<Omit<OutlineRow, 'updatedAt'> & { updatedAt: Date | string }>>(
      `select i.id, i.parent_id as "parentId", i.kind, i.title, i.position, i.status, i.everyone, i.version, i.updated_at as "updatedAt",
              coalesce(array_agg(a.target_id::text) filter (where a.target_type = 'group'), '{}') as "groupIds",
              coalesce(array_agg(a.target_id::text) filter (where a.target_type = 'user'), '{}') as "userIds"
         from content_items i
         left join content_audience a on a.tenant_id = i.tenant_id and a.item_id = i.id
        where i.tenant_id = ? and i.deleted_at is null
        group by i.tenant_id, i.id
        order by i.parent_id nulls first, i.position, i.id`,
      [tenantId],
    );
    return rows.map((row) => ({ ...row, position: Number(row.position), version: Number(row.version), updatedAt: new Date(row.updatedAt) }));
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

  async viewCandidates(
    tenantId: string,
    userId: string,
    groupIds: string[],
    mark?: string,
  ): Promise<{ byId: ReadonlyMap<string, ViewCandidate>; direct: Set<string> }> {
    // Raw SQL skips the ORM's tenant filter, so the tenant is in every WHERE (and RLS holds anyway).
    // Asked for in the same turn as the tree's mark (when the caller has none), so both go out in one round trip.
    const [linked, tree] = await Promise.all([
      this.uow.rows<{ item_id: string }>(
        `select a.item_id from content_audience a
          where a.tenant_id = ?
            and ((a.target_type = 'user' and a.target_id = ?)
              or (a.target_type = 'group' and a.target_id = any(?::uuid[])))`,
        [tenantId, userId, `{${groupIds.join(',')}}`],
      ),
      this.publishedAt(tenantId, mark),
    ]);
    const direct = new Set(tree.everyone);
    for (const { item_id: id } of linked) if (tree.byId.has(id)) direct.add(id);
    return { byId: tree.byId, direct };
  }

  /** The published tree at the tenant's current change mark (read first when the caller has not). */
  private async publishedAt(tenantId: string, mark: string | undefined): Promise<PublishedTree> {
    const currentMark = mark ?? (await this.uow.rows<{ mark: string }>(`select ${TREE_MARK} as mark`, [tenantId]))[0]?.mark ?? '0';
    return this.published.get(tenantId, currentMark) ?? (await this.readPublished(tenantId, currentMark));
  }

  /**
   * The published tree as of now, labelled with a mark read before it: the rows are at least as
   * new as the mark, so a tree is never kept under a mark newer than what it shows (one newer than
   * its mark is read again, in parts, at the next mark). With an older tree of the tenant at hand,
   * only the parts whose mark moved are read again (a change of the tree is mostly a change of one
   * item), instead of every published row with its body.
   */
  private async readPublished(tenantId: string, mark: string): Promise<PublishedTree> {
    // Each part's mark read before its rows (in the same round trip): rows at least as new as the marks they are kept under.
    const [marks, read] = await this.partsAgainOf(tenantId, this.published.latest(tenantId));
    const tree = { ...read, parts: marks, mark };
    this.published.set(tenantId, tree);
    return tree;
  }

  /** The marks of every part, and the tree: the previous one with its changed parts read again, or read whole when that is the better way. */
  private async partsAgainOf(tenantId: string, previous: PublishedTree | null): Promise<[Map<string, string>, Pick<TreeRead, 'byId' | 'everyone'>]> {
    const marksRead = this.uow.rows<{ part: string; mark: string }>(`select m.part, m.changed_in::text as mark from content_tree_changes m where m.tenant_id = ? and m.part <> ''`, [tenantId]);
    if (!previous?.parts) {
      const [rows, whole] = await Promise.all([marksRead, this.treeRows(tenantId, null)]);
      return [new Map(rows.map((row) => [row.part, row.mark])), treeOf(whole)];
    }
    const marks = new Map((await marksRead).map((row) => [row.part, row.mark]));
    const changed = [...new Set([...marks.keys(), ...previous.parts.keys()])].filter((part) => marks.get(part) !== previous.parts?.get(part));
    // No part moved (the tree was read after the mark it is kept under): the same tree, and what its views share stays.
    if (changed.length === 0) return [marks, previous];
    if (changed.length > TREE_PARTS_REREAD) return [marks, treeOf(await this.treeRows(tenantId, null))];
    const read = treeOf(await this.treeRows(tenantId, changed));
    const again = new Set(changed);
    const byId = new Map<string, ViewCandidate>();
    for (const [id, item] of previous.byId) if (!again.has(partOf(id))) byId.set(id, item);
    for (const [id, item] of read.byId) byId.set(id, item);
    const everyone = [...previous.everyone.filter((id) => !again.has(partOf(id))), ...read.everyone];
    return [marks, { byId, everyone }];
  }

  /** Every published, live item of the tenant, or of some parts of the tree. */
  private treeRows(tenantId: string, parts: string[] | null): Promise<Array<Record<string, unknown>>> {
    const columns = 'i.id, i.everyone, i.parent_id, i.kind, i.title, i.position, i.body, i.version, i.updated_at';
    if (!parts) return this.uow.rows(`select ${columns} from content_items i where i.tenant_id = ? and ${PUBLISHED_LIVE}`, [tenantId]);
    return this.uow.rows(`select ${columns} from content_items i where i.tenant_id = ? and ${PUBLISHED_LIVE} and (${parts.map(() => 'i.id between ?::uuid and ?::uuid').join(' or ')})`, [
      tenantId,
      ...parts.flatMap(idsOfPart),
    ]);
  }

  contactListsShowingUser(tenantId: string, userId: string): Promise<ContentItem[]> {
    return this.contactListsWith(tenantId, { userId });
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
    return this.contactListsWith(tenantId, { contactId });
  }

  /** The contact lists (not deleted) with an entry for this user or contact. */
  private contactListsWith(tenantId: string, entry: { userId: string } | { contactId: string }): Promise<ContentItem[]> {
    return this.uow.em().find(ContentItem, { tenantId, kind: 'contact_list', deletedAt: null, body: { entries: { $contains: [entry] } } as never });
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

  async usingMedia(tenantId: string, mediaIds: string[]): Promise<Array<{ mediaId: string; id: string; title: string; kind: ContentItem['kind'] }>> {
    if (mediaIds.length === 0) return [];
    // Raw SQL skips the ORM's tenant filter, so the tenant is in the WHERE (and RLS holds anyway).
    const rows = await this.uow.em().execute<Array<{ media_id: string; id: string; title: string; kind: ContentItem['kind'] }>>(
      `select body->>'mediaId' as media_id, id, title, kind from content_items
        where tenant_id = ? and deleted_at is null and body->>'mediaId' = any(?::text[])
        order by title, id`,
      [tenantId, `{${mediaIds.join(',')}}`],
    );
    return rows.map((row) => ({ mediaId: row.media_id, id: row.id, title: row.title, kind: row.kind }));
  }
}

export class MikroOrmContactRepository extends TenantOwnedRepository<Contact> implements ContactRepository {
  protected readonly entity = Contact;

  byIds(tenantId: string, ids: string[]): Promise<Contact[]> {
    if (ids.length === 0) return Promise.resolve([]);
    // Read for display only: kept out of the identity map, so the commit has nothing to check.
    return this.uow.em().find(Contact, { tenantId, id: { $in: ids } }, { disableIdentityMap: true });
  }

  cards(tenantId: string, ids: string[]): Promise<ContactCard[]> {
    if (ids.length === 0) return Promise.resolve([]);
    // Read on every sync that shows a contact list: raw rows with just the fields shown.
    return this.uow.rows<ContactCard>(`select id, name, organisation, function, phones, email from contacts where tenant_id = ? and id = any(?::uuid[])`, [
      tenantId,
      `{${ids.join(',')}}`,
    ]);
  }

  list(tenantId: string, query: ContactListQuery): Promise<Page<Contact>> {
    const where: FilterQuery<Contact> = { tenantId };
    if (query.search) {
      const like = `%${escapeLike(query.search)}%`;
      where.$or = [{ name: { $ilike: like } }, { organisation: { $ilike: like } }, { function: { $ilike: like } }];
    }
    if (query.pastRetentionOn) where.retentionUntil = { $lt: query.pastRetentionOn };
    if (query.noLegalBasis) where.legalBasis = null;
    return this.page(where, query, { orderBy: { name: 'asc', id: 'asc' } });
  }

  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<Contact[]> {
    return this.uow.em().find(Contact, { tenantId, ...(afterId ? { id: { $gt: afterId } } : {}) }, { orderBy: { id: 'asc' }, limit, disableIdentityMap: true });
  }

  async pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    const rows = await this.uow.em().find(Contact, { tenantId, retentionUntil: { $lt: today } }, { fields: ['id', 'retentionUntil'], disableIdentityMap: true });
    return rows.map((c) => ({ id: c.id, retentionUntil: c.retentionUntil! }));
  }

  remove(contact: Contact): void {
    this.uow.em().remove(contact);
  }
}

export class MikroOrmSyncSnapshotRepository implements SyncSnapshotRepository {
  private snapshots: RowMapping<SyncSnapshot> | undefined;

  constructor(private readonly uow: UnitOfWork) {}

  async find(tenantId: string, userId: string, viewHash: string): Promise<SyncSnapshot | null> {
    // Read on every delta sync, never changed: a raw read and a read-only snapshot. Raw SQL skips
    // the ORM's tenant filter, so the tenant is in the WHERE (and RLS holds anyway).
    const mapping = (this.snapshots ??= new RowMapping(this.uow.metadata(), SyncSnapshot, 's'));
    const rows = await this.uow.rows<Record<string, unknown>>(
      `select ${mapping.columns} from content_sync_snapshots s where s.tenant_id = ? and s.user_id = ? and s.view_hash = ? limit 1`,
      [tenantId, userId, viewHash],
    );
    return rows[0] ? mapping.toObject(rows[0]) : null;
  }

  async current(tenantId: string, userId: string): Promise<{ lastChange: string; viewHashes: ReadonlyMap<string, string> }> {
    // The user's snapshots at the current mark: at most SNAPSHOTS_KEPT rows, mostly none or one.
    const rows = await this.uow.rows<{ mark: string; stamp: string | null; viewHash: string | null }>(
      `with tree as (select ${TREE_MARK} as mark)
       select tree.mark, s.stamp, s.view_hash as "viewHash"
         from tree left join content_sync_snapshots s
           on s.tenant_id = ? and s.user_id = ? and starts_with(s.stamp, tree.mark || '|')`,
      [tenantId, tenantId, userId],
    );
    const lastChange = rows[0]?.mark ?? '0';
    const viewHashes = new Map<string, string>();
    for (const { stamp, viewHash } of rows) if (stamp !== null && viewHash !== null) viewHashes.set(stamp.slice(lastChange.length + 1), viewHash);
    return { lastChange, viewHashes };
  }

  async forgetUser(tenantId: string, userId: string): Promise<void> {
    await this.uow.em().nativeDelete(SyncSnapshot, { tenantId, userId });
  }

  keep(snapshot: SyncSnapshot): void {
    // One statement: insert-if-absent (two devices of one user may sync the same view at once), and
    // forget all but the newest few others of the user. The prune cannot see the row this statement
    // inserts, so it spares that view by hash and keeps one fewer of the rest.
    // A snapshot can always be computed again (an unknown cursor answers 410 and the app syncs in
    // full), so a sync need not wait for its write to reach the disk; nothing a user stored is in it.
    // Nothing reads it back in the request: it goes out with the commit, in the commit's round trip.
    this.uow.writeWithCommit(`set local synchronous_commit = off`);
    this.uow.writeWithCommit(
      `with kept as (
         insert into content_sync_snapshots (id, tenant_id, user_id, view_hash, stamp, items, created_at)
         values (?, ?, ?, ?, ?, ?::jsonb, ?)
         on conflict (tenant_id, user_id, view_hash) do update set stamp = excluded.stamp
         returning id)
       delete from content_sync_snapshots
        where tenant_id = ? and user_id = ? and view_hash <> ? and id not in (
          select id from content_sync_snapshots where tenant_id = ? and user_id = ? and view_hash <> ?
           order by created_at desc limit ${SNAPSHOTS_KEPT - 1})`,
      [
        snapshot.id,
        snapshot.tenantId,
        snapshot.userId,
        snapshot.viewHash,
        snapshot.stamp,
        JSON.stringify(snapshot.items),
        snapshot.createdAt,
        snapshot.tenantId,
        snapshot.userId,
        snapshot.viewHash,
        snapshot.tenantId,
        snapshot.userId,
        snapshot.viewHash,
      ],
    );
  }
}

export class MikroOrmMediaRepository extends TenantOwnedRepository<Media> implements MediaRepository {
  protected readonly entity = Media;

  list(tenantId: string, query: MediaListQuery): Promise<Page<Media>> {
    const where: FilterQuery<Media> = { tenantId };
    if (query.kind) where.kind = query.kind;
    if (query.search) where.originalName = { $ilike: `%${escapeLike(query.search)}%` };
    return this.page(where, query, { orderBy: { createdAt: 'desc', id: 'asc' }, disableIdentityMap: true });
  }
}
