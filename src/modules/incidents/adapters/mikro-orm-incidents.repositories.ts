import type { FilterQuery } from '@mikro-orm/core';
import { RowMapping } from '../../../platform/database/entity-schema.js';
import { OrmRepository, TenantOwnedRepository } from '../../../platform/database/orm-repository.js';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { IncidentAction } from '../domain/action.js';
import { ChatMessage } from '../domain/chat-message.js';
import { Incident, IncidentMember, IncidentTeam, type IncidentStatus } from '../domain/incident.js';
import type { LinkFrame, StoredLink } from '../domain/log-chain.js';
import { LogEntry, type EntryMedia } from '../domain/log-entry.js';
import { LogMark } from '../domain/log-mark.js';
import { IncidentSetup } from '../domain/setup.js';
import type { ActionRepository, ChatRepository, IncidentRepository, LogQuery, LogRepository, SetupRepository } from '../ports.js';

export class MikroOrmSetupRepository extends OrmRepository<IncidentSetup> implements SetupRepository {
  protected readonly entity = IncidentSetup;

  of(tenantId: string): Promise<IncidentSetup | null> {
    return this.uow.em().findOne(IncidentSetup, { tenantId });
  }

  save(setup: IncidentSetup): void {
    this.uow.em().persist(setup);
  }
}

export class MikroOrmIncidentRepository extends TenantOwnedRepository<Incident> implements IncidentRepository {
  protected readonly entity = Incident;
  private view: { incident: RowMapping<Incident>; member: RowMapping<IncidentMember>; setup: RowMapping<IncidentSetup> } | undefined;

  async list(tenantId: string, query: { status?: IncidentStatus; linkedUserId?: string }): Promise<Incident[]> {
    const em = this.uow.em();
    const where: FilterQuery<Incident> = { tenantId };
    if (query.status) where.status = query.status;
    if (query.linkedUserId) {
      const memberships = await em.find(IncidentMember, { tenantId, userId: query.linkedUserId, removedAt: null }, { fields: ['incidentId'] });
      where.id = { $in: memberships.map((m) => m.incidentId) };
    }
    return em.find(Incident, where, { orderBy: { activatedAt: 'desc', id: 'asc' }, limit: 500 });
  }

  async withViewer(
    tenantId: string,
    incidentId: string,
    userId: string | null,
    options: { readOnly?: boolean } = {},
  ): Promise<{ incident: Incident; member: IncidentMember | null; setup: IncidentSetup | null } | null> {
    if (options.readOnly) return this.viewedBy(tenantId, incidentId, userId);
    // One round trip instead of three on every incident request: the rows come back side by side
    // (columns prefixed by their table's alias) and become entities of this unit of work, as a
    // find would make them. Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE and
    // the joins (and RLS holds anyway).
    const em = this.uow.em();
    const parts = [
      { alias: 'i', entity: Incident },
      { alias: 'm', entity: IncidentMember },
      { alias: 's', entity: IncidentSetup },
    ].map((part) => {
      const meta = em.getMetadata().get(part.entity.name);
      return { ...part, fields: meta.props.filter((prop) => prop.persist !== false && prop.fieldNames?.length === 1).map((prop) => prop.fieldNames[0]!) };
    });
    const columns = parts.flatMap((part) => part.fields.map((field) => `${part.alias}."${field}" as "${part.alias}.${field}"`)).join(', ');
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `select ${columns} from incidents i
         left join incident_members m on m.tenant_id = i.tenant_id and m.incident_id = i.id and m.user_id = ?
         left join incident_setups s on s.tenant_id = i.tenant_id
        where i.tenant_id = ? and i.id = ?`,
      [userId, tenantId, incidentId],
    );
    const row = rows[0];
    if (!row) return null;
    const [incident, member, setup] = parts.map((part) => {
      if (row[`${part.alias}.tenant_id`] === null) return null;
      return Object.fromEntries(part.fields.map((field) => [field, row[`${part.alias}.${field}`]]));
    });
    return {
      incident: em.map(Incident, incident!),
      member: member ? em.map(IncidentMember, member) : null,
      setup: setup ? em.map(IncidentSetup, setup) : null,
    };
  }

  /** withViewer() for reading only: the same statement through rows(), read-only copies instead of entities. */
  private async viewedBy(tenantId: string, incidentId: string, userId: string | null): Promise<{ incident: Incident; member: IncidentMember | null; setup: IncidentSetup | null } | null> {
    const metadata = this.uow.metadata();
    const view = (this.view ??= {
      incident: new RowMapping(metadata, Incident, 'i', true),
      member: new RowMapping(metadata, IncidentMember, 'm', true),
      setup: new RowMapping(metadata, IncidentSetup, 's', true),
    });
    const rows = await this.uow.rows<Record<string, unknown>>(
      `select ${view.incident.columns}, ${view.member.columns}, ${view.setup.columns} from incidents i
         left join incident_members m on m.tenant_id = i.tenant_id and m.incident_id = i.id and m.user_id = ?
         left join incident_setups s on s.tenant_id = i.tenant_id
        where i.tenant_id = ? and i.id = ?`,
      [userId, tenantId, incidentId],
    );
    const row = rows[0];
    const incident = row ? view.incident.fromPrefixed(row) : null;
    if (!row || !incident) return null;
    return { incident, member: view.member.fromPrefixed(row), setup: view.setup.fromPrefixed(row) };
  }

  async nextSeq(tenantId: string, incidentId: string): Promise<{ seq: number; head: string | null } | null> {
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    // The row lock it takes orders the incident's changes: numbers are handed out in commit order,
    // and the chain head read here is the one the next link must point to.
    const rows = await this.uow.em().execute<Array<{ last_seq: number; chain_head: string | null }>>(
      `update incidents set last_seq = last_seq + 1 where tenant_id = ? and id = ? and status = 'active' returning last_seq, chain_head`,
      [tenantId, incidentId],
    );
    const row = rows[0];
    return row ? { seq: row.last_seq, head: row.chain_head } : null;
  }

  async chainHead(tenantId: string, incidentId: string): Promise<string | null> {
    const rows = await this.uow.em().execute<Array<{ chain_head: string | null }>>(`select chain_head from incidents where tenant_id = ? and id = ?`, [tenantId, incidentId]);
    return rows[0]?.chain_head ?? null;
  }

  async lockTeam(tenantId: string, incidentId: string): Promise<void> {
    await this.uow.rows(`select 1 from incidents where tenant_id = ? and id = ? for update`, [tenantId, incidentId]);
  }

  members(tenantId: string, incidentId: string): Promise<IncidentMember[]> {
    return this.uow.em().find(IncidentMember, { tenantId, incidentId }, { orderBy: { linkedAt: 'asc', userId: 'asc' } });
  }

  member(tenantId: string, incidentId: string, userId: string): Promise<IncidentMember | null> {
    return this.uow.em().findOne(IncidentMember, { tenantId, incidentId, userId });
  }

  teams(tenantId: string, incidentId: string): Promise<IncidentTeam[]> {
    return this.uow.em().find(IncidentTeam, { tenantId, incidentId }, { orderBy: { linkedAt: 'asc', groupId: 'asc' } });
  }

  participationsOf(tenantId: string, userId: string): Promise<IncidentMember[]> {
    return this.uow.em().find(IncidentMember, { tenantId, userId }, { orderBy: { linkedAt: 'asc' } });
  }

  addMember(member: IncidentMember): void {
    this.uow.em().persist(member);
  }

  addTeam(team: IncidentTeam): void {
    this.uow.em().persist(team);
  }

  save(changed: Incident | IncidentMember | IncidentTeam): void {
    this.uow.em().persist(changed);
  }

  async pseudonymiseMember(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    await this.uow.em().nativeUpdate(IncidentMember, { tenantId, userId }, { name: pseudonym });
  }
}

export class MikroOrmLogRepository implements LogRepository {
  private entries: RowMapping<LogEntry> | undefined;

  constructor(private readonly uow: UnitOfWork) {}

  byId(tenantId: string, incidentId: string, id: string, options: { readOnly?: boolean } = {}): Promise<LogEntry | null> {
    if (!options.readOnly) return this.uow.em().findOne(LogEntry, { tenantId, incidentId, id });
    return this.copyOfOne('e.incident_id = ? and e.id = ?', [tenantId, incidentId, id]);
  }

  async list(tenantId: string, incidentId: string, query: LogQuery): Promise<LogEntry[]> {
    // The log page is read on every poll: one raw statement and read-only entries. Raw SQL skips
    // the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    const conditions = ['e.tenant_id = ?', 'e.incident_id = ?'];
    const params: unknown[] = [tenantId, incidentId];
    const where = (condition: string, ...values: unknown[]): void => {
      conditions.push(condition);
      params.push(...values);
    };
    if (query.teamId) where('e.author_team_id = ?', query.teamId);
    if (query.authorId) where('e.author_id = ?', query.authorId);
    if (query.classification) where('e.classification = ?', query.classification);
    if (query.label) where('e.labels @> array[?]::text[]', query.label);
    if (query.kind) where('e.has_media = ?', query.kind === 'media');
    if (query.important !== undefined) where('e.important = ?', query.important);
    if (query.from) where('e.created_at >= ?', query.from.toISOString());
    if (query.to) where('e.created_at <= ?', query.to.toISOString());
    if (query.afterSeq !== undefined) where('e.seq > ?', query.afterSeq);
    if (query.afterChange !== undefined) where('e.change_seq > ?', query.afterChange);
    if (query.visibleTo) {
      const { userId, teamIds } = query.visibleTo;
      if (teamIds.length) where('(e.important or e.author_id = ? or e.author_team_id = any(?::uuid[]))', userId, `{${teamIds.join(',')}}`);
      else where('(e.important or e.author_id = ?)', userId);
    }
    const order = query.afterChange !== undefined ? 'e.change_seq' : 'e.seq';
    const mapping = this.mapping();
    const rows = await this.uow.rows<Record<string, unknown>>(
      `select ${mapping.columns} from incident_log_entries e where ${conditions.join(' and ')} order by ${order} asc limit ?`,
      [...params, query.limit],
    );
    return rows.map((row) => mapping.toObject(row));
  }

  all(tenantId: string, incidentId: string): Promise<LogEntry[]> {
    return this.uow.em().find(LogEntry, { tenantId, incidentId }, { orderBy: { seq: 'asc' }, disableIdentityMap: true });
  }

  byAuthor(tenantId: string, userId: string): Promise<LogEntry[]> {
    return this.uow.em().find(LogEntry, { tenantId, authorId: userId }, { orderBy: { createdAt: 'asc' } });
  }

  async entriesShowing(tenantId: string, mediaId: string): Promise<Array<{ incidentId: string; authorId: string; authorTeamId: string | null; important: boolean }>> {
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    const rows = await this.uow.em().execute<Array<{ incident_id: string; author_id: string; author_team_id: string | null; important: boolean }>>(
      'select incident_id, author_id, author_team_id, important from incident_log_entries where tenant_id = ? and media @> ?::jsonb',
      [tenantId, JSON.stringify([{ id: mediaId }])],
    );
    return rows.map((row) => ({ incidentId: row.incident_id, authorId: row.author_id, authorTeamId: row.author_team_id, important: row.important }));
  }

  byClientId(tenantId: string, authorId: string, clientId: string): Promise<LogEntry | null> {
    // A copy: only a retry's answer is made of it.
    return this.copyOfOne('e.author_id = ? and e.client_id = ?', [tenantId, authorId, clientId]);
  }

  append(entry: LogEntry): Promise<void> {
    return this.insertLink(LogEntry, entry, entry.hash);
  }

  async appendNext(entry: LogEntry, frame: LinkFrame): Promise<{ seq: number; prevHash: string | null; hash: string } | null> {
    const meta = this.uow.metadata().get<LogEntry>(LogEntry.name);
    const data = this.uow.storedValues(entry) as Record<string, unknown>;
    const props = meta.props.filter((prop) => prop.persist !== false && prop.name in data);
    // The head decides these four; the rest is the ORM's own mapping of the entity, as a flush would store it.
    const fromHead: Partial<Record<string, string>> = { seq: 'link.seq', changeSeq: 'link.seq', prevHash: 'link.prev', hash: 'link.hash' };
    const values: unknown[] = [];
    const select = props.map((prop) => {
      const own = fromHead[prop.name];
      if (own) return own;
      values.push(data[prop.name]);
      // Typed, since a value in a SELECT list is not given its column's type as one in VALUES is.
      return `?::${prop.columnTypes[0]}`;
    });
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    // FOR UPDATE waits for the post before this one and then reads the head it left, so the
    // number and the previous hash are those of the last committed link. The post's last
    // statement: the commit goes with it where nothing else is to be written (finalRows()).
    const rows = await this.uow.finalRows<{ seq: number; prev_hash: string | null; hash: string }>(
      `with head as (
         select last_seq + 1 as seq, chain_head as prev from incidents where tenant_id = ? and id = ? and status = 'active' for update
       ), link as (
         select seq, prev, encode(sha256(convert_to(? || '"prev":' || coalesce('"' || prev || '"', 'null') || ',"seq":' || seq || ?, 'UTF8')), 'hex') as hash from head
       ), moved as (
         update incidents set last_seq = link.seq, chain_head = link.hash from link where incidents.tenant_id = ? and incidents.id = ?
       )
       insert into "${meta.tableName}" (${props.map((prop) => `"${prop.fieldNames[0]}"`).join(', ')})
       select ${select.join(', ')} from link
       returning seq, prev_hash, hash`,
      [entry.tenantId, entry.incidentId, frame.before, frame.after, entry.tenantId, entry.incidentId, ...values],
    );
    const row = rows[0];
    return row ? { seq: row.seq, prevHash: row.prev_hash, hash: row.hash } : null;
  }

  appendMark(mark: LogMark): Promise<void> {
    return this.insertLink(LogMark, mark, mark.hash);
  }

  save(entry: LogEntry): void {
    this.uow.em().persist(entry);
  }

  /**
   * The link's row and the incident's new chain head in one round trip (a writable CTE), instead of
   * an UPDATE now and an INSERT at the flush: the row is written with the ORM's own mapping of the
   * entity (columns and database values), so it is stored exactly as a flush would store it.
   */
  private async insertLink<T extends LogEntry | LogMark>(entityName: new (...args: never[]) => T, link: T, hash: string): Promise<void> {
    const em = this.uow.em();
    const meta = em.getMetadata().get<T>(entityName.name);
    const data = em.getComparator().prepareEntity(link) as Record<string, unknown>;
    const props = meta.props.filter((prop) => prop.persist !== false && prop.name in data);
    const columns = props.map((prop) => `"${prop.fieldNames[0]}"`).join(', ');
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    await em.execute(
      `with head as (update incidents set chain_head = ? where tenant_id = ? and id = ?)
       insert into "${meta.tableName}" (${columns}) values (${props.map(() => '?').join(', ')})`,
      [hash, link.tenantId, link.incidentId, ...props.map((prop) => data[prop.name])],
    );
  }

  /** Read-only entries straight from rows, by the ORM's mapping of the entry (made once). */
  private mapping(): RowMapping<LogEntry> {
    return (this.entries ??= new RowMapping(this.uow.metadata(), LogEntry, 'e'));
  }

  /** The tenant's one entry that meets `condition` (its parameters after the tenant), as a read-only copy. */
  private async copyOfOne(condition: string, params: unknown[]): Promise<LogEntry | null> {
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    const rows = await this.uow.rows<Record<string, unknown>>(`select ${this.mapping().columns} from incident_log_entries e where e.tenant_id = ? and ${condition}`, params);
    return rows[0] ? this.mapping().toObject(rows[0]) : null;
  }

  async chain(tenantId: string, incidentId: string): Promise<Array<StoredLink & { marking?: { important: boolean; summary: string | null } }>> {
    // Plain rows, not entities: a 10,000-entry log is checked in well under a second this way.
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    const em = this.uow.em();
    const entries = await em.execute<EntryRow[]>(
      `select id, seq, author_id, created_at, text, media, classification, labels, corrects_id, author_team_id, author_role, observed_at, cites_chat_message_id, prev_hash, hash, important, summary
         from incident_log_entries where tenant_id = ? and incident_id = ? order by seq`,
      [tenantId, incidentId],
    );
    const marks = await em.execute<MarkRow[]>(
      `select seq, entry_id, important, summary, marked_by, marked_at, prev_hash, hash from incident_log_marks where tenant_id = ? and incident_id = ? order by seq`,
      [tenantId, incidentId],
    );
    const links: Array<StoredLink & { marking?: { important: boolean; summary: string | null } }> = [];
    let m = 0;
    const pushMarksBefore = (seq: number) => {
      while (m < marks.length && marks[m]!.seq < seq) links.push(markLink(tenantId, incidentId, marks[m++]!));
    };
    for (const row of entries) {
      pushMarksBefore(row.seq);
      const entry = Object.assign(Object.create(LogEntry.prototype) as LogEntry, {
        incidentId,
        id: row.id,
        seq: row.seq,
        authorId: row.author_id,
        createdAt: new Date(row.created_at),
        text: row.text,
        media: row.media,
        classification: row.classification,
        labels: row.labels,
        correctsId: row.corrects_id,
        authorTeamId: row.author_team_id,
        authorRole: row.author_role,
        observedAt: row.observed_at ? new Date(row.observed_at) : null,
        citesChatMessageId: row.cites_chat_message_id,
        prevHash: row.prev_hash,
      });
      links.push({ ...entry.link(), hash: row.hash, marking: { important: row.important, summary: row.summary } });
    }
    pushMarksBefore(Number.POSITIVE_INFINITY);
    return links;
  }

  async pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    // The entries are append-only for the application role; this SECURITY DEFINER function (see
    // the log chain migration) is the one way to change them, and it changes only the name.
    await this.uow.em().execute('select pseudonymise_incident_log_author(?, ?, ?) as changed', [tenantId, userId, pseudonym]);
  }
}

export class MikroOrmActionRepository extends OrmRepository<IncidentAction> implements ActionRepository {
  protected readonly entity = IncidentAction;

  byId(tenantId: string, incidentId: string, id: string): Promise<IncidentAction | null> {
    return this.uow.em().findOne(IncidentAction, { tenantId, incidentId, id });
  }

  list(tenantId: string, incidentId: string): Promise<IncidentAction[]> {
    return this.uow.em().find(IncidentAction, { tenantId, incidentId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async involving(tenantId: string, userId: string): Promise<IncidentAction[]> {
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    const rows = await this.uow.em().execute<Array<{ id: string }>>(
      `select id from incident_actions
        where tenant_id = ? and (created_by = ? or completed_by = ? or assignee @> ?::jsonb or history @> ?::jsonb or history @> ?::jsonb)`,
      [tenantId, userId, userId, JSON.stringify({ userId }), JSON.stringify([{ byId: userId }]), JSON.stringify([{ aboutId: userId }])],
    );
    if (rows.length === 0) return [];
    return this.uow.em().find(IncidentAction, { tenantId, id: { $in: rows.map((row) => row.id) } }, { orderBy: { createdAt: 'asc' } });
  }

  byClientId(tenantId: string, createdBy: string, clientId: string): Promise<IncidentAction | null> {
    return this.uow.em().findOne(IncidentAction, { tenantId, createdBy, clientId });
  }

  save(action: IncidentAction): void {
    this.uow.em().persist(action);
  }
}

export class MikroOrmChatRepository extends OrmRepository<ChatMessage> implements ChatRepository {
  protected readonly entity = ChatMessage;

  byId(tenantId: string, incidentId: string, id: string): Promise<ChatMessage | null> {
    return this.uow.em().findOne(ChatMessage, { tenantId, incidentId, id });
  }

  list(tenantId: string, incidentId: string, query: { afterSeq?: number; afterChange?: number; limit: number }): Promise<ChatMessage[]> {
    const where: FilterQuery<ChatMessage> = { tenantId, incidentId };
    if (query.afterSeq !== undefined) where.seq = { $gt: query.afterSeq };
    if (query.afterChange !== undefined) where.changeSeq = { $gt: query.afterChange };
    const orderBy = query.afterChange !== undefined ? { changeSeq: 'asc' as const } : { seq: 'asc' as const };
    return this.uow.em().find(ChatMessage, where, { orderBy, limit: query.limit });
  }

  all(tenantId: string, incidentId: string): Promise<ChatMessage[]> {
    return this.uow.em().find(ChatMessage, { tenantId, incidentId }, { orderBy: { seq: 'asc' }, disableIdentityMap: true });
  }

  byAuthor(tenantId: string, userId: string): Promise<ChatMessage[]> {
    return this.uow.em().find(ChatMessage, { tenantId, authorId: userId }, { orderBy: { createdAt: 'asc' } });
  }

  byClientId(tenantId: string, authorId: string, clientId: string): Promise<ChatMessage | null> {
    return this.uow.em().findOne(ChatMessage, { tenantId, authorId, clientId });
  }

  async nextChange(tenantId: string, incidentId: string): Promise<{ change: number; seq: number } | null> {
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    // The incident's row lock orders the chat's changes, as it orders the log's.
    const locked = await this.uow.em().execute<Array<{ id: string }>>(`select id from incidents where tenant_id = ? and id = ? and status = 'active' for update`, [tenantId, incidentId]);
    if (locked.length === 0) return null;
    const [row] = await this.uow.em().execute<Array<{ change: number | null; seq: number | null }>>(
      'select max(change_seq) as change, max(seq) as seq from incident_chat_messages where tenant_id = ? and incident_id = ?',
      [tenantId, incidentId],
    );
    return { change: (row?.change ?? 0) + 1, seq: (row?.seq ?? 0) + 1 };
  }

  async incidentsShowing(tenantId: string, mediaId: string): Promise<string[]> {
    const rows = await this.uow.em().execute<Array<{ incident_id: string }>>(
      'select distinct incident_id from incident_chat_messages where tenant_id = ? and media @> ?::jsonb',
      [tenantId, JSON.stringify([{ id: mediaId }])],
    );
    return rows.map((row) => row.incident_id);
  }

  save(message: ChatMessage): void {
    this.uow.em().persist(message);
  }

  async pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    await this.uow.em().nativeUpdate(ChatMessage, { tenantId, authorId: userId }, { authorName: pseudonym });
  }
}

interface EntryRow {
  id: string;
  seq: number;
  author_id: string;
  created_at: Date | string;
  text: string;
  media: EntryMedia[];
  classification: string | null;
  labels: string[];
  corrects_id: string | null;
  author_team_id: string | null;
  author_role: string | null;
  observed_at: Date | string | null;
  cites_chat_message_id: string | null;
  prev_hash: string | null;
  hash: string | null;
  important: boolean;
  summary: string | null;
}

interface MarkRow {
  seq: number;
  entry_id: string;
  important: boolean;
  summary: string | null;
  marked_by: string;
  marked_at: Date | string;
  prev_hash: string | null;
  hash: string | null;
}

function markLink(tenantId: string, incidentId: string, row: MarkRow): StoredLink {
  const mark = Object.assign(Object.create(LogMark.prototype) as LogMark, {
    tenantId,
    incidentId,
    seq: row.seq,
    entryId: row.entry_id,
    important: row.important,
    summary: row.summary,
    markedBy: row.marked_by,
    markedAt: new Date(row.marked_at),
    prevHash: row.prev_hash,
  });
  return { ...mark.link(), hash: row.hash };
}
