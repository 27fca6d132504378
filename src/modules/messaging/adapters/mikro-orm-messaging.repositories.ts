import { LockMode } from '@mikro-orm/core';
import { OrmRepository, TenantOwnedRepository, type Page, type PageQuery } from '../../../platform/database/orm-repository.js';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { Device } from '../domain/device.js';
import { Message, type Wave, type WavePlan } from '../domain/message.js';
import { MessageTemplate } from '../domain/message-template.js';
import type {
  AnswerChannel,
  FallbackChannel,
  AppVersionPolicy,
  ClaimedDelivery,
  DeliveryResult,
  DeliveryStore,
  DeviceRepository,
  FallbackClaim,
  FallbackResult,
  FallbackStore,
  FallbackView,
  InboxEntry,
  MessageCounts,
  MessageRepository,
  MessageTemplateRepository,
  Minimums,
  Outbox,
  RecipientStore,
  ResponseRow,
  WaveStore,
} from '../ports.js';

// Raw SQL skips the ORM's tenant filter: every statement names the tenant itself, and row-level
// security holds anyway. Lists of ids travel as one PostgreSQL array literal (uuids need no quoting).
const uuids = (ids: readonly string[]): string => `{${ids.join(',')}}`;
// Raw queries hand timestamps back as they come from the driver; the ports speak Date.
const date = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

export class MikroOrmMessageRepository extends OrmRepository<Message> implements MessageRepository {
  protected readonly entity = Message;

  byId(tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Message | null> {
    return this.uow.em().findOne(Message, { tenantId, id }, options.forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
  }

  list(tenantId: string, query: PageQuery): Promise<Page<Message>> {
    return this.page({ tenantId }, query, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }
}

export class MikroOrmMessageTemplateRepository extends TenantOwnedRepository<MessageTemplate> implements MessageTemplateRepository {
  protected readonly entity = MessageTemplate;

  byName(tenantId: string, name: string): Promise<MessageTemplate | null> {
    return this.uow.em().findOne(MessageTemplate, { tenantId, name }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  list(tenantId: string): Promise<MessageTemplate[]> {
    return this.uow.em().find(MessageTemplate, { tenantId }, { orderBy: { name: 'asc', id: 'asc' }, limit: 200 });
  }

  remove(template: MessageTemplate): void {
    this.uow.em().remove(template);
  }
}

interface RecipientRecord {
  wave?: number;
  message_id: string;
  user_id: string;
  read_at: Date | string | null;
  answer: string | null;
  answered_at: Date | string | null;
  delivered_at: Date | string | null;
  answered_via?: string | null;
}

export class SqlRecipientStore implements RecipientStore {
  constructor(private readonly uow: UnitOfWork) {}

  async addAll(tenantId: string, messageId: string, userIds: readonly string[], at: Date, wave = 1): Promise<number> {
    const rows = await this.uow.em().execute<Array<{ user_id: string }>>(
      `insert into message_recipients (tenant_id, message_id, user_id, listed_at, wave)
       select ?, ?, u, ?, ? from unnest(?::uuid[]) as u on conflict do nothing returning user_id`,
      [tenantId, messageId, at, wave, uuids(userIds)],
    );
    return rows.length;
  }

  async answerCount(tenantId: string, messageId: string, option: string): Promise<number> {
    const [row] = await this.uow
      .em()
      .execute<Array<{ count: number }>>(`select count(*)::int as count from message_recipients where tenant_id = ? and message_id = ? and answer = ?`, [tenantId, messageId, option]);
    return row!.count;
  }

  async unanswered(tenantId: string, messageId: string): Promise<string[]> {
    const rows = await this.uow
      .em()
      .execute<Array<{ user_id: string }>>(`select user_id from message_recipients where tenant_id = ? and message_id = ? and answer is null order by user_id`, [tenantId, messageId]);
    return rows.map((row) => row.user_id);
  }

  async of(tenantId: string, messageId: string, userId: string): Promise<{ readAt: Date | null; answer: string | null; answeredAt: Date | null; answerClientId: string | null; answerObservedAt: Date | null } | null> {
    const rows = await this.uow
      .em()
      .execute<Array<RecipientRecord & { answer_client_id: string | null; answer_observed_at: Date | string | null }>>(
        `select read_at, answer, answered_at, answer_client_id, answer_observed_at from message_recipients where tenant_id = ? and message_id = ? and user_id = ?`,
        [tenantId, messageId, userId],
      );
    const row = rows[0];
    return row
      ? { readAt: date(row.read_at), answer: row.answer, answeredAt: date(row.answered_at), answerClientId: row.answer_client_id, answerObservedAt: date(row.answer_observed_at) }
      : null;
  }

  async inbox(tenantId: string, userId: string, page: { page: number; pageSize: number }): Promise<{ items: InboxEntry[]; total: number; unread: number }> {
    const em = this.uow.em();
    const rows = await em.execute<RecipientRecord[]>(
      `select r.message_id, r.user_id, r.read_at, r.answer, r.answered_at from message_recipients r
         join messages m on m.tenant_id = r.tenant_id and m.id = r.message_id and m.status = 'sent'
        where r.tenant_id = ? and r.user_id = ?
        order by r.listed_at desc, r.message_id limit ? offset ?`,
      [tenantId, userId, page.pageSize, (page.page - 1) * page.pageSize],
    );
    const totals = await em.execute<Array<{ total: number; unread: number }>>(
      `select count(*)::int as total, count(*) filter (where r.read_at is null)::int as unread from message_recipients r
         join messages m on m.tenant_id = r.tenant_id and m.id = r.message_id and m.status = 'sent'
        where r.tenant_id = ? and r.user_id = ?`,
      [tenantId, userId],
    );
    return { items: await this.withMessages(tenantId, rows), total: totals[0]!.total, unread: totals[0]!.unread };
  }

  async markRead(tenantId: string, messageId: string, userId: string, at: Date): Promise<void> {
    await this.uow
      .em()
      .execute(`update message_recipients set read_at = coalesce(read_at, ?) where tenant_id = ? and message_id = ? and user_id = ?`, [at, tenantId, messageId, userId]);
  }

  async answer(tenantId: string, messageId: string, userId: string, option: string, at: Date, via: AnswerChannel, device: { clientId: string | null; observedAt: Date | null } = { clientId: null, observedAt: null }): Promise<void> {
    // Answering implies having read it.
    await this.uow
      .em()
      .execute(
        `update message_recipients set answer = ?, answered_at = ?, answered_via = ?, read_at = coalesce(read_at, ?), answer_client_id = ?, answer_observed_at = ? where tenant_id = ? and message_id = ? and user_id = ?`,
        [option, at, via, at, device.clientId, device.observedAt, tenantId, messageId, userId],
      );
  }

  async counts(tenantId: string, messageId: string): Promise<MessageCounts> {
    const em = this.uow.em();
    const [totals] = await em.execute<Array<{ recipients: number; delivered: number; read: number; answered: number }>>(
      `select count(*)::int as recipients, count(delivered_at)::int as delivered, count(read_at)::int as read, count(answer)::int as answered
         from message_recipients where tenant_id = ? and message_id = ?`,
      [tenantId, messageId],
    );
    const answers = await em.execute<Array<{ answer: string; count: number }>>(
      `select answer, count(*)::int as count from message_recipients where tenant_id = ? and message_id = ? and answer is not null group by answer`,
      [tenantId, messageId],
    );
    const devices = await em.execute<Array<{ status: string; count: number }>>(
      `select status, count(*)::int as count from push_deliveries where tenant_id = ? and message_id = ? group by status`,
      [tenantId, messageId],
    );
    const byStatus = new Map(devices.map((row) => [row.status, row.count]));
    const fallbacks = await em.execute<Array<{ channel: string; status: string; count: number }>>(
      `select channel, status, count(*)::int as count from fallback_deliveries where tenant_id = ? and message_id = ? group by channel, status`,
      [tenantId, messageId],
    );
    const of = (channel: string) => Object.fromEntries(fallbacks.filter((row) => row.channel === channel).map((row) => [row.status, row.count]));
    return {
      sms: of('sms'),
      email: of('email'),
      ...totals!,
      answers: Object.fromEntries(answers.map((row) => [row.answer, row.count])),
      devices: { queued: (byStatus.get('queued') ?? 0) + (byStatus.get('sending') ?? 0), sent: byStatus.get('sent') ?? 0, failed: byStatus.get('failed') ?? 0 },
    };
  }

  async responses(tenantId: string, messageId: string, page: { page: number; pageSize: number; answer?: string; unanswered?: boolean }): Promise<{ items: ResponseRow[]; total: number }> {
    const em = this.uow.em();
    const filter = page.answer ? ' and answer = ?' : page.unanswered ? ' and answer is null' : '';
    const args = page.answer ? [tenantId, messageId, page.answer] : [tenantId, messageId];
    const rows = await em.execute<RecipientRecord[]>(
      `select user_id, wave, delivered_at, read_at, answer, answered_at, answered_via from message_recipients where tenant_id = ? and message_id = ?${filter}
        order by answered_at desc nulls last, user_id limit ? offset ?`,
      [...args, page.pageSize, (page.page - 1) * page.pageSize],
    );
    const [count] = await em.execute<Array<{ total: number }>>(`select count(*)::int as total from message_recipients where tenant_id = ? and message_id = ?${filter}`, args);
    const devices = new Map<string, ResponseRow['devices']>();
    if (rows.length > 0) {
      const states = await em.execute<Array<{ user_id: string; platform: string | null; status: string; reason: string | null }>>(
        `select p.user_id, d.platform, p.status, p.reason from push_deliveries p
           left join push_devices d on d.tenant_id = p.tenant_id and d.id = p.device_id
          where p.tenant_id = ? and p.message_id = ? and p.user_id = any(?::uuid[]) order by p.device_id`,
        [tenantId, messageId, uuids(rows.map((row) => row.user_id))],
      );
      for (const state of states) devices.set(state.user_id, [...(devices.get(state.user_id) ?? []), { platform: state.platform, status: state.status, reason: state.reason }]);
    }
    const channels = await new SqlFallbackStore(this.uow).ofRecipients(tenantId, messageId, rows.map((row) => row.user_id));
    return {
      total: count!.total,
      items: rows.map((row) => ({
        userId: row.user_id,
        wave: row.wave ?? 1,
        delivered: row.delivered_at !== null,
        devices: devices.get(row.user_id) ?? [],
        channels: channels.get(row.user_id) ?? [],
        answeredVia: row.answer === null ? null : ((row.answered_via ?? 'app') as AnswerChannel),
        readAt: date(row.read_at),
        answer: row.answer,
        answeredAt: date(row.answered_at),
      })),
    };
  }

  async ofUser(tenantId: string, userId: string): Promise<InboxEntry[]> {
    const rows = await this.uow.em().execute<RecipientRecord[]>(
      `select r.message_id, r.user_id, r.read_at, r.answer, r.answered_at from message_recipients r
         join messages m on m.tenant_id = r.tenant_id and m.id = r.message_id and m.status = 'sent'
        where r.tenant_id = ? and r.user_id = ? order by r.listed_at`,
      [tenantId, userId],
    );
    return this.withMessages(tenantId, rows);
  }

  async forgetUser(tenantId: string, userId: string): Promise<void> {
    const em = this.uow.em();
    await em.execute(`delete from push_deliveries where tenant_id = ? and user_id = ?`, [tenantId, userId]);
    // The texts' rows hold the phone number.
    await em.execute(`delete from fallback_deliveries where tenant_id = ? and user_id = ?`, [tenantId, userId]);
    // The rows stay as anonymous counts (delivered, read, which answer): nothing links them to the person any more.
    await em.execute(`update message_recipients set user_id = gen_random_uuid(), answered_at = null where tenant_id = ? and user_id = ?`, [tenantId, userId]);
  }

  private async withMessages(tenantId: string, rows: RecipientRecord[]): Promise<InboxEntry[]> {
    if (rows.length === 0) return [];
    const messages = await this.uow.em().find(Message, { tenantId, id: { $in: rows.map((row) => row.message_id) } });
    const byId = new Map(messages.map((message) => [message.id, message]));
    return rows.map((row) => ({ message: byId.get(row.message_id)!, readAt: date(row.read_at), answer: row.answer, answeredAt: date(row.answered_at) }));
  }
}

interface WaveRecord {
  message_id: string;
  position: number;
  after_minutes: number;
  audience: Wave['audience'] | string;
  due_at: Date | string;
  sent_at: Date | string | null;
  cancelled_at: Date | string | null;
  recipient_count: number;
  remind: boolean;
}

const audienceOf = (value: WaveRecord['audience']): Wave['audience'] => (typeof value === 'string' ? (JSON.parse(value) as Wave['audience']) : value);

export class SqlWaveStore implements WaveStore {
  constructor(private readonly uow: UnitOfWork) {}

  async add(tenantId: string, messageId: string, waves: readonly WavePlan[], sentAt: Date): Promise<void> {
    if (waves.length === 0) return;
    await this.uow.em().execute(
      `insert into call_up_waves (tenant_id, message_id, position, after_minutes, audience, remind, due_at, recipient_count)
       select ?, ?, w.position, w.after_minutes, w.audience, w.remind, ?::timestamptz + make_interval(mins => w.after_minutes), 0
         from jsonb_to_recordset(?::jsonb) as w(position int, after_minutes int, audience jsonb, remind boolean)`,
      [tenantId, messageId, sentAt, JSON.stringify(waves.map((w) => ({ position: w.position, after_minutes: w.afterMinutes, audience: w.audience, remind: w.remind })))],
    );
  }

  async of(tenantId: string, messageId: string): Promise<Wave[]> {
    const rows = await this.uow.em().execute<WaveRecord[]>(`select * from call_up_waves where tenant_id = ? and message_id = ? order by position`, [tenantId, messageId]);
    return rows.map((row) => ({
      position: row.position,
      afterMinutes: row.after_minutes,
      audience: audienceOf(row.audience),
      remind: row.remind,
      dueAt: date(row.due_at)!,
      sentAt: date(row.sent_at),
      cancelledAt: date(row.cancelled_at),
      recipientCount: row.recipient_count,
    }));
  }

  async takeDue(tenantId: string, now: Date, limit: number): Promise<Array<{ messageId: string; position: number; audience: Wave['audience']; remind: boolean }>> {
    const rows = await this.uow.em().execute<WaveRecord[]>(
      `select message_id, position, audience, remind from call_up_waves
        where tenant_id = ? and due_at <= ? and sent_at is null and cancelled_at is null
        order by due_at, position limit ? for update skip locked`,
      [tenantId, now, limit],
    );
    return rows.map((row) => ({ messageId: row.message_id, position: row.position, audience: audienceOf(row.audience), remind: row.remind }));
  }

  async markSent(tenantId: string, messageId: string, position: number, at: Date, recipientCount: number): Promise<void> {
    await this.uow
      .em()
      .execute(`update call_up_waves set sent_at = ?, recipient_count = ? where tenant_id = ? and message_id = ? and position = ? and sent_at is null`, [at, recipientCount, tenantId, messageId, position]);
  }

  async markCancelled(tenantId: string, messageId: string, position: number, at: Date): Promise<void> {
    await this.uow
      .em()
      .execute(`update call_up_waves set cancelled_at = ? where tenant_id = ? and message_id = ? and position = ? and sent_at is null and cancelled_at is null`, [at, tenantId, messageId, position]);
  }

  async cancelPending(tenantId: string, messageId: string, at: Date): Promise<number> {
    const rows = await this.uow
      .em()
      .execute<Array<{ position: number }>>(
        `update call_up_waves set cancelled_at = ? where tenant_id = ? and message_id = ? and sent_at is null and cancelled_at is null returning position`,
        [at, tenantId, messageId],
      );
    return rows.length;
  }
}

export class SqlFallbackStore implements FallbackStore {
  constructor(private readonly uow: UnitOfWork) {}

  async queueDue(tenantId: string, options: { channel: FallbackChannel; at: Date; unansweredBefore: Date | null; since: Date; reference: () => string; linkKey: () => string }): Promise<number> {
    const em = this.uow.em();
    // Only call-ups whose fan-out has run (no outbox entry left): before that, nobody has a delivery
    // row yet. Set differences (EXCEPT) rather than NOT EXISTS: right after a large call-up the
    // statistics still say its tables are empty, and a nested-loop anti-join then costs
    // recipients × deliveries; EXCEPT hashes or sorts whatever the estimates.
    const unanswered = options.unansweredBefore
      ? ` union select w.message_id, w.user_id from waiting w join message_recipients r on r.tenant_id = ? and r.message_id = w.message_id and r.user_id = w.user_id where r.listed_at <= ?`
      : '';
    const candidates = await em.execute<Array<{ message_id: string; user_id: string }>>(
      `with calls as materialized (
         select m.id from messages m
          where m.tenant_id = ? and m.status = 'sent' and m.closed_at is null and (m.closes_at is null or m.closes_at > ?)
            and m.sent_at >= ? and jsonb_array_length(m.answer_options) > 0
            and not exists (select 1 from message_outbox o where o.tenant_id = m.tenant_id and o.message_id = m.id)),
       waiting as materialized (
         select r.message_id, r.user_id from message_recipients r where r.tenant_id = ? and r.message_id in (select id from calls) and r.answer is null
         except select f.message_id, f.user_id from fallback_deliveries f where f.tenant_id = ? and f.channel = ? and f.message_id in (select id from calls)),
       reached as materialized (
         select p.message_id, p.user_id from push_deliveries p where p.tenant_id = ? and p.status <> 'failed' and p.message_id in (select id from calls))
       (select message_id, user_id from waiting except select message_id, user_id from reached)${unanswered}
        limit 5000`,
      [tenantId, options.at, options.since, tenantId, tenantId, options.channel, tenantId, ...(options.unansweredBefore ? [tenantId, options.unansweredBefore] : [])],
    );
    if (candidates.length === 0) return 0;
    const rows = await em.execute<Array<{ user_id: string }>>(
      `insert into fallback_deliveries (tenant_id, message_id, user_id, channel, status, reference, link_key, attempts, created_at)
       select ?, c.message_id, c.user_id, ?, 'queued', c.reference, c.link_key, 0, ?
         from jsonb_to_recordset(?::jsonb) as c(message_id uuid, user_id uuid, reference text, link_key text)
       on conflict do nothing returning user_id`,
      [tenantId, options.channel, options.at, JSON.stringify(candidates.map((c) => ({ message_id: c.message_id, user_id: c.user_id, reference: options.reference(), link_key: options.linkKey() })))],
    );
    return rows.length;
  }

  async lockTenant(tenantId: string): Promise<void> {
    await this.uow.em().execute(`select pg_advisory_xact_lock(hashtext('sms-budget:' || ?))`, [tenantId]);
  }

  async spentSince(tenantId: string, since: Date): Promise<number> {
    // Handed over, or being: a text refused for its number (no address) cost nothing.
    const [row] = await this.uow.em().execute<Array<{ count: number }>>(
      `select count(*)::int as count from fallback_deliveries
        where tenant_id = ? and channel = 'sms' and claimed_at >= ? and (status in ('sending', 'sent', 'delivered') or (status = 'failed' and address is not null))`,
      [tenantId, since],
    );
    return row!.count;
  }

  async claim(tenantId: string, channel: FallbackChannel, limit: number, at: Date): Promise<FallbackClaim[]> {
    if (limit <= 0) return [];
    const rows = await this.uow.em().execute<Array<{ message_id: string; user_id: string; reference: string; link_key: string | null; attempts: number }>>(
      // Materialised: as a subquery in FROM the planner may scan it again per row, and each scan of a
      // LIMIT over equal created_at can pick other rows: more than the limit (the budget) claimed.
      `with q as materialized (
         select message_id, user_id from fallback_deliveries where tenant_id = ? and channel = ? and status = 'queued'
          order by created_at, message_id, user_id limit ? for update skip locked)
       update fallback_deliveries f set status = 'sending', claimed_at = ?, attempts = f.attempts + 1
         from q where f.tenant_id = ? and f.channel = ? and f.message_id = q.message_id and f.user_id = q.user_id
       returning f.message_id, f.user_id, f.reference, f.link_key, f.attempts`,
      [tenantId, channel, limit, at, tenantId, channel],
    );
    return rows.map((row) => ({ messageId: row.message_id, userId: row.user_id, reference: row.reference, linkKey: row.link_key, attempts: Number(row.attempts) }));
  }

  async byLinkKey(tenantId: string, linkKey: string): Promise<{ messageId: string; userId: string; channel: AnswerChannel } | null> {
    const [row] = await this.uow
      .em()
      .execute<Array<{ message_id: string; user_id: string; channel: string }>>(`select message_id, user_id, channel from fallback_deliveries where tenant_id = ? and link_key = ?`, [tenantId, linkKey]);
    return row ? { messageId: row.message_id, userId: row.user_id, channel: row.channel as AnswerChannel } : null;
  }

  async releaseStale(tenantId: string, channel: FallbackChannel, before: Date): Promise<void> {
    await this.uow
      .em()
      .execute(`update fallback_deliveries set status = 'queued', claimed_at = null where tenant_id = ? and channel = ? and status = 'sending' and claimed_at < ?`, [tenantId, channel, before]);
  }

  async record(tenantId: string, results: readonly FallbackResult[], at: Date): Promise<void> {
    if (results.length === 0) return;
    await this.uow.em().execute(
      `update fallback_deliveries f set status = v.status, reason = v.reason, address = coalesce(v.address, f.address),
              sent_at = case when v.status = 'queued' then null else ?::timestamptz end,
              claimed_at = case when v.status = 'queued' then null else f.claimed_at end
         from jsonb_to_recordset(?::jsonb) as v(reference text, status text, reason text, address text)
        where f.tenant_id = ? and f.reference = v.reference and f.status = 'sending'`,
      [at, JSON.stringify(results.map((r) => ({ ...r, reason: r.reason?.slice(0, 300) ?? null }))), tenantId],
    );
  }

  async report(tenantId: string, reference: string, outcome: 'delivered' | 'failed' | 'accepted', reason: string | null, at: Date): Promise<boolean> {
    // An operator's "accepted" after a "delivered" (reports can arrive out of order) changes nothing.
    const rows = await this.uow.em().execute<Array<{ reference: string }>>(
      `update fallback_deliveries set
          status = case when ? = 'accepted' then status when status = 'delivered' and ? = 'failed' then status else ? end,
          reason = case when ? = 'failed' and status <> 'delivered' then ? else reason end,
          reported_at = ?
        where tenant_id = ? and reference = ? returning reference`,
      [outcome, outcome, outcome, outcome, reason?.slice(0, 300) ?? null, at, tenantId, reference],
    );
    return rows.length > 0;
  }

  async ofRecipients(tenantId: string, messageId: string, userIds: readonly string[]): Promise<Map<string, FallbackView[]>> {
    const result = new Map<string, FallbackView[]>();
    if (userIds.length === 0) return result;
    const rows = await this.uow.em().execute<Array<{ user_id: string; channel: string; status: string; reason: string | null; created_at: Date | string; sent_at: Date | string | null; reported_at: Date | string | null }>>(
      `select user_id, channel, status, reason, created_at, sent_at, reported_at from fallback_deliveries where tenant_id = ? and message_id = ? and user_id = any(?::uuid[]) order by created_at`,
      [tenantId, messageId, uuids(userIds)],
    );
    for (const row of rows) {
      const view = { channel: row.channel, status: row.status, reason: row.reason, at: date(row.reported_at ?? row.sent_at ?? row.created_at)! };
      result.set(row.user_id, [...(result.get(row.user_id) ?? []), view]);
    }
    return result;
  }

  async counts(tenantId: string, messageId: string, channel: FallbackChannel): Promise<Record<string, number>> {
    const rows = await this.uow
      .em()
      .execute<Array<{ status: string; count: number }>>(`select status, count(*)::int as count from fallback_deliveries where tenant_id = ? and message_id = ? and channel = ? group by status`, [tenantId, messageId, channel]);
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  }
}

export class MikroOrmDeviceRepository extends TenantOwnedRepository<Device> implements DeviceRepository {
  protected readonly entity = Device;

  byToken(tenantId: string, token: string): Promise<Device | null> {
    return this.uow.em().findOne(Device, { tenantId, token });
  }

  ofUser(tenantId: string, userId: string): Promise<Device[]> {
    return this.uow.em().find(Device, { tenantId, userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async countOf(tenantId: string, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const [row] = await this.uow
      .em()
      .execute<Array<{ total: number }>>(`select count(*)::int as total from push_devices where tenant_id = ? and user_id = any(?::uuid[])`, [tenantId, uuids(userIds)]);
    return row!.total;
  }

  remove(device: Device): void {
    this.uow.em().remove(device);
  }

  async removeAllOf(tenantId: string, userId: string): Promise<void> {
    await this.uow.em().nativeDelete(Device, { tenantId, userId });
  }
}

export class SqlAppVersionPolicy implements AppVersionPolicy {
  constructor(private readonly uow: UnitOfWork) {}

  async minimums(tenantId: string): Promise<Minimums> {
    const rows = await this.uow
      .em()
      .execute<Array<{ platform: keyof Minimums; minimum_version: string }>>(`select platform, minimum_version from app_version_minimums where tenant_id = ?`, [tenantId]);
    return Object.fromEntries(rows.map((row) => [row.platform, row.minimum_version]));
  }

  async replace(tenantId: string, minimums: Minimums, at: Date): Promise<void> {
    const em = this.uow.em();
    await em.execute(`delete from app_version_minimums where tenant_id = ?`, [tenantId]);
    for (const [platform, version] of Object.entries(minimums)) {
      if (version) await em.execute(`insert into app_version_minimums (tenant_id, platform, minimum_version, updated_at) values (?, ?, ?, ?)`, [tenantId, platform, version, at]);
    }
  }
}

export class SqlOutbox implements Outbox {
  constructor(private readonly uow: UnitOfWork) {}

  async add(tenantId: string, messageId: string, dueAt: Date): Promise<void> {
    await this.uow.em().execute(`insert into message_outbox (tenant_id, message_id, due_at) values (?, ?, ?)`, [tenantId, messageId, dueAt]);
  }

  async takeDue(tenantId: string, now: Date, limit: number): Promise<string[]> {
    const rows = await this.uow
      .em()
      .execute<Array<{ message_id: string }>>(
        `select message_id from message_outbox where tenant_id = ? and due_at <= ? order by due_at limit ? for update skip locked`,
        [tenantId, now, limit],
      );
    return rows.map((row) => row.message_id);
  }

  async remove(tenantId: string, messageId: string): Promise<void> {
    await this.uow.em().execute(`delete from message_outbox where tenant_id = ? and message_id = ?`, [tenantId, messageId]);
  }
}

export class SqlDeliveryStore implements DeliveryStore {
  constructor(private readonly uow: UnitOfWork) {}

  async createFor(tenantId: string, messageId: string, at: Date): Promise<string[]> {
    const em = this.uow.em();
    await em.execute(
      `insert into push_deliveries (tenant_id, message_id, device_id, user_id, status, attempts, enqueued_at)
       select r.tenant_id, r.message_id, d.id, r.user_id, 'queued', 0, ?
         from message_recipients r
         join push_devices d on d.tenant_id = r.tenant_id and d.user_id = r.user_id and d.disabled_at is null
        where r.tenant_id = ? and r.message_id = ?
       on conflict do nothing`,
      [at, tenantId, messageId],
    );
    const rows = await em.execute<Array<{ device_id: string }>>(
      `select device_id from push_deliveries where tenant_id = ? and message_id = ? and status = 'queued' order by device_id`,
      [tenantId, messageId],
    );
    return rows.map((row) => row.device_id);
  }

  async claim(tenantId: string, messageId: string, deviceIds: readonly string[], at: Date): Promise<ClaimedDelivery[]> {
    const em = this.uow.em();
    // A device removed or disabled since the fan-out began is not pushed to.
    await em.execute(
      `update push_deliveries p set status = 'failed', reason = 'device removed or disabled', done_at = ?
        where p.tenant_id = ? and p.message_id = ? and p.device_id = any(?::uuid[]) and p.status = 'queued'
          and not exists (select 1 from push_devices d where d.tenant_id = p.tenant_id and d.id = p.device_id and d.disabled_at is null)`,
      [at, tenantId, messageId, uuids(deviceIds)],
    );
    const rows = await em.execute<Array<{ device_id: string; user_id: string; platform: ClaimedDelivery['platform']; token: string }>>(
      `update push_deliveries p set status = 'sending', claimed_at = ?, attempts = p.attempts + 1
         from push_devices d
        where p.tenant_id = ? and p.message_id = ? and p.device_id = any(?::uuid[]) and p.status = 'queued'
          and d.tenant_id = p.tenant_id and d.id = p.device_id
        returning p.device_id, p.user_id, d.platform, d.token`,
      [at, tenantId, messageId, uuids(deviceIds)],
    );
    return rows.map((row) => ({ deviceId: row.device_id, userId: row.user_id, platform: row.platform, token: row.token }));
  }

  async renew(tenantId: string, messageId: string, deviceIds: readonly string[], at: Date): Promise<void> {
    await this.uow
      .em()
      .execute(`update push_deliveries set claimed_at = ? where tenant_id = ? and message_id = ? and device_id = any(?::uuid[]) and status = 'sending'`, [
        at,
        tenantId,
        messageId,
        uuids(deviceIds),
      ]);
  }

  async release(tenantId: string, messageId: string, deviceIds: readonly string[]): Promise<void> {
    if (deviceIds.length === 0) return;
    // '-infinity': older than any staleness bound, so the next sweep enqueues them again.
    await this.uow
      .em()
      .execute(
        `update push_deliveries set status = 'queued', claimed_at = null, attempts = greatest(attempts - 1, 0), enqueued_at = '-infinity'
          where tenant_id = ? and message_id = ? and device_id = any(?::uuid[]) and status = 'sending'`,
        [tenantId, messageId, uuids(deviceIds)],
      );
  }

  // A row this worker claimed may have been put back to queued meanwhile (its lease ran out):
  // the outcome is still recorded, so it is not pushed again once more.
  async record(tenantId: string, messageId: string, results: readonly DeliveryResult[], at: Date, maxAttempts: number): Promise<{ retrying: number }> {
    const em = this.uow.em();
    const rows = await em.execute<Array<{ device_id: string; user_id: string; status: string; outcome: string }>>(
      `update push_deliveries p set
          status = case when v.outcome = 'sent' then 'sent' when v.outcome = 'retry' and p.attempts < ? then 'queued' else 'failed' end,
          reason = v.reason,
          claimed_at = null,
          done_at = case when v.outcome = 'retry' and p.attempts < ? then null else ?::timestamptz end,
          enqueued_at = case when v.outcome = 'retry' then ?::timestamptz else p.enqueued_at end
         from jsonb_to_recordset(?::jsonb) as v(device_id uuid, outcome text, reason text)
        where p.tenant_id = ? and p.message_id = ? and p.device_id = v.device_id and p.status in ('sending', 'queued')
        returning p.device_id, p.user_id, p.status, v.outcome`,
      [maxAttempts, maxAttempts, at, at, JSON.stringify(results.map((r) => ({ device_id: r.deviceId, outcome: r.outcome, reason: r.reason?.slice(0, 300) ?? null }))), tenantId, messageId],
    );
    const invalid = rows.filter((row) => row.outcome === 'invalid_token').map((row) => row.device_id);
    if (invalid.length > 0) {
      await em.execute(
        `update push_devices set disabled_at = ?, disabled_reason = 'the push provider refused the token', updated_at = ? where tenant_id = ? and id = any(?::uuid[])`,
        [at, at, tenantId, uuids(invalid)],
      );
    }
    const served = [...new Set(rows.filter((row) => row.status === 'sent').map((row) => row.user_id))];
    if (served.length > 0) {
      await em.execute(
        `update message_recipients set delivered_at = ? where tenant_id = ? and message_id = ? and user_id = any(?::uuid[]) and delivered_at is null`,
        [at, tenantId, messageId, uuids(served)],
      );
    }
    return { retrying: rows.filter((row) => row.status === 'queued').length };
  }

  async rediscover(tenantId: string, options: { staleBefore: Date; leaseBefore: Date; idleSince: Date | null; at: Date }): Promise<Array<{ messageId: string; deviceIds: string[] }>> {
    const em = this.uow.em();
    await em.execute(
      `update push_deliveries set status = 'queued', claimed_at = null, enqueued_at = '-infinity'
        where tenant_id = ? and status = 'sending' and claimed_at < ?`,
      [tenantId, options.leaseBefore],
    );
    const rows = await em.execute<Array<{ message_id: string; device_id: string }>>(
      `update push_deliveries set enqueued_at = ?
        where tenant_id = ? and status = 'queued' and enqueued_at < greatest(?::timestamptz, ?::timestamptz)
        returning message_id, device_id`,
      [options.at, tenantId, options.idleSince ?? '-infinity', options.staleBefore],
    );
    const byMessage = new Map<string, string[]>();
    for (const row of rows) {
      const list = byMessage.get(row.message_id);
      if (list) list.push(row.device_id);
      else byMessage.set(row.message_id, [row.device_id]);
    }
    return [...byMessage].map(([messageId, deviceIds]) => ({ messageId, deviceIds: deviceIds.sort() }));
  }
}
