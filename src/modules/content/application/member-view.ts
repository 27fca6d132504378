import type { Actor, UserActor } from '../../../platform/auth/actor.js';
import { recordPersonalDataReads } from '../../../platform/audit/record-reads.js';
import { createHash, randomUUID } from 'node:crypto';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { SyncSnapshot } from '../domain/audience.js';
import { placeInTree, type ContentBody, type ContentKind } from '../domain/content-item.js';
import type { ViewCandidate } from '../ports.js';
import { CursorExpired } from '../domain/content.errors.js';
import { resolveView } from '../domain/user-view.js';
import { recordContactListReads } from './contact-list-reads.js';
import type { ContentDeps } from './deps.js';

export interface MemberItemView {
  id: string;
  parentId: string | null;
  kind: ContentKind;
  title: string;
  position: number;
  version: number;
  updatedAt: string;
  body: ContentBody;
}

export interface UserView {
  /** Shared with other requests seeing the same view: read-only. */
  items: readonly MemberItemView[];
  /** Identifies this exact view: the ETag, and (encoded) the cursor. */
  hash: string;
  versions: Record<string, number>;
}

/**
 * Builds one user's view of the content tree, with contact lists filled in with the people in
 * them. Not a use case of its own: the member's sync and the admin's preview both use it.
 */
export class UserViews {
  /** Per published tree (the repository hands out the same map while the tree is unchanged): what its views share. */
  private readonly trees = new WeakMap<ReadonlyMap<string, ViewCandidate>, TreeViews>();
  /**
   * Each item as views show it, by the tree's item (and its version): a tree read again after a
   * change keeps the items of its unchanged parts (the same objects), and so their views (and what
   * the HTTP answer made of them) outlive the change.
   */
  private readonly shownAs = new WeakMap<ViewCandidate, MemberItemView>();

  constructor(private readonly d: Pick<ContentDeps, 'items' | 'contacts' | 'people'>) {}

  /** `known`: the user's groups and the tree's change mark, when the caller has them already. */
  async build(tenantId: string, userId: string, known?: { groupIds: string[]; mark: string }): Promise<UserView> {
    const groupIds = known?.groupIds ?? (await this.d.people.groupIdsOf(tenantId, userId));
    const { byId, direct } = await this.d.items.viewCandidates(tenantId, userId, groupIds, known?.mark);
    let tree = this.trees.get(byId);
    if (!tree) this.trees.set(byId, (tree = new TreeViews(byId, this.shownAs)));
    const view = tree.resolve(direct);
    return { items: view.lists.length ? await this.withPeople(tenantId, view) : view.items, hash: view.hash, versions: view.versions };
  }

  /** The view with its contact lists' entries replaced by the people in them, as they are now. */
  private async withPeople(tenantId: string, view: ResolvedView): Promise<MemberItemView[]> {
    const entriesOf = (item: ViewCandidate) => (item.body.entries as Array<{ contactId?: string; userId?: string }> | undefined) ?? [];
    const contactIds = new Set<string>();
    const userIds = new Set<string>();
    for (const list of view.lists) {
      for (const entry of entriesOf(list)) {
        if (entry.contactId) contactIds.add(entry.contactId);
        if (entry.userId) userIds.add(entry.userId);
      }
    }
    // Asked for together, so both reads go out in one round trip.
    const [cards, profiles] = await Promise.all([this.d.contacts.cards(tenantId, [...contactIds]), this.d.people.profiles(tenantId, [...userIds])]);
    const contacts = new Map(cards.map((c) => [c.id, c]));
    const users = new Map(profiles.map((u) => [u.id, u]));
    const lists = new Map(view.lists.map((list) => [list.id, list]));
    return view.items.map((shown) => {
      const list = lists.get(shown.id);
      if (!list) return shown;
      const entries: object[] = [];
      for (const entry of entriesOf(list)) {
        const contact = entry.contactId ? contacts.get(entry.contactId) : undefined;
        if (contact) {
          entries.push({ type: 'contact', id: contact.id, name: contact.name, organisation: contact.organisation, function: contact.function, phones: contact.phones, email: contact.email });
          continue;
        }
        const user = entry.userId ? users.get(entry.userId) : undefined;
        if (user) entries.push({ type: 'user', id: user.id, name: user.name, organisation: null, function: user.jobTitle, phones: user.phone ? [user.phone] : [], email: user.email });
      }
      return { ...shown, body: { entries } };
    });
  }
}

/** One resolved view, before its contact lists are filled in: shared by the users who see exactly these items. */
interface ResolvedView {
  /** Contact lists as stored (their entries name people by id). */
  items: readonly MemberItemView[];
  lists: ViewCandidate[];
  hash: string;
  versions: Record<string, number>;
}

/** Ordinal comparison: ids are ASCII, and a locale-aware compare costs more than the rest of the view. */
const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * What identifies a view: its items' ids and versions, in id order (the order of the lines
 * `<id>:<version>` themselves, ids being of one length), sorted by id rather than as strings:
 * sorting the 450 lines of a view cost more than the rest of its hash.
 */
function viewHash(items: readonly ViewCandidate[]): string {
  return createHash('sha256')
    .update([...items].sort(byId).map((item) => `${item.id}:${item.version}`).join('\n'))
    .digest('base64url');
}

/** Views kept per tree: users of the same groups (and without items of their own) see the same view. */
const VIEWS_KEPT = 32;

/**
 * What the views of one published tree share: the latest views resolved, by the set of items
 * visible to the user directly (everything a view depends on besides the tree itself), and which
 * items hang under an open path.
 */
class TreeViews {
  private readonly ordinals = new Map<string, number>();
  private readonly resolved = new Map<string, ResolvedView>();
  /** Whether an item's path up is open, judged once per tree (resolveView). */
  private readonly open = new Map<string, boolean>();

  constructor(
    private readonly byId: ReadonlyMap<string, ViewCandidate>,
    private readonly shownAs: WeakMap<ViewCandidate, MemberItemView>,
  ) {
    let ordinal = 0;
    for (const id of byId.keys()) this.ordinals.set(id, ordinal++);
  }

  resolve(direct: ReadonlySet<string>): ResolvedView {
    const ordinals = new Int32Array(direct.size);
    let n = 0;
    for (const id of direct) ordinals[n++] = this.ordinals.get(id) ?? -1;
    const key = ordinals.sort().join(',');
    const known = this.resolved.get(key);
    if (known) return known;
    const shown = resolveView(this.byId, direct, this.open);
    // A dictionary from the start: an object literal grown by hundreds of distinct ids costs V8 a
    // new hidden class per id, and made up most of a view's own time.
    const versions: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const item of shown) versions[item.id] = item.version;
    const view: ResolvedView = {
      items: Object.freeze(shown.map((item) => this.shown(item))),
      lists: shown.filter((item) => item.kind === 'contact_list'),
      versions,
      hash: viewHash(shown),
    };
    this.resolved.set(key, view);
    // Map order is insertion order: the oldest views go first.
    for (const oldest of this.resolved.keys()) {
      if (this.resolved.size <= VIEWS_KEPT) break;
      this.resolved.delete(oldest);
    }
    return view;
  }

  private shown(item: ViewCandidate): MemberItemView {
    const kept = this.shownAs.get(item);
    // Every change of an item raises its version: a view of another version shows another state.
    if (kept?.version === item.version) return kept;
    const view = Object.freeze({ ...placeInTree(item), version: item.version, updatedAt: item.updatedAt.toISOString(), body: item.body });
    this.shownAs.set(item, view);
    return view;
  }
}

export type MyContentReply =
  | { notModified: true; etag: string }
  | {
      notModified: false;
      etag: string;
      body: { cursor: string; full: boolean; items: readonly MemberItemView[]; updated: readonly MemberItemView[]; removed: string[] };
    };

/** A member's content for an offline app: the whole view, or what changed since a cursor. */
export class GetMyContent {
  constructor(private readonly d: Pick<ContentDeps, 'snapshots' | 'clock' | 'people' | 'audit'>, private readonly views: UserViews) {}

  async execute(query: { actor: UserActor; since?: string; ifNoneMatch?: string }): Promise<Result<MyContentReply, CursorExpired>> {
    const reply = await this.reply(query);
    // What the response shows: the whole view, or only the added and updated items of a delta.
    if (reply.ok && !reply.value.notModified) recordContactListReads(this.d.audit, query.actor, [...reply.value.body.items, ...reply.value.body.updated]);
    return reply;
  }

  private async reply(query: { actor: UserActor; since?: string; ifNoneMatch?: string }): Promise<Result<MyContentReply, CursorExpired>> {
    // Taken before the view is built: a change landing meanwhile makes the stamp stale, never wrong.
    // Asked for together, so both reads go out in one round trip (with the transaction's BEGIN).
    const [groupIds, { lastChange, viewHashes }] = await Promise.all([
      this.d.people.groupIdsOf(query.actor.tenantId, query.actor.userId),
      this.d.snapshots.current(query.actor.tenantId, query.actor.userId),
    ]);
    const groupKey = [...groupIds].sort().join(',');
    const knownViewHash = viewHashes.get(groupKey) ?? null;
    const stamp = `${lastChange}|${groupKey}`;
    if (knownViewHash) {
      // Nothing the view depends on changed since this view was computed: answer without computing it.
      const etag = `W/"${knownViewHash}"`;
      if (query.ifNoneMatch && query.ifNoneMatch.split(',').map((tag) => tag.trim()).includes(etag)) return ok({ notModified: true, etag });
      if (query.since === knownViewHash) {
        return ok({ notModified: false, etag, body: { cursor: knownViewHash, full: false, items: [], updated: [], removed: [] } });
      }
    }
    const view = await this.views.build(query.actor.tenantId, query.actor.userId, { groupIds, mark: lastChange });
    const etag = `W/"${view.hash}"`;
    if (query.ifNoneMatch && query.ifNoneMatch.split(',').map((tag) => tag.trim()).includes(etag)) return ok({ notModified: true, etag });
    const cursor = view.hash;
    // The snapshot of this very view at this very stamp is kept already (a repeated full sync):
    // keeping it again would write nothing new.
    const keep = () => {
      if (knownViewHash !== view.hash) {
        this.d.snapshots.keep(SyncSnapshot.of({ id: randomUUID(), tenantId: query.actor.tenantId, userId: query.actor.userId, viewHash: view.hash, stamp, items: view.versions }, this.d.clock.now()));
      }
    };

    if (query.since === undefined) {
      keep();
      return ok({ notModified: false, etag, body: { cursor, full: true, items: view.items, updated: [], removed: [] } });
    }
    if (query.since === view.hash) return ok({ notModified: false, etag, body: { cursor, full: false, items: [], updated: [], removed: [] } });
    const before = await this.d.snapshots.find(query.actor.tenantId, query.actor.userId, query.since);
    if (!before) return fail(new CursorExpired());
    const added = view.items.filter((item) => before.items[item.id] === undefined);
    const updated = view.items.filter((item) => before.items[item.id] !== undefined && before.items[item.id] !== item.version);
    const removed = Object.keys(before.items).filter((id) => view.versions[id] === undefined);
    keep();
    return ok({ notModified: false, etag, body: { cursor, full: false, items: added, updated, removed } });
  }
}

/** An admin sees the tree exactly as one of their users does. */
export class PreviewUserContent {
  constructor(private readonly d: Pick<ContentDeps, 'people' | 'audit'>, private readonly views: UserViews) {}

  async execute(query: { actor: Actor; userId: string }): Promise<Result<{ cursor: string; full: true; items: readonly MemberItemView[]; updated: []; removed: [] }, NotFound>> {
    const { actor, userId } = query;
    if (!(await this.d.people.userExists(actor.tenantId, userId))) return fail(new NotFound('User'));
    const view = await this.views.build(actor.tenantId, userId);
    recordPersonalDataReads(this.d.audit, actor, 'user', [userId], 'content_view');
    recordContactListReads(this.d.audit, actor, view.items);
    return ok({ cursor: view.hash, full: true, items: view.items, updated: [], removed: [] });
  }
}

/** Full-text search over exactly what the member may see, in the tenant's language. */
export class SearchMyContent {
  constructor(private readonly d: Pick<ContentDeps, 'items' | 'language' | 'audit'>, private readonly views: UserViews) {}

  async execute(query: { actor: UserActor; q: string; limit: number }): Promise<Array<{ item: MemberItemView; extract: string }>> {
    const view = await this.views.build(query.actor.tenantId, query.actor.userId);
    const byId = new Map(view.items.map((item) => [item.id, item]));
    const hits = await this.d.items.search(query.actor.tenantId, [...byId.keys()], query.q, await this.d.language.of(query.actor.tenantId), query.limit);
    const found = hits.flatMap((hit) => {
      const item = byId.get(hit.id);
      return item ? [{ item, extract: hit.extract }] : [];
    });
    recordContactListReads(this.d.audit, query.actor, found.map((hit) => hit.item));
    return found;
  }
}
