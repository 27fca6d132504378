import type { Actor } from '../../platform/auth/actor.js';
import type { DomainError } from '../../platform/domain/errors.js';
import type { Result } from '../../platform/domain/result.js';
import type { IncidentReport } from './domain/report.js';
import type { IncidentAction } from './domain/action.js';
import type { ChatMessage } from './domain/chat-message.js';
import type { Incident, IncidentMember, IncidentStatus, IncidentTeam } from './domain/incident.js';
import type { LinkFrame, StoredLink } from './domain/log-chain.js';
import type { LogEntry } from './domain/log-entry.js';
import type { LogMark } from './domain/log-mark.js';
import type { IncidentSetup } from './domain/setup.js';
import type { SituationPictureVersion } from './domain/situation-picture.js';
import type { IncidentTemplate } from './domain/template.js';

// Writing through these ports. Every write of a use case is a call here: `add` for a new record,
// `save` for one it changed (both written when the request's transaction commits,
// platform/database/unit-of-work.ts), and the statements that write at once (`append…`,
// `pseudonymise…`). They commit together or, when a later step of the request fails, not at all
// (test/e2e/unit-of-work.spec.ts shows both outcomes). A change without its `save` would still be
// written by the commit's flush; the call is there so the use case says what it writes.

/** The two writes of a record kept whole: a new one (`add`), and one the use case changed (`save`). */
export interface RecordWrites<T> {
  add(record: T): void;
  save(record: T): void;
}

export interface SetupRepository extends RecordWrites<IncidentSetup> {
  of(tenantId: string): Promise<IncidentSetup | null>;
}

/** The incident with its team: the people and groups linked to it. */
export interface IncidentRepository {
  byId(tenantId: string, id: string): Promise<Incident | null>;
  /** Every incident of the tenant, or only those `linkedUserId` is an active member of. */
  list(tenantId: string, query: { status?: IncidentStatus; linkedUserId?: string }): Promise<Incident[]>;
  /**
   * The incident with what decides how a user sees it: their membership (active or not) and the
   * tenant's set-up, if it has one. `readOnly`: for a query that changes none of them (copies the
   * unit of work does not track).
   */
  withViewer(tenantId: string, incidentId: string, userId: string | null, options?: { readOnly?: boolean }): Promise<{ incident: Incident; member: IncidentMember | null; setup: IncidentSetup | null } | null>;
  /**
   * The next change number of an active incident's log, or null when it is not active (any more);
   * locks the incident until the transaction ends, so changes are numbered in commit order.
   */
  nextSeq(tenantId: string, incidentId: string): Promise<{ seq: number; head: string | null } | null>;
  /** The recorded hash of the newest chain link. */
  chainHead(tenantId: string, incidentId: string): Promise<string | null>;
  /** Locks the incident until the transaction ends: changes of its team then run one after the other. */
  lockTeam(tenantId: string, incidentId: string): Promise<void>;
  members(tenantId: string, incidentId: string): Promise<IncidentMember[]>;
  member(tenantId: string, incidentId: string, userId: string): Promise<IncidentMember | null>;
  teams(tenantId: string, incidentId: string): Promise<IncidentTeam[]>;
  /** Every participation of a user, in any incident (for access exports). */
  participationsOf(tenantId: string, userId: string): Promise<IncidentMember[]>;
  add(incident: Incident): void;
  addMember(member: IncidentMember): void;
  addTeam(team: IncidentTeam): void;
  /** A changed incident, participation or linked team, written at the commit. */
  save(changed: Incident | IncidentMember | IncidentTeam): void;
  /** Erasure: the person's name in participations becomes the pseudonym. */
  pseudonymiseMember(tenantId: string, userId: string, pseudonym: string): Promise<void>;
}

export interface LogQuery {
  teamId?: string;
  authorId?: string;
  classification?: string;
  label?: string;
  kind?: 'text' | 'media';
  important?: boolean;
  from?: Date;
  to?: Date;
  /** Entries after this log number (paging through the log). */
  afterSeq?: number;
  /** Changes after this change number, oldest first (the live feed's catch-up). */
  afterChange?: number;
  /** What a member who sees only their own team may see: entries of these teams, their own, and important ones. */
  visibleTo?: { userId: string; teamIds: string[] };
  limit: number;
}

export interface LogRepository {
  /** `readOnly`: a copy the unit of work does not track, for a use case that does not change it. */
  byId(tenantId: string, incidentId: string, id: string, options?: { readOnly?: boolean }): Promise<LogEntry | null>;
  list(tenantId: string, incidentId: string, query: LogQuery): Promise<LogEntry[]>;
  /** Every entry of the incident in log order, as read-only rows (reports). */
  all(tenantId: string, incidentId: string): Promise<LogEntry[]>;
  byAuthor(tenantId: string, userId: string): Promise<LogEntry[]>;
  /** The entries that show this file, with what decides who may see them. */
  entriesShowing(tenantId: string, mediaId: string): Promise<Array<{ incidentId: string; authorId: string; authorTeamId: string | null; important: boolean }>>;
  /** The author's entry posted with this client id, in any incident (a read-only copy). */
  byClientId(tenantId: string, authorId: string, clientId: string): Promise<LogEntry | null>;
  /**
   * Writes the entry at once and makes its hash the incident's chain head, in one statement: the
   * incident stays locked (by nextSeq) from the number to the commit, so what runs in between is
   * what every other post to the incident waits for.
   */
  append(entry: LogEntry): Promise<void>;
  /**
   * Appends a drafted entry at the end of the incident's chain in one statement: locks the open
   * incident, takes the next number, completes the frame with it and the head's hash, hashes it
   * (SHA-256 in PostgreSQL), writes the entry and moves the head. The post's last statement: where
   * nothing else is written after it, the commit goes along in the same round trip, so the incident
   * stays locked only while PostgreSQL runs the two. Null when the incident is no longer open.
   */
  appendNext(entry: LogEntry, frame: LinkFrame): Promise<{ seq: number; prevHash: string | null; hash: string } | null>;
  /** The same for a mark; the entry's own marking columns are the entry's `save`. */
  appendMark(mark: LogMark): Promise<void>;
  /** A changed entry (its marking), written at the commit of the request's transaction. */
  save(entry: LogEntry): void;
  /** Every link of the incident's chain (entries and marks) in sequence order, as stored. */
  chain(tenantId: string, incidentId: string): Promise<Array<StoredLink & { marking?: { important: boolean; summary: string | null } }>>;
  /** Erasure's one way into the append-only log: the author's name becomes the pseudonym (names are outside the chain). */
  pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void>;
}

export interface ActionRepository extends RecordWrites<IncidentAction> {
  byId(tenantId: string, incidentId: string, id: string): Promise<IncidentAction | null>;
  list(tenantId: string, incidentId: string): Promise<IncidentAction[]>;
  /** Actions the user created, was assigned or changed. */
  involving(tenantId: string, userId: string): Promise<IncidentAction[]>;
  /** The action this user created with this client id, in any incident. */
  byClientId(tenantId: string, createdBy: string, clientId: string): Promise<IncidentAction | null>;
}

/**
 * The incident's chat beside the log: informal, outside the chain, but kept and reported like it.
 * A message changes when it is promoted to the log, or pseudonymised.
 */
export interface ChatRepository extends RecordWrites<ChatMessage> {
  byId(tenantId: string, incidentId: string, id: string): Promise<ChatMessage | null>;
  /** By chat number (`afterSeq`, paging), or by change number oldest first (`afterChange`, the live stream). */
  list(tenantId: string, incidentId: string, query: { afterSeq?: number; afterChange?: number; limit: number }): Promise<ChatMessage[]>;
  /** Every message of the incident in chat order, as read-only rows (reports). */
  all(tenantId: string, incidentId: string): Promise<ChatMessage[]>;
  byAuthor(tenantId: string, userId: string): Promise<ChatMessage[]>;
  /** The author's message posted with this client id, in any incident. */
  byClientId(tenantId: string, authorId: string, clientId: string): Promise<ChatMessage | null>;
  /**
   * The next change number and chat number of an active incident's chat, or null when it is not
   * active; locks the incident until the transaction ends, so numbers are handed out in commit order.
   */
  nextChange(tenantId: string, incidentId: string): Promise<{ change: number; seq: number } | null>;
  /** The incidents whose chat shows this file. */
  incidentsShowing(tenantId: string, mediaId: string): Promise<string[]>;
  /** Erasure: the author's name becomes the pseudonym. */
  pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void>;
}

/** What this module needs to know of people and groups: answered by the users module's application layer. */
export interface People {
  names(tenantId: string, userIds: string[]): Promise<Map<string, string>>;
  groupName(tenantId: string, groupId: string): Promise<string | null>;
  membersOf(tenantId: string, groupId: string): Promise<Array<{ id: string; name: string }>>;
}

/** Whom a push message to these users reaches now (active users, their devices): answered by the messaging module's application layer. */
export interface NotificationReach {
  count(tenantId: string, userIds: string[]): Promise<{ people: number; devices: number }>;
}

/** A message to people, in this module's words; a text longer than a message allows is cut to fit. */
export interface OutgoingNotice {
  tenantId: string;
  /** The user on whose behalf it is sent. */
  senderId: string;
  userIds: readonly string[];
  title: string;
  body: string;
  priority: 'normal' | 'urgent';
  /** What it is about ("incident:<id>"), stored with the message. */
  source: string;
  /** Sent from this message template, with the text above as its text filled in. */
  template?: { id: string; placeholders: Readonly<Record<string, string>> } | null;
}

/**
 * Tells people what an incident asks of them, through the messaging module, in the caller's
 * transaction: nobody is linked or assigned without the message and its inbox entry. People of whom
 * none is active are nobody to tell, not a failure; any other failure rolls the change back.
 */
export interface Notifier {
  notify(notice: OutgoingNotice): Promise<void>;
}

export interface MediaLibrary {
  describe(tenantId: string, mediaIds: string[]): Promise<Array<{ id: string; kind: string; mimeType: string; originalName: string | null; createdBy: string }>>;
  imageBytes(tenantId: string, mediaId: string): Promise<Buffer | null>;
}

/** A file received for an incident (spooled to a temporary file by the HTTP layer). */
export interface IncidentUpload {
  path: string;
  size: number;
  head: Buffer;
  declaredType: string | null;
  fileName: string | null;
}

/** Stores uploads as tenant files, through the content module's application layer (its type checks, limits and metadata stripping). */
export interface MediaUploads {
  store(actor: Actor, upload: IncidentUpload): Promise<Result<{ id: string; kind: string; mimeType: string; size: number; originalName: string | null }, DomainError>>;
}

/** The tenant's name and logo for a report: answered by the tenants module. */
export interface TenantProfile {
  of(tenantId: string): Promise<{ name: string; logoMediaId: string | null } | null>;
}

/** Tells live feeds in every api process that an incident's log changed, once the change is committed. */
export interface LiveNews {
  announce(tenantId: string, incidentId: string, changeSeq: number): void;
  listen(tenantId: string, incidentId: string, listener: (changeSeq: number) => void): Promise<() => Promise<void>>;
}

export interface ReportRenderer {
  pdf(report: IncidentReport, logo: Buffer | null): Promise<Buffer>;
}

export interface TemplateRepository extends RecordWrites<IncidentTemplate> {
  byId(tenantId: string, id: string): Promise<IncidentTemplate | null>;
  byKey(tenantId: string, key: string): Promise<IncidentTemplate | null>;
  list(tenantId: string): Promise<IncidentTemplate[]>;
  remove(template: IncidentTemplate): void;
}

/** The versions of incidents' situation pictures: added, never changed (but for erasure's pseudonym). */
export interface SituationPictureRepository {
  /** Every version of the incident's picture, oldest first. */
  versions(tenantId: string, incidentId: string): Promise<SituationPictureVersion[]>;
  byAuthor(tenantId: string, userId: string): Promise<SituationPictureVersion[]>;
  add(version: SituationPictureVersion): void;
  pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void>;
}

/** What activation needs of the tenant's plans: scenarios and task cards, from the content module's application layer. */
export interface Plans {
  /** A live (not deleted) scenario, or null. */
  scenario(tenantId: string, id: string): Promise<{ id: string; title: string; escalationLevels: Array<{ level: number; name: string }>; taskCardIds: string[] } | null>;
  /** The live task cards among these ids (deleted ones and other kinds are left out). */
  taskCards(tenantId: string, ids: string[]): Promise<Array<{ id: string; title: string; role: string; steps: string[] }>>;
  /** A message or call-up template of the tenant with its placeholders filled in, or null when there is none. */
  messageTemplate(tenantId: string, id: string, values: Record<string, string>): Promise<{ name: string; title: string; body: string } | null>;
}
