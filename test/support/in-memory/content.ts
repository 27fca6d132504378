import { Readable } from 'node:stream';
import type { ContentDeps } from '../../../src/modules/content/application/deps.js';
import type { AudienceLink, SyncSnapshot } from '../../../src/modules/content/domain/audience.js';
import type { Contact } from '../../../src/modules/content/domain/contact.js';
import type { ContentItem } from '../../../src/modules/content/domain/content-item.js';
import type { Media } from '../../../src/modules/content/domain/media.js';
import type {
  ContactCard,
  ContactListQuery,
  ContactRepository,
  ContentRepository,
  MediaListQuery,
  MediaRepository,
  OutlineRow,
  People,
  SyncSnapshotRepository,
  TenantLanguage,
  ViewCandidate,
} from '../../../src/modules/content/ports.js';
import { assertTenantKey, ImageRejected, type FileTypeDetector, type ImageProcessor, type ImageRenditions, type ObjectStorage } from '../../../src/platform/media/ports.js';
import { FixedClock, InMemoryAuditLog } from './platform.js';

// Entities are kept by reference, as the unit of work's identity map keeps them (see incidents.ts).

const page = <T>(items: T[], query: { page: number; pageSize: number }): T[] => items.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const entriesOf = (item: ContentItem): Array<Record<string, unknown>> => (item.body.entries as Array<Record<string, unknown>> | undefined) ?? [];

export class InMemoryContentRepository implements ContentRepository {
  readonly items: ContentItem[] = [];
  readonly audience: AudienceLink[] = [];

  byId(tenantId: string, id: string): Promise<ContentItem | null> {
    return Promise.resolve(this.live(tenantId).find((i) => i.id === id) ?? null);
  }

  all(tenantId: string): Promise<ContentItem[]> {
    return Promise.resolve(this.live(tenantId).sort((a, b) => ordinal(a.parentId ?? '', b.parentId ?? '') || a.position - b.position || ordinal(a.id, b.id)));
  }

  outline(tenantId: string): Promise<OutlineRow[]> {
    return Promise.resolve(
      this.live(tenantId)
        .sort((a, b) => (a.parentId === null ? -1 : 0) - (b.parentId === null ? -1 : 0) || ordinal(a.parentId ?? '', b.parentId ?? '') || a.position - b.position || ordinal(a.id, b.id))
        .map((i) => {
          const links = this.audience.filter((l) => l.tenantId === tenantId && l.itemId === i.id);
          return {
            id: i.id,
            parentId: i.parentId,
            kind: i.kind,
            title: i.title,
            position: i.position,
            status: i.status,
            everyone: i.everyone,
            version: i.version,
            updatedAt: i.updatedAt,
            groupIds: links.filter((l) => l.targetType === 'group').map((l) => l.targetId),
            userIds: links.filter((l) => l.targetType === 'user').map((l) => l.targetId),
          };
        }),
    );
  }

  children(tenantId: string, parentId: string | null): Promise<ContentItem[]> {
    return Promise.resolve(this.live(tenantId).filter((i) => i.parentId === parentId).sort((a, b) => a.position - b.position || ordinal(a.id, b.id)));
  }

  descendants(tenantId: string, id: string): Promise<ContentItem[]> {
    const found: ContentItem[] = [];
    let frontier = [id];
    while (frontier.length > 0) {
      const children = this.live(tenantId).filter((i) => i.parentId !== null && frontier.includes(i.parentId));
      found.push(...children);
      frontier = children.map((c) => c.id);
    }
    return Promise.resolve(found);
  }

  audienceOf(tenantId: string, itemIds: string[]): Promise<AudienceLink[]> {
    return Promise.resolve(this.audience.filter((l) => l.tenantId === tenantId && itemIds.includes(l.itemId)));
  }

  replaceAudience(tenantId: string, itemId: string, links: AudienceLink[]): Promise<void> {
    this.dropLinks((l) => l.tenantId === tenantId && l.itemId === itemId);
    this.audience.push(...links);
    return Promise.resolve();
  }

  viewCandidates(tenantId: string, userId: string, groupIds: string[]): Promise<{ byId: ReadonlyMap<string, ViewCandidate>; direct: Set<string> }> {
    const published = this.live(tenantId).filter((i) => i.status === 'published');
    const byId = new Map<string, ViewCandidate>(published.map((i) => [i.id, i]));
    const direct = new Set(published.filter((i) => i.everyone).map((i) => i.id));
    for (const link of this.audience) {
      const reaches = link.targetType === 'user' ? link.targetId === userId : groupIds.includes(link.targetId);
      if (link.tenantId === tenantId && reaches && byId.has(link.itemId)) direct.add(link.itemId);
    }
    return Promise.resolve({ byId, direct });
  }

  contactListsShowing(tenantId: string, contactId: string): Promise<ContentItem[]> {
    return Promise.resolve(this.live(tenantId).filter((i) => i.kind === 'contact_list' && entriesOf(i).some((e) => e.contactId === contactId)));
  }

  contactListsShowingUser(tenantId: string, userId: string): Promise<ContentItem[]> {
    return Promise.resolve(this.live(tenantId).filter((i) => i.kind === 'contact_list' && entriesOf(i).some((e) => e.userId === userId)));
  }

  contactListsNamingUser(tenantId: string, userId: string): Promise<ContentItem[]> {
    return Promise.resolve(this.items.filter((i) => i.tenantId === tenantId && i.kind === 'contact_list' && entriesOf(i).some((e) => e.userId === userId)));
  }

  itemIdsLinkedToUser(tenantId: string, userId: string): Promise<string[]> {
    return Promise.resolve(this.audience.filter((l) => l.tenantId === tenantId && l.targetType === 'user' && l.targetId === userId).map((l) => l.itemId));
  }

  unlinkUser(tenantId: string, userId: string): Promise<void> {
    this.dropLinks((l) => l.tenantId === tenantId && l.targetType === 'user' && l.targetId === userId);
    return Promise.resolve();
  }

  /** A case-blind substring match over title and body stands in for PostgreSQL's text search; the language is kept for the spec. */
  readonly searches: Array<{ query: string; language: 'dutch' | 'english'; itemIds: string[] }> = [];

  search(tenantId: string, itemIds: string[], query: string, language: 'dutch' | 'english', limit: number): Promise<Array<{ id: string; rank: number; extract: string }>> {
    this.searches.push({ query, language, itemIds });
    const needle = query.toLowerCase();
    const hits = this.live(tenantId).filter((i) => itemIds.includes(i.id) && `${i.title} ${JSON.stringify(i.body)}`.toLowerCase().includes(needle));
    return Promise.resolve(hits.slice(0, limit).map((i) => ({ id: i.id, rank: 1, extract: `**${i.title}**` })));
  }

  usingMedia(tenantId: string, mediaIds: string[]): Promise<Array<{ mediaId: string; id: string; title: string; kind: ContentItem['kind'] }>> {
    return Promise.resolve(
      this.live(tenantId)
        .filter((i) => typeof i.body.mediaId === 'string' && mediaIds.includes(i.body.mediaId))
        .sort((a, b) => ordinal(a.title, b.title) || ordinal(a.id, b.id))
        .map((i) => ({ mediaId: i.body.mediaId as string, id: i.id, title: i.title, kind: i.kind })),
    );
  }

  add(item: ContentItem): void {
    this.items.push(item);
  }

  /** The tree's change mark as the SQL adapter computes it: item count and version sum move with any change. */
  mark(tenantId: string): string {
    const items = this.items.filter((i) => i.tenantId === tenantId);
    return `${items.length}#${items.reduce((sum, i) => sum + i.version, 0)}`;
  }

  private live(tenantId: string): ContentItem[] {
    return this.items.filter((i) => i.tenantId === tenantId && i.deletedAt === null);
  }

  private dropLinks(gone: (link: AudienceLink) => boolean): void {
    const kept = this.audience.filter((l) => !gone(l));
    this.audience.splice(0, this.audience.length, ...kept);
  }
}

export class InMemoryContactRepository implements ContactRepository {
  readonly contacts: Contact[] = [];

  byId(tenantId: string, id: string): Promise<Contact | null> {
    return Promise.resolve(this.contacts.find((c) => c.tenantId === tenantId && c.id === id) ?? null);
  }

  byIds(tenantId: string, ids: string[]): Promise<Contact[]> {
    return Promise.resolve(this.contacts.filter((c) => c.tenantId === tenantId && ids.includes(c.id)));
  }

  cards(tenantId: string, ids: string[]): Promise<ContactCard[]> {
    return Promise.resolve(
      this.contacts.filter((c) => c.tenantId === tenantId && ids.includes(c.id)).map((c) => ({ id: c.id, name: c.name, organisation: c.organisation, function: c.function, phones: c.phones, email: c.email })),
    );
  }

  list(tenantId: string, query: ContactListQuery): Promise<{ items: Contact[]; total: number }> {
    const search = query.search?.toLowerCase();
    const matching = this.contacts
      .filter(
        (c) =>
          c.tenantId === tenantId &&
          (search === undefined || [c.name, c.organisation, c.function].some((field) => field?.toLowerCase().includes(search))) &&
          (query.pastRetentionOn === undefined || (c.retentionUntil !== null && c.retentionUntil < query.pastRetentionOn)) &&
          (!query.noLegalBasis || c.legalBasis === null),
      )
      .sort((a, b) => ordinal(a.name, b.name) || ordinal(a.id, b.id));
    return Promise.resolve({ items: page(matching, query), total: matching.length });
  }

  add(contact: Contact): void {
    this.contacts.push(contact);
  }

  remove(contact: Contact): void {
    const index = this.contacts.indexOf(contact);
    if (index >= 0) this.contacts.splice(index, 1);
  }

  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<Contact[]> {
    return Promise.resolve(
      this.contacts
        .filter((c) => c.tenantId === tenantId && (afterId === null || c.id > afterId))
        .sort((a, b) => ordinal(a.id, b.id))
        .slice(0, limit),
    );
  }

  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>> {
    return Promise.resolve(this.contacts.flatMap((c) => (c.tenantId === tenantId && c.retentionUntil !== null && c.retentionUntil < today ? [{ id: c.id, retentionUntil: c.retentionUntil }] : [])));
  }
}

export class InMemorySyncSnapshotRepository implements SyncSnapshotRepository {
  static readonly KEPT = 10;
  readonly snapshots: SyncSnapshot[] = [];

  constructor(private readonly items: InMemoryContentRepository) {}

  find(tenantId: string, userId: string, viewHash: string): Promise<SyncSnapshot | null> {
    return Promise.resolve(this.snapshots.find((s) => s.tenantId === tenantId && s.userId === userId && s.viewHash === viewHash) ?? null);
  }

  current(tenantId: string, userId: string): Promise<{ lastChange: string; viewHashes: ReadonlyMap<string, string> }> {
    const lastChange = this.items.mark(tenantId);
    const atMark = this.snapshots.filter((s) => s.tenantId === tenantId && s.userId === userId && s.stamp.startsWith(`${lastChange}|`));
    return Promise.resolve({ lastChange, viewHashes: new Map(atMark.map((s) => [s.stamp.slice(lastChange.length + 1), s.viewHash])) });
  }

  keep(snapshot: SyncSnapshot): void {
    const same = this.snapshots.find((s) => s.tenantId === snapshot.tenantId && s.userId === snapshot.userId && s.viewHash === snapshot.viewHash);
    if (same) same.stamp = snapshot.stamp;
    else this.snapshots.push(snapshot);
    const others = this.snapshots.filter((s) => s.tenantId === snapshot.tenantId && s.userId === snapshot.userId && s.viewHash !== snapshot.viewHash);
    for (const old of others.slice(0, Math.max(0, others.length - (InMemorySyncSnapshotRepository.KEPT - 1)))) this.snapshots.splice(this.snapshots.indexOf(old), 1);
  }

  forgetUser(tenantId: string, userId: string): Promise<void> {
    const kept = this.snapshots.filter((s) => !(s.tenantId === tenantId && s.userId === userId));
    this.snapshots.splice(0, this.snapshots.length, ...kept);
    return Promise.resolve();
  }
}

export interface ContentPerson {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  phone: string | null;
  status: 'active' | 'invited';
  groupIds: string[];
}

/** The users module as content asks it: people and groups of one tenant. */
export class InMemoryContentPeople implements People {
  readonly people: ContentPerson[] = [];
  readonly groups = new Set<string>();

  groupIdsOf(tenantId: string, userId: string): Promise<string[]> {
    void tenantId;
    return Promise.resolve(this.people.find((p) => p.id === userId)?.groupIds ?? []);
  }

  userExists(tenantId: string, userId: string): Promise<boolean> {
    void tenantId;
    return Promise.resolve(this.people.some((p) => p.id === userId));
  }

  missingGroups(tenantId: string, groupIds: string[]): Promise<string[]> {
    void tenantId;
    return Promise.resolve(groupIds.filter((id) => !this.groups.has(id)));
  }

  missingUsers(tenantId: string, userIds: string[]): Promise<string[]> {
    void tenantId;
    return Promise.resolve(userIds.filter((id) => !this.people.some((p) => p.id === id)));
  }

  profiles(tenantId: string, userIds: string[]): Promise<Array<{ id: string; name: string; jobTitle: string | null; phone: string | null; email: string }>> {
    void tenantId;
    return Promise.resolve(this.people.filter((p) => userIds.includes(p.id)).map(({ id, name, jobTitle, phone, email }) => ({ id, name, jobTitle, phone, email })));
  }

  audienceMembers(
    tenantId: string,
    audience: { everyone: boolean; groupIds: string[]; userIds: string[] },
    query: { page: number; pageSize: number; search?: string },
  ): Promise<{ active: number; invited: number; total: number; items: Array<{ id: string; name: string; email: string }> }> {
    void tenantId;
    const reached = this.people.filter((p) => audience.everyone || audience.userIds.includes(p.id) || p.groupIds.some((g) => audience.groupIds.includes(g)));
    const active = reached.filter((p) => p.status === 'active');
    const search = query.search?.toLowerCase();
    const matching = active.filter((p) => search === undefined || p.name.toLowerCase().includes(search)).sort((a, b) => ordinal(a.name, b.name));
    return Promise.resolve({
      active: active.length,
      invited: reached.length - active.length,
      total: matching.length,
      items: page(matching, query).map(({ id, name, email }) => ({ id, name, email })),
    });
  }
}

export class InMemoryMediaRepository implements MediaRepository {
  readonly files: Media[] = [];

  byId(tenantId: string, id: string): Promise<Media | null> {
    return Promise.resolve(this.files.find((m) => m.tenantId === tenantId && m.id === id) ?? null);
  }

  list(tenantId: string, query: MediaListQuery): Promise<{ items: Media[]; total: number }> {
    const search = query.search?.toLowerCase();
    const matching = this.files
      .filter((m) => m.tenantId === tenantId && (query.kind === undefined || m.kind === query.kind) && (search === undefined || (m.originalName ?? '').toLowerCase().includes(search)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || ordinal(a.id, b.id));
    return Promise.resolve({ items: page(matching, query), total: matching.length });
  }

  add(media: Media): void {
    this.files.push(media);
  }
}

export class FixedTenantLanguage implements TenantLanguage {
  constructor(public language: 'dutch' | 'english' = 'dutch') {}

  of(tenantId: string): Promise<'dutch' | 'english'> {
    void tenantId;
    return Promise.resolve(this.language);
  }
}

/** Files by key, refusing keys outside a tenant prefix as the real adapters do. */
export class InMemoryObjectStorage implements ObjectStorage {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();

  async put(key: string, body: Buffer | Readable, contentType: string): Promise<void> {
    assertTenantKey(key);
    const chunks: Buffer[] = [];
    if (Buffer.isBuffer(body)) chunks.push(body);
    else for await (const chunk of body) chunks.push(chunk as Buffer);
    this.objects.set(key, { body: Buffer.concat(chunks), contentType });
  }

  get(key: string): Promise<Readable> {
    const object = this.objects.get(key);
    if (!object) return Promise.reject(new Error(`no object ${key}`));
    return Promise.resolve(Readable.from([object.body]));
  }

  delete(key: string): Promise<void> {
    this.objects.delete(key);
    return Promise.resolve();
  }

  async *list(tenantPrefix: string): AsyncIterable<string> {
    for (const key of [...this.objects.keys()]) if (key.startsWith(tenantPrefix)) yield await Promise.resolve(key);
  }
}

/** Renditions made of the path's name, so a spec can tell them apart; `refuse` makes the next image unreadable. */
export class LabelledImageProcessor implements ImageProcessor {
  refuse: Error | null = null;
  readonly asked: Array<{ inputPath: string; mimeType: string }> = [];

  renditions(inputPath: string, mimeType: string): Promise<ImageRenditions> {
    this.asked.push({ inputPath, mimeType });
    if (this.refuse) return Promise.reject(this.refuse);
    return Promise.resolve({
      original: { data: Buffer.from('original without exif'), mimeType: 'image/jpeg', width: 1200, height: 800 },
      thumb: { data: Buffer.from('thumb'), mimeType: 'image/webp', width: 200, height: 133 },
      display: { data: Buffer.from('display'), mimeType: 'image/webp', width: 1000, height: 667 },
    });
  }

  static rejected(): ImageRejected {
    return new ImageRejected('too many pixels');
  }
}

/** Knows a type by its first bytes: JPEG, PDF, and GIF (a real type the platform does not accept). */
export class MagicFileTypes implements FileTypeDetector {
  detect(head: Buffer): Promise<{ mimeType: string; extension: string } | null> {
    if (head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return Promise.resolve({ mimeType: 'image/jpeg', extension: 'jpg' });
    if (head.subarray(0, 4).toString('latin1') === '%PDF') return Promise.resolve({ mimeType: 'application/pdf', extension: 'pdf' });
    if (head.subarray(0, 4).toString('latin1') === 'GIF8') return Promise.resolve({ mimeType: 'image/gif', extension: 'gif' });
    return Promise.resolve(null);
  }
}

/** Every port of the content module in memory, with the concrete classes kept so specs can look inside. */
export function inMemoryContent() {
  const items = new InMemoryContentRepository();
  const ports = {
    items,
    contacts: new InMemoryContactRepository(),
    snapshots: new InMemorySyncSnapshotRepository(items),
    people: new InMemoryContentPeople(),
    language: new FixedTenantLanguage(),
    media: new InMemoryMediaRepository(),
    storage: new InMemoryObjectStorage(),
    images: new LabelledImageProcessor(),
    fileTypes: new MagicFileTypes(),
    clock: new FixedClock(),
    audit: new InMemoryAuditLog(),
    settings: { fileLinkSecret: 'spec-file-link-secret', fileLinkTtlSeconds: 300 },
  };
  // Checked against the module's own bag: a port added to ContentDeps fails to compile here first.
  const deps: ContentDeps = ports;
  void deps;
  return ports;
}
