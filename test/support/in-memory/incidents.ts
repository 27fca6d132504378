import { createHash } from 'node:crypto';
import { framedLink } from '../../../src/modules/incidents/application/chain-hash.js';
import type { IncidentsDeps } from '../../../src/modules/incidents/application/deps.js';
import type { IncidentAction } from '../../../src/modules/incidents/domain/action.js';
import type { ChatMessage } from '../../../src/modules/incidents/domain/chat-message.js';
import type { Incident, IncidentMember, IncidentStatus, IncidentTeam } from '../../../src/modules/incidents/domain/incident.js';
import type { LinkFrame, StoredLink } from '../../../src/modules/incidents/domain/log-chain.js';
import type { LogEntry } from '../../../src/modules/incidents/domain/log-entry.js';
import type { LogMark } from '../../../src/modules/incidents/domain/log-mark.js';
import type { IncidentReport } from '../../../src/modules/incidents/domain/report.js';
import type { IncidentSetup } from '../../../src/modules/incidents/domain/setup.js';
import type { SituationPictureVersion } from '../../../src/modules/incidents/domain/situation-picture.js';
import type { IncidentTemplate } from '../../../src/modules/incidents/domain/template.js';
import type {
  ActionRepository,
  ChatRepository,
  IncidentRepository,
  LiveNews,
  LogQuery,
  LogRepository,
  MediaLibrary,
  NotificationReach,
  Notifier,
  OutgoingNotice,
  People,
  Plans,
  ReportRenderer,
  SetupRepository,
  SituationPictureRepository,
  TemplateRepository,
  TenantProfile,
} from '../../../src/modules/incidents/ports.js';
import { FixedClock, InMemoryAuditLog, inTenant } from './platform.js';

// Entities are kept by reference, as the unit of work's identity map keeps them: a use case's
// change to a loaded entity is what the flush would write, so the spec sees it here.

export class InMemorySetupRepository implements SetupRepository {
  /** What a use case saved after changing it (changed here by reference anyway). */
  readonly saved: Array<IncidentSetup> = [];
  readonly setups = new Map<string, IncidentSetup>();

  of(tenantId: string): Promise<IncidentSetup | null> {
    return Promise.resolve(this.setups.get(tenantId) ?? null);
  }

  add(setup: IncidentSetup): void {
    this.setups.set(setup.tenantId, setup);
  }

  save(setup: IncidentSetup): void {
    this.saved.push(setup);
  }
}

export class InMemoryIncidentRepository implements IncidentRepository {
  /** What a use case saved after changing it (changed here by reference anyway). */
  readonly saved: Array<Incident | IncidentMember | IncidentTeam> = [];
  readonly incidents: Incident[] = [];
  readonly memberRows: IncidentMember[] = [];
  readonly teamRows: IncidentTeam[] = [];
  /** How often each incident's team was locked (a use case that must serialise asks for it). */
  readonly locks: string[] = [];

  constructor(private readonly setups: InMemorySetupRepository) {}

  byId(tenantId: string, id: string): Promise<Incident | null> {
    return Promise.resolve(this.find(tenantId, id));
  }

  list(tenantId: string, query: { status?: IncidentStatus; linkedUserId?: string }): Promise<Incident[]> {
    return Promise.resolve(
      this.incidents.filter(
        (i) =>
          i.tenantId === tenantId &&
          (query.status === undefined || i.status === query.status) &&
          (query.linkedUserId === undefined || this.memberRows.some((m) => m.tenantId === tenantId && m.incidentId === i.id && m.userId === query.linkedUserId && m.isActive())),
      ),
    );
  }

  async withViewer(tenantId: string, incidentId: string, userId: string | null): Promise<{ incident: Incident; member: IncidentMember | null; setup: IncidentSetup | null } | null> {
    const incident = this.find(tenantId, incidentId);
    if (!incident) return null;
    const member = userId === null ? null : await this.member(tenantId, incidentId, userId);
    return { incident, member, setup: await this.setups.of(tenantId) };
  }

  nextSeq(tenantId: string, incidentId: string): Promise<{ seq: number; head: string | null } | null> {
    const incident = this.find(tenantId, incidentId);
    if (incident?.status !== 'active') return Promise.resolve(null);
    incident.lastSeq += 1;
    return Promise.resolve({ seq: incident.lastSeq, head: incident.chainHead });
  }

  chainHead(tenantId: string, incidentId: string): Promise<string | null> {
    return Promise.resolve(this.find(tenantId, incidentId)?.chainHead ?? null);
  }

  lockTeam(tenantId: string, incidentId: string): Promise<void> {
    this.locks.push(`${tenantId}|${incidentId}`);
    return Promise.resolve();
  }

  members(tenantId: string, incidentId: string): Promise<IncidentMember[]> {
    return Promise.resolve(this.memberRows.filter((m) => m.tenantId === tenantId && m.incidentId === incidentId));
  }

  member(tenantId: string, incidentId: string, userId: string): Promise<IncidentMember | null> {
    return Promise.resolve(this.memberRows.find((m) => m.tenantId === tenantId && m.incidentId === incidentId && m.userId === userId) ?? null);
  }

  teams(tenantId: string, incidentId: string): Promise<IncidentTeam[]> {
    return Promise.resolve(this.teamRows.filter((t) => t.tenantId === tenantId && t.incidentId === incidentId));
  }

  participationsOf(tenantId: string, userId: string): Promise<IncidentMember[]> {
    return Promise.resolve(this.memberRows.filter((m) => m.tenantId === tenantId && m.userId === userId));
  }

  add(incident: Incident): void {
    this.incidents.push(incident);
  }

  addMember(member: IncidentMember): void {
    this.memberRows.push(member);
  }

  addTeam(team: IncidentTeam): void {
    this.teamRows.push(team);
  }

  save(changed: Incident | IncidentMember | IncidentTeam): void {
    this.saved.push(changed);
  }

  pseudonymiseMember(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    for (const m of this.memberRows) if (m.tenantId === tenantId && m.userId === userId) m.name = pseudonym;
    return Promise.resolve();
  }

  find(tenantId: string, id: string): Incident | null {
    return this.incidents.find((i) => i.tenantId === tenantId && i.id === id) ?? null;
  }
}

/** The log with the chain head kept on the incident, hashed as PostgreSQL hashes a frame (SHA-256 over the completed canonical text). */
export class InMemoryLogRepository implements LogRepository {
  readonly entries: LogEntry[] = [];
  readonly marks: LogMark[] = [];
  /** Entries a use case saved after changing them (here they are changed by reference anyway). */
  readonly saved: LogEntry[] = [];

  constructor(private readonly incidents: InMemoryIncidentRepository) {}

  byId(tenantId: string, incidentId: string, id: string): Promise<LogEntry | null> {
    return Promise.resolve(this.entries.find((e) => e.tenantId === tenantId && e.incidentId === incidentId && e.id === id) ?? null);
  }

  list(tenantId: string, incidentId: string, query: LogQuery): Promise<LogEntry[]> {
    const matching = this.entries.filter(
      (e) =>
        e.tenantId === tenantId &&
        e.incidentId === incidentId &&
        (query.teamId === undefined || e.authorTeamId === query.teamId) &&
        (query.authorId === undefined || e.authorId === query.authorId) &&
        (query.classification === undefined || e.classification === query.classification) &&
        (query.label === undefined || e.labels.includes(query.label)) &&
        (query.kind === undefined || e.kind() === query.kind) &&
        (query.important === undefined || e.important === query.important) &&
        (query.from === undefined || e.createdAt >= query.from) &&
        (query.to === undefined || e.createdAt <= query.to) &&
        (query.afterSeq === undefined || e.seq > query.afterSeq) &&
        (query.afterChange === undefined || e.changeSeq > query.afterChange) &&
        (query.visibleTo === undefined || e.authorId === query.visibleTo.userId || e.important || (e.authorTeamId !== null && query.visibleTo.teamIds.includes(e.authorTeamId))),
    );
    const order = query.afterChange !== undefined ? (e: LogEntry) => e.changeSeq : (e: LogEntry) => e.seq;
    return Promise.resolve(matching.sort((a, b) => order(a) - order(b)).slice(0, query.limit));
  }

  all(tenantId: string, incidentId: string): Promise<LogEntry[]> {
    return Promise.resolve(this.entries.filter((e) => e.tenantId === tenantId && e.incidentId === incidentId).sort((a, b) => a.seq - b.seq));
  }

  byAuthor(tenantId: string, userId: string): Promise<LogEntry[]> {
    return Promise.resolve(this.entries.filter((e) => e.tenantId === tenantId && e.authorId === userId));
  }

  entriesShowing(tenantId: string, mediaId: string): Promise<Array<{ incidentId: string; authorId: string; authorTeamId: string | null; important: boolean }>> {
    return Promise.resolve(
      this.entries
        .filter((e) => e.tenantId === tenantId && e.media.some((m) => m.id === mediaId))
        .map((e) => ({ incidentId: e.incidentId, authorId: e.authorId, authorTeamId: e.authorTeamId, important: e.important })),
    );
  }

  byClientId(tenantId: string, authorId: string, clientId: string): Promise<LogEntry | null> {
    return Promise.resolve(this.entries.find((e) => e.tenantId === tenantId && e.authorId === authorId && e.clientId === clientId) ?? null);
  }

  append(entry: LogEntry): Promise<void> {
    this.entries.push(entry);
    this.moveHead(entry.tenantId, entry.incidentId, entry.hash);
    return Promise.resolve();
  }

  appendNext(entry: LogEntry, frame: LinkFrame): Promise<{ seq: number; prevHash: string | null; hash: string } | null> {
    const incident = this.incidents.find(entry.tenantId, entry.incidentId);
    if (incident?.status !== 'active') return Promise.resolve(null);
    const seq = incident.lastSeq + 1;
    const prevHash = incident.chainHead;
    const hash = createHash('sha256').update(framedLink(frame, seq, prevHash), 'utf8').digest('hex');
    Object.assign(incident, { lastSeq: seq, chainHead: hash });
    this.entries.push(entry);
    return Promise.resolve({ seq, prevHash, hash });
  }

  appendMark(mark: LogMark): Promise<void> {
    this.marks.push(mark);
    this.moveHead(mark.tenantId, mark.incidentId, mark.hash);
    return Promise.resolve();
  }

  save(entry: LogEntry): void {
    this.saved.push(entry);
  }

  chain(tenantId: string, incidentId: string): Promise<Array<StoredLink & { marking?: { important: boolean; summary: string | null } }>> {
    const entries = this.entries
      .filter((e) => e.tenantId === tenantId && e.incidentId === incidentId)
      .map((e) => ({ ...e.link(), hash: e.hash, marking: { important: e.important, summary: e.summary } }));
    const marks = this.marks.filter((m) => m.tenantId === tenantId && m.incidentId === incidentId).map((m) => ({ ...m.link(), hash: m.hash }));
    return Promise.resolve([...entries, ...marks].sort((a, b) => a.seq - b.seq));
  }

  pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    for (const e of this.entries) if (e.tenantId === tenantId && e.authorId === userId) e.authorName = pseudonym;
    return Promise.resolve();
  }

  private moveHead(tenantId: string, incidentId: string, hash: string): void {
    const incident = this.incidents.find(tenantId, incidentId);
    if (incident) incident.chainHead = hash;
  }
}

export class InMemoryActionRepository implements ActionRepository {
  /** What a use case saved after changing it (changed here by reference anyway). */
  readonly saved: Array<IncidentAction> = [];
  readonly actions: IncidentAction[] = [];

  byId(tenantId: string, incidentId: string, id: string): Promise<IncidentAction | null> {
    return Promise.resolve(this.actions.find((a) => a.tenantId === tenantId && a.incidentId === incidentId && a.id === id) ?? null);
  }

  list(tenantId: string, incidentId: string): Promise<IncidentAction[]> {
    return Promise.resolve(this.actions.filter((a) => a.tenantId === tenantId && a.incidentId === incidentId));
  }

  involving(tenantId: string, userId: string): Promise<IncidentAction[]> {
    return Promise.resolve(this.actions.filter((a) => a.tenantId === tenantId && (a.createdBy === userId || a.assignee?.userId === userId || a.history.some((h) => h.byId === userId))));
  }

  byClientId(tenantId: string, createdBy: string, clientId: string): Promise<IncidentAction | null> {
    return Promise.resolve(this.actions.find((a) => a.tenantId === tenantId && a.createdBy === createdBy && a.clientId === clientId) ?? null);
  }

  add(action: IncidentAction): void {
    this.actions.push(action);
  }

  save(action: IncidentAction): void {
    this.saved.push(action);
  }
}

export class InMemoryChatRepository implements ChatRepository {
  /** What a use case saved after changing it (changed here by reference anyway). */
  readonly saved: Array<ChatMessage> = [];
  readonly messages: ChatMessage[] = [];
  private readonly counters = new Map<string, { change: number; seq: number }>();

  constructor(private readonly incidents: InMemoryIncidentRepository) {}

  byId(tenantId: string, incidentId: string, id: string): Promise<ChatMessage | null> {
    return Promise.resolve(this.messages.find((m) => m.tenantId === tenantId && m.incidentId === incidentId && m.id === id) ?? null);
  }

  list(tenantId: string, incidentId: string, query: { afterSeq?: number; afterChange?: number; limit: number }): Promise<ChatMessage[]> {
    const order = query.afterChange !== undefined ? (m: ChatMessage) => m.changeSeq : (m: ChatMessage) => m.seq;
    return Promise.resolve(
      this.messages
        .filter((m) => m.tenantId === tenantId && m.incidentId === incidentId && (query.afterSeq === undefined || m.seq > query.afterSeq) && (query.afterChange === undefined || m.changeSeq > query.afterChange))
        .sort((a, b) => order(a) - order(b))
        .slice(0, query.limit),
    );
  }

  all(tenantId: string, incidentId: string): Promise<ChatMessage[]> {
    return this.list(tenantId, incidentId, { limit: Number.MAX_SAFE_INTEGER });
  }

  byAuthor(tenantId: string, userId: string): Promise<ChatMessage[]> {
    return Promise.resolve(this.messages.filter((m) => m.tenantId === tenantId && m.authorId === userId));
  }

  byClientId(tenantId: string, authorId: string, clientId: string): Promise<ChatMessage | null> {
    return Promise.resolve(this.messages.find((m) => m.tenantId === tenantId && m.authorId === authorId && m.clientId === clientId) ?? null);
  }

  nextChange(tenantId: string, incidentId: string): Promise<{ change: number; seq: number } | null> {
    if (this.incidents.find(tenantId, incidentId)?.status !== 'active') return Promise.resolve(null);
    const key = `${tenantId}|${incidentId}`;
    const last = this.counters.get(key) ?? { change: 0, seq: 0 };
    const next = { change: last.change + 1, seq: last.seq + 1 };
    // A promotion takes a change number but posts no message: the chat number is given back.
    this.counters.set(key, next);
    return Promise.resolve(next);
  }

  incidentsShowing(tenantId: string, mediaId: string): Promise<string[]> {
    return Promise.resolve([...new Set(this.messages.filter((m) => m.tenantId === tenantId && m.media.some((x) => x.id === mediaId)).map((m) => m.incidentId))]);
  }

  add(message: ChatMessage): void {
    this.messages.push(message);
  }

  save(message: ChatMessage): void {
    this.saved.push(message);
  }

  pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    for (const m of this.messages) if (m.tenantId === tenantId && m.authorId === userId) m.authorName = pseudonym;
    return Promise.resolve();
  }
}

export class InMemorySituationPictureRepository implements SituationPictureRepository {
  readonly stored: SituationPictureVersion[] = [];

  versions(tenantId: string, incidentId: string): Promise<SituationPictureVersion[]> {
    return Promise.resolve(this.stored.filter((v) => v.tenantId === tenantId && v.incidentId === incidentId).sort((a, b) => a.version - b.version));
  }

  byAuthor(tenantId: string, userId: string): Promise<SituationPictureVersion[]> {
    return Promise.resolve(this.stored.filter((v) => v.tenantId === tenantId && v.authorId === userId));
  }

  add(version: SituationPictureVersion): void {
    this.stored.push(version);
  }

  pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    for (const v of this.stored) if (v.tenantId === tenantId && v.authorId === userId) v.authorName = pseudonym;
    return Promise.resolve();
  }
}

export class InMemoryTemplateRepository implements TemplateRepository {
  /** What a use case saved after changing it (changed here by reference anyway). */
  readonly saved: Array<IncidentTemplate> = [];
  readonly templates: IncidentTemplate[] = [];

  byId(tenantId: string, id: string): Promise<IncidentTemplate | null> {
    return Promise.resolve(this.templates.find((t) => t.tenantId === tenantId && t.id === id) ?? null);
  }

  byKey(tenantId: string, key: string): Promise<IncidentTemplate | null> {
    return Promise.resolve(this.templates.find((t) => t.tenantId === tenantId && t.key === key) ?? null);
  }

  list(tenantId: string): Promise<IncidentTemplate[]> {
    return Promise.resolve(this.templates.filter((t) => t.tenantId === tenantId));
  }

  add(template: IncidentTemplate): void {
    this.templates.push(template);
  }

  save(template: IncidentTemplate): void {
    this.saved.push(template);
  }

  remove(template: IncidentTemplate): void {
    this.templates.splice(this.templates.indexOf(template), 1);
  }
}

/** The tenant's people and groups, as the users module would answer: only active users have a name. */
export class InMemoryPeople implements People {
  readonly users = new Map<string, string>();
  readonly groups = new Map<string, { name: string; members: string[] }>();

  names(tenantId: string, userIds: string[]): Promise<Map<string, string>> {
    void tenantId;
    return Promise.resolve(new Map(userIds.filter((id) => this.users.has(id)).map((id) => [id, this.users.get(id)!])));
  }

  groupName(tenantId: string, groupId: string): Promise<string | null> {
    void tenantId;
    return Promise.resolve(this.groups.get(groupId)?.name ?? null);
  }

  membersOf(tenantId: string, groupId: string): Promise<Array<{ id: string; name: string }>> {
    void tenantId;
    return Promise.resolve((this.groups.get(groupId)?.members ?? []).map((id) => ({ id, name: this.users.get(id) ?? id })));
  }
}

/** Every user reaches one device. */
export class InMemoryNotificationReach implements NotificationReach {
  count(tenantId: string, userIds: string[]): Promise<{ people: number; devices: number }> {
    void tenantId;
    return Promise.resolve({ people: userIds.length, devices: userIds.length });
  }
}

export class RecordingNotifier implements Notifier {
  readonly notices: OutgoingNotice[] = [];

  notify(notice: OutgoingNotice): Promise<void> {
    this.notices.push(notice);
    return Promise.resolve();
  }
}

export class InMemoryMediaLibrary implements MediaLibrary {
  readonly files: Array<{ id: string; kind: string; mimeType: string; originalName: string | null; createdBy: string; bytes?: Buffer }> = [];

  describe(tenantId: string, mediaIds: string[]): Promise<Array<{ id: string; kind: string; mimeType: string; originalName: string | null; createdBy: string }>> {
    void tenantId;
    return Promise.resolve(this.files.filter((f) => mediaIds.includes(f.id)).map(({ id, kind, mimeType, originalName, createdBy }) => ({ id, kind, mimeType, originalName, createdBy })));
  }

  imageBytes(tenantId: string, mediaId: string): Promise<Buffer | null> {
    void tenantId;
    return Promise.resolve(this.files.find((f) => f.id === mediaId)?.bytes ?? null);
  }
}

/** Announcements are kept and handed to listeners at once (there is no commit to wait for). */
export class InMemoryLiveNews implements LiveNews {
  readonly announced: Array<{ tenantId: string; incidentId: string; changeSeq: number }> = [];
  private readonly listeners = new Set<{ key: string; listener: (changeSeq: number) => void }>();

  announce(tenantId: string, incidentId: string, changeSeq: number): void {
    this.announced.push({ tenantId, incidentId, changeSeq });
    for (const l of this.listeners) if (l.key === `${tenantId}|${incidentId}`) l.listener(changeSeq);
  }

  listen(tenantId: string, incidentId: string, listener: (changeSeq: number) => void): Promise<() => Promise<void>> {
    const entry = { key: `${tenantId}|${incidentId}`, listener };
    this.listeners.add(entry);
    return Promise.resolve(() => {
      this.listeners.delete(entry);
      return Promise.resolve();
    });
  }

  listenerCount(): number {
    return this.listeners.size;
  }
}

export class InMemoryPlans implements Plans {
  readonly scenarios: Array<{ id: string; title: string; escalationLevels: Array<{ level: number; name: string }>; taskCardIds: string[] }> = [];
  readonly cards: Array<{ id: string; title: string; role: string; steps: string[] }> = [];
  readonly messageTemplates: Array<{ id: string; name: string; title: string; body: string }> = [];

  scenario(tenantId: string, id: string): Promise<{ id: string; title: string; escalationLevels: Array<{ level: number; name: string }>; taskCardIds: string[] } | null> {
    void tenantId;
    return Promise.resolve(this.scenarios.find((s) => s.id === id) ?? null);
  }

  taskCards(tenantId: string, ids: string[]): Promise<Array<{ id: string; title: string; role: string; steps: string[] }>> {
    void tenantId;
    return Promise.resolve(this.cards.filter((c) => ids.includes(c.id)));
  }

  messageTemplate(tenantId: string, id: string, values: Record<string, string>): Promise<{ name: string; title: string; body: string } | null> {
    void tenantId;
    const template = this.messageTemplates.find((t) => t.id === id);
    if (!template) return Promise.resolve(null);
    const fill = (text: string) => text.replace(/\{\{([\w.]+)\}\}/g, (whole, key: string) => values[key] ?? whole);
    return Promise.resolve({ name: template.name, title: fill(template.title), body: fill(template.body) });
  }
}

export class InMemoryTenantProfile implements TenantProfile {
  readonly profiles = new Map<string, { name: string; logoMediaId: string | null }>();

  of(tenantId: string): Promise<{ name: string; logoMediaId: string | null } | null> {
    return Promise.resolve(this.profiles.get(tenantId) ?? null);
  }
}

/** Keeps the reports it was asked to render; the "PDF" is the report's title. */
export class RecordingReportRenderer implements ReportRenderer {
  readonly rendered: Array<{ report: IncidentReport; logo: Buffer | null }> = [];

  pdf(report: IncidentReport, logo: Buffer | null): Promise<Buffer> {
    this.rendered.push({ report, logo });
    return Promise.resolve(Buffer.from('%PDF spec'));
  }
}

/** Every port of the incidents module in memory, with the concrete classes kept so specs can look inside. */
export function inMemoryIncidents() {
  const setups = new InMemorySetupRepository();
  const incidents = new InMemoryIncidentRepository(setups);
  const ports = {
    setups,
    incidents,
    log: new InMemoryLogRepository(incidents),
    actions: new InMemoryActionRepository(),
    templates: new InMemoryTemplateRepository(),
    pictures: new InMemorySituationPictureRepository(),
    plans: new InMemoryPlans(),
    chat: new InMemoryChatRepository(incidents),
    people: new InMemoryPeople(),
    reach: new InMemoryNotificationReach(),
    media: new InMemoryMediaLibrary(),
    tenants: new InMemoryTenantProfile(),
    live: new InMemoryLiveNews(),
    chatNews: new InMemoryLiveNews(),
    renderer: new RecordingReportRenderer(),
    notifier: new RecordingNotifier(),
    clock: new FixedClock(),
    audit: new InMemoryAuditLog(),
    inTenant,
  };
  // Checked against the module's own bag: a port added to IncidentsDeps fails to compile here first.
  const deps: IncidentsDeps = ports;
  void deps;
  return ports;
}
