import type { AudienceLink, SyncSnapshot } from './domain/audience.js';
import type { Contact } from './domain/contact.js';
import type { ContentItem } from './domain/content-item.js';
import type { Media } from './domain/media.js';

// Writing through these ports. A use case runs inside its request's (or job's) unit of work
// (platform/database/unit-of-work.ts). What it `add`s, and every change it makes to an entity it
// read through a repository here, is written when that transaction commits: there is no save(),
// the commit's flush finds the changed entities. A method that returns a Promise and writes runs
// its SQL at once, in the same transaction. Either way, nothing is written when a later step of
// the request fails (test/e2e/unit-of-work.spec.ts shows both outcomes).

/** A published, live item as a member's view shows it: a read-only value, not a tracked entity. */
export type ViewCandidate = Pick<ContentItem, 'id' | 'parentId' | 'kind' | 'title' | 'position' | 'body' | 'version' | 'updatedAt' | 'status' | 'deletedAt'>;

/** An item as the admin's tree view shows it: no body, its audience links gathered. Read-only. */
export interface OutlineRow {
  id: string;
  parentId: string | null;
  kind: ContentItem['kind'];
  title: string;
  position: number;
  status: ContentItem['status'];
  everyone: boolean;
  version: number;
  updatedAt: Date;
  groupIds: string[];
  userIds: string[];
}

export interface ContentRepository {
  byId(tenantId: string, id: string): Promise<ContentItem | null>;
  /** Every item that is not deleted: the admin's tree. */
  all(tenantId: string): Promise<ContentItem[]>;
  /** Every item that is not deleted, without bodies, with its audience: the admin's tree view, in one query. */
  outline(tenantId: string): Promise<OutlineRow[]>;
  children(tenantId: string, parentId: string | null): Promise<ContentItem[]>;
  descendants(tenantId: string, id: string): Promise<ContentItem[]>;
  audienceOf(tenantId: string, itemIds: string[]): Promise<AudienceLink[]>;
  replaceAudience(tenantId: string, itemId: string, links: AudienceLink[]): Promise<void>;
  /**
   * The candidates of one user's view: every published, live item of the tenant (read-only
   * values; a view keeps the folders on the paths up) and the ids of those whose audience
   * includes the user — directly, through one of their groups, or everyone. `mark`: the tree's
   * change mark, when the caller has read it already (SyncSnapshotRepository.current). `byId` is
   * the same map for as long as the tree is unchanged, so a caller may keep what it derives from it.
   */
  viewCandidates(tenantId: string, userId: string, groupIds: string[], mark?: string): Promise<{ byId: ReadonlyMap<string, ViewCandidate>; direct: Set<string> }>;
  contactListsShowing(tenantId: string, contactId: string): Promise<ContentItem[]>;
  contactListsShowingUser(tenantId: string, userId: string): Promise<ContentItem[]>;
  /** Contact lists (deleted ones too) with the user as an entry: personal data about them. */
  contactListsNamingUser(tenantId: string, userId: string): Promise<ContentItem[]>;
  /** Items whose audience names the user directly. */
  itemIdsLinkedToUser(tenantId: string, userId: string): Promise<string[]>;
  unlinkUser(tenantId: string, userId: string): Promise<void>;
  /**
   * Full-text search (PostgreSQL text search in the tenant's language) among the given items,
   * best matches first, with a short highlighted extract.
   */
  search(tenantId: string, itemIds: string[], query: string, language: 'dutch' | 'english', limit: number): Promise<Array<{ id: string; rank: number; extract: string }>>;
  /** The live items that use these files (a document's file), per file id. */
  usingMedia(tenantId: string, mediaIds: string[]): Promise<Array<{ mediaId: string; id: string; title: string; kind: ContentItem['kind'] }>>;
  add(item: ContentItem): void;
}

export interface ContactListQuery {
  page: number;
  pageSize: number;
  search?: string;
  /** Only contacts whose retention date lies before this day (YYYY-MM-DD). */
  pastRetentionOn?: string;
  /** Only contacts without a recorded legal basis. */
  noLegalBasis?: boolean;
}

export interface ContactRepository {
  byId(tenantId: string, id: string): Promise<Contact | null>;
  byIds(tenantId: string, ids: string[]): Promise<Contact[]>;
  /** What a contact list shows of each contact, read-only. */
  cards(tenantId: string, ids: string[]): Promise<ContactCard[]>;
  list(tenantId: string, query: ContactListQuery): Promise<{ items: Contact[]; total: number }>;
  add(contact: Contact): void;
  remove(contact: Contact): void;
  /** Read-only copies of the next page after `afterId`, ordered by id (streamed exports). */
  pageAfter(tenantId: string, afterId: string | null, limit: number): Promise<Contact[]>;
  pastRetention(tenantId: string, today: string): Promise<Array<{ id: string; retentionUntil: string }>>;
}

export type ContactCard = Pick<Contact, 'id' | 'name' | 'organisation' | 'function' | 'phones' | 'email'>;

export interface SyncSnapshotRepository {
  find(tenantId: string, userId: string, viewHash: string): Promise<SyncSnapshot | null>;
  /**
   * In one read: a mark that changes whenever anything in the tenant's tree changes, and the view
   * hashes of the user's snapshots taken at that mark, by the rest of their stamp (`<mark>|<rest>`).
   */
  current(tenantId: string, userId: string): Promise<{ lastChange: string; viewHashes: ReadonlyMap<string, string> }>;
  /**
   * Keeps the snapshot (once per view) and forgets the oldest beyond the last few of the user:
   * written with the commit of the unit of work (a failure fails it), nothing to wait for here.
   */
  keep(snapshot: SyncSnapshot): void;
  forgetUser(tenantId: string, userId: string): Promise<void>;
}

/** What content needs to know about people, answered by the users module's application layer. */
export interface People {
  groupIdsOf(tenantId: string, userId: string): Promise<string[]>;
  userExists(tenantId: string, userId: string): Promise<boolean>;
  missingGroups(tenantId: string, groupIds: string[]): Promise<string[]>;
  missingUsers(tenantId: string, userIds: string[]): Promise<string[]>;
  profiles(tenantId: string, userIds: string[]): Promise<Array<{ id: string; name: string; jobTitle: string | null; phone: string | null; email: string }>>;
  /** Who an audience reaches: active and invited users counted, a page of the active ones (by name) matching the search. */
  audienceMembers(
    tenantId: string,
    audience: { everyone: boolean; groupIds: string[]; userIds: string[] },
    query: { page: number; pageSize: number; search?: string },
  ): Promise<{ active: number; invited: number; total: number; items: Array<{ id: string; name: string; email: string }> }>;
}

export interface MediaListQuery {
  page: number;
  pageSize: number;
  kind?: Media['kind'];
  /** Part of the file name. */
  search?: string;
}

export interface MediaRepository {
  byId(tenantId: string, id: string): Promise<Media | null>;
  /** A page of the tenant's files, newest first (read-only copies). */
  list(tenantId: string, query: MediaListQuery): Promise<{ items: Media[]; total: number }>;
  add(media: Media): void;
}

/** The tenant's language, for text search: answered by the tenants module. */
export interface TenantLanguage {
  of(tenantId: string): Promise<'dutch' | 'english'>;
}
