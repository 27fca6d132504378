import { randomUUID } from 'node:crypto';
import type { MessagingDeps } from '../../../src/modules/messaging/application/deps.js';
import type { Device } from '../../../src/modules/messaging/domain/device.js';
import type { Message, Wave, WavePlan } from '../../../src/modules/messaging/domain/message.js';
import type { MessageTemplate } from '../../../src/modules/messaging/domain/message-template.js';
import type {
  AnswerChannel,
  AppVersionPolicy,
  ClaimedDelivery,
  DeliveryJob,
  DeliveryQueue,
  DeliveryResult,
  DeliveryStore,
  DeviceRepository,
  FallbackChannel,
  FallbackClaim,
  FallbackResult,
  FallbackStore,
  FallbackView,
  InboxEntry,
  MessageCounts,
  MessageRepository,
  MessageTemplateRepository,
  MessagingPeople,
  Minimums,
  Outbox,
  RecipientStore,
  ResponseRow,
  TenantIds,
  Transactions,
  WaveStore,
} from '../../../src/modules/messaging/ports.js';
import type { PushNotification, PushOutcome, PushSender } from '../../../src/platform/push/ports.js';
import type { SmsMessage, SmsOutcome, SmsReport, SmsSender } from '../../../src/platform/sms/ports.js';
import { FixedClock, InMemoryAuditLog } from './platform.js';

// Entities are kept by reference, as the unit of work's identity map keeps them (see incidents.ts).
// The SQL stores' rows live in one set of tables, so a store that joins (the fallback's candidates,
// a message's counts) reads what the others wrote, as the SQL does.

/** PostgreSQL's '-infinity': older than any bound. */
const LONG_AGO = new Date(-8.64e15);
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const page = <T>(items: T[], query: { page: number; pageSize: number }): T[] => items.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
const remove = <T>(rows: T[], gone: (row: T) => boolean): void => {
  const kept = rows.filter((row) => !gone(row));
  rows.splice(0, rows.length, ...kept);
};

export interface RecipientRow {
  tenantId: string;
  messageId: string;
  userId: string;
  listedAt: Date;
  wave: number;
  readAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredVia: AnswerChannel | null;
  answerClientId: string | null;
  answerObservedAt: Date | null;
  deliveredAt: Date | null;
}

export interface DeliveryRow {
  tenantId: string;
  messageId: string;
  deviceId: string;
  userId: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  reason: string | null;
  enqueuedAt: Date;
  claimedAt: Date | null;
  doneAt: Date | null;
}

export interface FallbackRow {
  tenantId: string;
  messageId: string;
  userId: string;
  channel: FallbackChannel;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'budget_exhausted' | 'delivered';
  reference: string;
  linkKey: string | null;
  attempts: number;
  createdAt: Date;
  claimedAt: Date | null;
  sentAt: Date | null;
  reportedAt: Date | null;
  reason: string | null;
  address: string | null;
}

export interface WaveRow extends Wave {
  tenantId: string;
  messageId: string;
}

/** The module's tables as rows. */
export class MessagingTables {
  readonly messages: Message[] = [];
  readonly templates: MessageTemplate[] = [];
  readonly recipients: RecipientRow[] = [];
  readonly waves: WaveRow[] = [];
  readonly fallbacks: FallbackRow[] = [];
  readonly devices: Device[] = [];
  readonly minimums = new Map<string, Minimums>();
  readonly outbox: Array<{ tenantId: string; messageId: string; dueAt: Date }> = [];
  readonly deliveries: DeliveryRow[] = [];

  message(tenantId: string, id: string): Message | null {
    return this.messages.find((m) => m.tenantId === tenantId && m.id === id) ?? null;
  }

  recipientsOf(tenantId: string, messageId: string): RecipientRow[] {
    return this.recipients.filter((r) => r.tenantId === tenantId && r.messageId === messageId);
  }
}

export class InMemoryMessageRepository implements MessageRepository {
  /** `forUpdate` reads, in order: what a use case serialises on. */
  readonly locked: string[] = [];

  constructor(private readonly tables: MessagingTables) {}

  byId(tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Message | null> {
    if (options.forUpdate) this.locked.push(id);
    return Promise.resolve(this.tables.message(tenantId, id));
  }

  list(tenantId: string, query: { page: number; pageSize: number }): Promise<{ items: Message[]; total: number }> {
    const mine = this.tables.messages.filter((m) => m.tenantId === tenantId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || ordinal(a.id, b.id));
    return Promise.resolve({ items: page(mine, query), total: mine.length });
  }

  add(message: Message): void {
    this.tables.messages.push(message);
  }
}

export class InMemoryMessageTemplateRepository implements MessageTemplateRepository {
  constructor(private readonly tables: MessagingTables) {}

  byId(tenantId: string, id: string): Promise<MessageTemplate | null> {
    return Promise.resolve(this.tables.templates.find((t) => t.tenantId === tenantId && t.id === id) ?? null);
  }

  byName(tenantId: string, name: string): Promise<MessageTemplate | null> {
    const named = this.tables.templates.filter((t) => t.tenantId === tenantId && t.name === name).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || ordinal(a.id, b.id));
    return Promise.resolve(named[0] ?? null);
  }

  list(tenantId: string): Promise<MessageTemplate[]> {
    return Promise.resolve(this.tables.templates.filter((t) => t.tenantId === tenantId).sort((a, b) => ordinal(a.name, b.name) || ordinal(a.id, b.id)).slice(0, 200));
  }

  add(template: MessageTemplate): void {
    this.tables.templates.push(template);
  }

  remove(template: MessageTemplate): void {
    remove(this.tables.templates, (t) => t === template);
  }
}

export class InMemoryRecipientStore implements RecipientStore {
  constructor(
    private readonly tables: MessagingTables,
    private readonly fallbacks: InMemoryFallbackStore,
  ) {}

  addAll(tenantId: string, messageId: string, userIds: readonly string[], at: Date, wave = 1): Promise<number> {
    let added = 0;
    for (const userId of new Set(userIds)) {
      if (this.row(tenantId, messageId, userId)) continue;
      this.tables.recipients.push({ tenantId, messageId, userId, listedAt: at, wave, readAt: null, answer: null, answeredAt: null, answeredVia: null, answerClientId: null, answerObservedAt: null, deliveredAt: null });
      added += 1;
    }
    return Promise.resolve(added);
  }

  answerCount(tenantId: string, messageId: string, option: string): Promise<number> {
    return Promise.resolve(this.tables.recipientsOf(tenantId, messageId).filter((r) => r.answer === option).length);
  }

  unanswered(tenantId: string, messageId: string): Promise<string[]> {
    return Promise.resolve(
      this.tables
        .recipientsOf(tenantId, messageId)
        .filter((r) => r.answer === null)
        .map((r) => r.userId)
        .sort(ordinal),
    );
  }

  of(tenantId: string, messageId: string, userId: string): Promise<{ readAt: Date | null; answer: string | null; answeredAt: Date | null; answerClientId: string | null; answerObservedAt: Date | null } | null> {
    const row = this.row(tenantId, messageId, userId);
    return Promise.resolve(row ? { readAt: row.readAt, answer: row.answer, answeredAt: row.answeredAt, answerClientId: row.answerClientId, answerObservedAt: row.answerObservedAt } : null);
  }

  inbox(tenantId: string, userId: string, query: { page: number; pageSize: number }): Promise<{ items: InboxEntry[]; total: number; unread: number }> {
    const rows = this.sentTo(tenantId, userId).sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime() || ordinal(a.messageId, b.messageId));
    return Promise.resolve({ items: page(rows, query).map((r) => this.entry(r)), total: rows.length, unread: rows.filter((r) => r.readAt === null).length });
  }

  markRead(tenantId: string, messageId: string, userId: string, at: Date): Promise<void> {
    const row = this.row(tenantId, messageId, userId);
    if (row) row.readAt ??= at;
    return Promise.resolve();
  }

  answer(tenantId: string, messageId: string, userId: string, option: string, at: Date, via: AnswerChannel, device = { clientId: null as string | null, observedAt: null as Date | null }): Promise<void> {
    const row = this.row(tenantId, messageId, userId);
    if (row) Object.assign(row, { answer: option, answeredAt: at, answeredVia: via, readAt: row.readAt ?? at, answerClientId: device.clientId, answerObservedAt: device.observedAt });
    return Promise.resolve();
  }

  counts(tenantId: string, messageId: string): Promise<MessageCounts> {
    const rows = this.tables.recipientsOf(tenantId, messageId);
    const answers: Record<string, number> = {};
    for (const row of rows) if (row.answer !== null) answers[row.answer] = (answers[row.answer] ?? 0) + 1;
    const deliveries = this.tables.deliveries.filter((d) => d.tenantId === tenantId && d.messageId === messageId);
    const count = (status: DeliveryRow['status']) => deliveries.filter((d) => d.status === status).length;
    const channel = (name: FallbackChannel) => {
      const byStatus: Record<string, number> = {};
      for (const f of this.tables.fallbacks) if (f.tenantId === tenantId && f.messageId === messageId && f.channel === name) byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
      return byStatus;
    };
    return Promise.resolve({
      recipients: rows.length,
      delivered: rows.filter((r) => r.deliveredAt !== null).length,
      read: rows.filter((r) => r.readAt !== null).length,
      answered: rows.filter((r) => r.answer !== null).length,
      answers,
      devices: { queued: count('queued') + count('sending'), sent: count('sent'), failed: count('failed') },
      sms: channel('sms'),
      email: channel('email'),
    });
  }

  async responses(tenantId: string, messageId: string, query: { page: number; pageSize: number; answer?: string; unanswered?: boolean }): Promise<{ items: ResponseRow[]; total: number }> {
    const rows = this.tables
      .recipientsOf(tenantId, messageId)
      .filter((r) => (query.answer ? r.answer === query.answer : query.unanswered ? r.answer === null : true))
      .sort((a, b) => (b.answeredAt?.getTime() ?? -Infinity) - (a.answeredAt?.getTime() ?? -Infinity) || ordinal(a.userId, b.userId));
    const shown = page(rows, query);
    const channels = await this.fallbacks.ofRecipients(tenantId, messageId, shown.map((r) => r.userId));
    const devices = (userId: string) =>
      this.tables.deliveries
        .filter((d) => d.tenantId === tenantId && d.messageId === messageId && d.userId === userId)
        .sort((a, b) => ordinal(a.deviceId, b.deviceId))
        .map((d) => ({ platform: this.tables.devices.find((device) => device.id === d.deviceId)?.platform ?? null, status: d.status, reason: d.reason }));
    return {
      total: rows.length,
      items: shown.map((r) => ({
        userId: r.userId,
        wave: r.wave,
        delivered: r.deliveredAt !== null,
        devices: devices(r.userId),
        channels: channels.get(r.userId) ?? [],
        answeredVia: r.answer === null ? null : (r.answeredVia ?? 'app'),
        readAt: r.readAt,
        answer: r.answer,
        answeredAt: r.answeredAt,
      })),
    };
  }

  ofUser(tenantId: string, userId: string): Promise<InboxEntry[]> {
    return Promise.resolve(
      this.sentTo(tenantId, userId)
        .sort((a, b) => a.listedAt.getTime() - b.listedAt.getTime())
        .map((r) => this.entry(r)),
    );
  }

  forgetUser(tenantId: string, userId: string): Promise<void> {
    remove(this.tables.deliveries, (d) => d.tenantId === tenantId && d.userId === userId);
    remove(this.tables.fallbacks, (f) => f.tenantId === tenantId && f.userId === userId);
    for (const row of this.tables.recipients) if (row.tenantId === tenantId && row.userId === userId) Object.assign(row, { userId: randomUUID(), answeredAt: null });
    return Promise.resolve();
  }

  row(tenantId: string, messageId: string, userId: string): RecipientRow | undefined {
    return this.tables.recipients.find((r) => r.tenantId === tenantId && r.messageId === messageId && r.userId === userId);
  }

  private sentTo(tenantId: string, userId: string): RecipientRow[] {
    return this.tables.recipients.filter((r) => r.tenantId === tenantId && r.userId === userId && this.tables.message(tenantId, r.messageId)?.status === 'sent');
  }

  private entry(row: RecipientRow): InboxEntry {
    return { message: this.tables.message(row.tenantId, row.messageId)!, readAt: row.readAt, answer: row.answer, answeredAt: row.answeredAt };
  }
}

export class InMemoryWaveStore implements WaveStore {
  constructor(private readonly tables: MessagingTables) {}

  add(tenantId: string, messageId: string, waves: readonly WavePlan[], sentAt: Date): Promise<void> {
    for (const w of waves) {
      this.tables.waves.push({ ...w, tenantId, messageId, dueAt: new Date(sentAt.getTime() + w.afterMinutes * 60_000), sentAt: null, cancelledAt: null, recipientCount: 0 });
    }
    return Promise.resolve();
  }

  of(tenantId: string, messageId: string): Promise<Wave[]> {
    return Promise.resolve(
      this.rows(tenantId, messageId)
        .sort((a, b) => a.position - b.position)
        .map(({ tenantId: _t, messageId: _m, ...wave }) => wave),
    );
  }

  takeDue(tenantId: string, now: Date, limit: number): Promise<Array<{ messageId: string; position: number; audience: Wave['audience']; remind: boolean }>> {
    return Promise.resolve(
      this.tables.waves
        .filter((w) => w.tenantId === tenantId && w.dueAt <= now && w.sentAt === null && w.cancelledAt === null)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.position - b.position)
        .slice(0, limit)
        .map((w) => ({ messageId: w.messageId, position: w.position, audience: w.audience, remind: w.remind })),
    );
  }

  markSent(tenantId: string, messageId: string, position: number, at: Date, recipientCount: number): Promise<void> {
    const wave = this.rows(tenantId, messageId).find((w) => w.position === position && w.sentAt === null);
    if (wave) Object.assign(wave, { sentAt: at, recipientCount });
    return Promise.resolve();
  }

  markCancelled(tenantId: string, messageId: string, position: number, at: Date): Promise<void> {
    const wave = this.rows(tenantId, messageId).find((w) => w.position === position && w.sentAt === null && w.cancelledAt === null);
    if (wave) wave.cancelledAt = at;
    return Promise.resolve();
  }

  cancelPending(tenantId: string, messageId: string, at: Date): Promise<number> {
    const pending = this.rows(tenantId, messageId).filter((w) => w.sentAt === null && w.cancelledAt === null);
    for (const wave of pending) wave.cancelledAt = at;
    return Promise.resolve(pending.length);
  }

  private rows(tenantId: string, messageId: string): WaveRow[] {
    return this.tables.waves.filter((w) => w.tenantId === tenantId && w.messageId === messageId);
  }
}

export class InMemoryFallbackStore implements FallbackStore {
  /** Tenants whose budget was locked, in order. */
  readonly locks: string[] = [];

  constructor(private readonly tables: MessagingTables) {}

  queueDue(tenantId: string, options: { channel: FallbackChannel; at: Date; unansweredBefore: Date | null; since: Date; reference: () => string; linkKey: () => string }): Promise<number> {
    const calls = new Set(
      this.tables.messages
        .filter(
          (m) =>
            m.tenantId === tenantId &&
            m.status === 'sent' &&
            m.closedAt === null &&
            (m.closesAt === null || m.closesAt > options.at) &&
            m.sentAt !== null &&
            m.sentAt >= options.since &&
            m.isCallUp() &&
            !this.tables.outbox.some((o) => o.tenantId === tenantId && o.messageId === m.id),
        )
        .map((m) => m.id),
    );
    const waiting = this.tables.recipients.filter(
      (r) => r.tenantId === tenantId && calls.has(r.messageId) && r.answer === null && !this.tables.fallbacks.some((f) => f.tenantId === tenantId && f.channel === options.channel && f.messageId === r.messageId && f.userId === r.userId),
    );
    const reached = (r: RecipientRow) => this.tables.deliveries.some((d) => d.tenantId === tenantId && d.messageId === r.messageId && d.userId === r.userId && d.status !== 'failed');
    const due = waiting.filter((r) => !reached(r) || (options.unansweredBefore !== null && r.listedAt <= options.unansweredBefore));
    for (const r of due) {
      this.tables.fallbacks.push({
        tenantId,
        messageId: r.messageId,
        userId: r.userId,
        channel: options.channel,
        status: 'queued',
        reference: options.reference(),
        linkKey: options.linkKey(),
        attempts: 0,
        createdAt: options.at,
        claimedAt: null,
        sentAt: null,
        reportedAt: null,
        reason: null,
        address: null,
      });
    }
    return Promise.resolve(due.length);
  }

  byLinkKey(tenantId: string, linkKey: string): Promise<{ messageId: string; userId: string; channel: AnswerChannel } | null> {
    const row = this.tables.fallbacks.find((f) => f.tenantId === tenantId && f.linkKey === linkKey);
    return Promise.resolve(row ? { messageId: row.messageId, userId: row.userId, channel: row.channel } : null);
  }

  lockTenant(tenantId: string): Promise<void> {
    this.locks.push(tenantId);
    return Promise.resolve();
  }

  spentSince(tenantId: string, since: Date): Promise<number> {
    return Promise.resolve(
      this.tables.fallbacks.filter(
        (f) => f.tenantId === tenantId && f.channel === 'sms' && f.claimedAt !== null && f.claimedAt >= since && (['sending', 'sent', 'delivered'].includes(f.status) || (f.status === 'failed' && f.address !== null)),
      ).length,
    );
  }

  claim(tenantId: string, channel: FallbackChannel, limit: number, at: Date): Promise<FallbackClaim[]> {
    if (limit <= 0) return Promise.resolve([]);
    const queued = this.tables.fallbacks
      .filter((f) => f.tenantId === tenantId && f.channel === channel && f.status === 'queued')
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || ordinal(a.messageId, b.messageId) || ordinal(a.userId, b.userId))
      .slice(0, limit);
    for (const f of queued) Object.assign(f, { status: 'sending', claimedAt: at, attempts: f.attempts + 1 });
    return Promise.resolve(queued.map((f) => ({ messageId: f.messageId, userId: f.userId, reference: f.reference, linkKey: f.linkKey, attempts: f.attempts })));
  }

  releaseStale(tenantId: string, channel: FallbackChannel, before: Date): Promise<void> {
    for (const f of this.tables.fallbacks) if (f.tenantId === tenantId && f.channel === channel && f.status === 'sending' && f.claimedAt !== null && f.claimedAt < before) Object.assign(f, { status: 'queued', claimedAt: null });
    return Promise.resolve();
  }

  record(tenantId: string, results: readonly FallbackResult[], at: Date): Promise<void> {
    for (const result of results) {
      const row = this.tables.fallbacks.find((f) => f.tenantId === tenantId && f.reference === result.reference && f.status === 'sending');
      if (!row) continue;
      const again = result.status === 'queued';
      Object.assign(row, { status: result.status, reason: result.reason, address: result.address ?? row.address, sentAt: again ? null : at, claimedAt: again ? null : row.claimedAt });
    }
    return Promise.resolve();
  }

  report(tenantId: string, reference: string, outcome: 'delivered' | 'failed' | 'accepted', reason: string | null, at: Date): Promise<boolean> {
    const row = this.tables.fallbacks.find((f) => f.tenantId === tenantId && f.reference === reference);
    if (!row) return Promise.resolve(false);
    if (outcome === 'failed' && row.status !== 'delivered') row.reason = reason;
    if (outcome !== 'accepted' && !(row.status === 'delivered' && outcome === 'failed')) row.status = outcome;
    row.reportedAt = at;
    return Promise.resolve(true);
  }

  ofRecipients(tenantId: string, messageId: string, userIds: readonly string[]): Promise<Map<string, FallbackView[]>> {
    const result = new Map<string, FallbackView[]>();
    const rows = this.tables.fallbacks.filter((f) => f.tenantId === tenantId && f.messageId === messageId && userIds.includes(f.userId)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const f of rows) result.set(f.userId, [...(result.get(f.userId) ?? []), { channel: f.channel, status: f.status, reason: f.reason, at: f.reportedAt ?? f.sentAt ?? f.createdAt }]);
    return Promise.resolve(result);
  }

  counts(tenantId: string, messageId: string, channel: FallbackChannel): Promise<Record<string, number>> {
    const byStatus: Record<string, number> = {};
    for (const f of this.tables.fallbacks) if (f.tenantId === tenantId && f.messageId === messageId && f.channel === channel) byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
    return Promise.resolve(byStatus);
  }
}

export class InMemoryDeviceRepository implements DeviceRepository {
  constructor(private readonly tables: MessagingTables) {}

  byId(tenantId: string, id: string): Promise<Device | null> {
    return Promise.resolve(this.tables.devices.find((d) => d.tenantId === tenantId && d.id === id) ?? null);
  }

  byToken(tenantId: string, token: string): Promise<Device | null> {
    return Promise.resolve(this.tables.devices.find((d) => d.tenantId === tenantId && d.token === token) ?? null);
  }

  ofUser(tenantId: string, userId: string): Promise<Device[]> {
    return Promise.resolve(this.tables.devices.filter((d) => d.tenantId === tenantId && d.userId === userId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || ordinal(a.id, b.id)));
  }

  countOf(tenantId: string, userIds: readonly string[]): Promise<number> {
    return Promise.resolve(this.tables.devices.filter((d) => d.tenantId === tenantId && userIds.includes(d.userId)).length);
  }

  add(device: Device): void {
    this.tables.devices.push(device);
  }

  remove(device: Device): void {
    remove(this.tables.devices, (d) => d === device);
  }

  removeAllOf(tenantId: string, userId: string): Promise<void> {
    remove(this.tables.devices, (d) => d.tenantId === tenantId && d.userId === userId);
    return Promise.resolve();
  }
}

export class InMemoryAppVersionPolicy implements AppVersionPolicy {
  /** How often the minimums were read: what a cache saves. */
  reads = 0;

  constructor(private readonly tables: MessagingTables) {}

  minimums(tenantId: string): Promise<Minimums> {
    this.reads += 1;
    return Promise.resolve({ ...(this.tables.minimums.get(tenantId) ?? {}) });
  }

  replace(tenantId: string, minimums: Minimums, at: Date): Promise<void> {
    void at;
    this.tables.minimums.set(tenantId, Object.fromEntries(Object.entries(minimums).filter(([, version]) => version)));
    return Promise.resolve();
  }
}

export class InMemoryOutbox implements Outbox {
  constructor(private readonly tables: MessagingTables) {}

  add(tenantId: string, messageId: string, dueAt: Date): Promise<void> {
    this.tables.outbox.push({ tenantId, messageId, dueAt });
    return Promise.resolve();
  }

  takeDue(tenantId: string, now: Date, limit: number): Promise<string[]> {
    return Promise.resolve(
      this.tables.outbox
        .filter((o) => o.tenantId === tenantId && o.dueAt <= now)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
        .slice(0, limit)
        .map((o) => o.messageId),
    );
  }

  remove(tenantId: string, messageId: string): Promise<void> {
    remove(this.tables.outbox, (o) => o.tenantId === tenantId && o.messageId === messageId);
    return Promise.resolve();
  }
}

export class InMemoryDeliveryStore implements DeliveryStore {
  constructor(private readonly tables: MessagingTables) {}

  createFor(tenantId: string, messageId: string, at: Date): Promise<string[]> {
    for (const r of this.tables.recipientsOf(tenantId, messageId)) {
      for (const device of this.tables.devices.filter((d) => d.tenantId === tenantId && d.userId === r.userId && d.disabledAt === null)) {
        if (this.row(tenantId, messageId, device.id)) continue;
        this.tables.deliveries.push({ tenantId, messageId, deviceId: device.id, userId: r.userId, status: 'queued', attempts: 0, reason: null, enqueuedAt: at, claimedAt: null, doneAt: null });
      }
    }
    return Promise.resolve(
      this.rows(tenantId, messageId)
        .filter((d) => d.status === 'queued')
        .map((d) => d.deviceId)
        .sort(ordinal),
    );
  }

  claim(tenantId: string, messageId: string, deviceIds: readonly string[], at: Date): Promise<ClaimedDelivery[]> {
    const claimed: ClaimedDelivery[] = [];
    for (const row of this.rows(tenantId, messageId).filter((d) => deviceIds.includes(d.deviceId) && d.status === 'queued')) {
      const device = this.tables.devices.find((d) => d.tenantId === tenantId && d.id === row.deviceId);
      if (!device || device.disabledAt !== null) {
        Object.assign(row, { status: 'failed', reason: 'device removed or disabled', doneAt: at });
        continue;
      }
      Object.assign(row, { status: 'sending', claimedAt: at, attempts: row.attempts + 1 });
      claimed.push({ deviceId: row.deviceId, userId: row.userId, platform: device.platform, token: device.token });
    }
    return Promise.resolve(claimed);
  }

  renew(tenantId: string, messageId: string, deviceIds: readonly string[], at: Date): Promise<void> {
    for (const row of this.rows(tenantId, messageId)) if (deviceIds.includes(row.deviceId) && row.status === 'sending') row.claimedAt = at;
    return Promise.resolve();
  }

  release(tenantId: string, messageId: string, deviceIds: readonly string[]): Promise<void> {
    for (const row of this.rows(tenantId, messageId)) {
      if (deviceIds.includes(row.deviceId) && row.status === 'sending') Object.assign(row, { status: 'queued', claimedAt: null, attempts: Math.max(row.attempts - 1, 0), enqueuedAt: LONG_AGO });
    }
    return Promise.resolve();
  }

  record(tenantId: string, messageId: string, results: readonly DeliveryResult[], at: Date, maxAttempts: number): Promise<{ retrying: number }> {
    let retrying = 0;
    for (const result of results) {
      const row = this.rows(tenantId, messageId).find((d) => d.deviceId === result.deviceId && (d.status === 'sending' || d.status === 'queued'));
      if (!row) continue;
      const again = result.outcome === 'retry' && row.attempts < maxAttempts;
      Object.assign(row, {
        status: result.outcome === 'sent' ? 'sent' : again ? 'queued' : 'failed',
        reason: result.reason,
        claimedAt: null,
        doneAt: again ? null : at,
        enqueuedAt: result.outcome === 'retry' ? at : row.enqueuedAt,
      });
      if (again) retrying += 1;
      if (result.outcome === 'invalid_token') {
        const device = this.tables.devices.find((d) => d.tenantId === tenantId && d.id === row.deviceId);
        if (device) Object.assign(device, { disabledAt: at, disabledReason: 'the push provider refused the token', updatedAt: at });
      }
      if (row.status === 'sent') {
        const recipient = this.tables.recipients.find((r) => r.tenantId === tenantId && r.messageId === messageId && r.userId === row.userId);
        if (recipient) recipient.deliveredAt ??= at;
      }
    }
    return Promise.resolve({ retrying });
  }

  rediscover(tenantId: string, options: { staleBefore: Date; leaseBefore: Date; idleSince: Date | null; at: Date }): Promise<Array<{ messageId: string; deviceIds: string[] }>> {
    const mine = this.tables.deliveries.filter((d) => d.tenantId === tenantId);
    for (const row of mine) if (row.status === 'sending' && row.claimedAt !== null && row.claimedAt < options.leaseBefore) Object.assign(row, { status: 'queued', claimedAt: null, enqueuedAt: LONG_AGO });
    const bound = Math.max(options.idleSince?.getTime() ?? LONG_AGO.getTime(), options.staleBefore.getTime());
    const byMessage = new Map<string, string[]>();
    for (const row of mine) {
      if (row.status !== 'queued' || row.enqueuedAt.getTime() >= bound) continue;
      row.enqueuedAt = options.at;
      byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row.deviceId]);
    }
    return Promise.resolve([...byMessage].map(([messageId, deviceIds]) => ({ messageId, deviceIds: deviceIds.sort(ordinal) })));
  }

  rows(tenantId: string, messageId: string): DeliveryRow[] {
    return this.tables.deliveries.filter((d) => d.tenantId === tenantId && d.messageId === messageId);
  }

  private row(tenantId: string, messageId: string, deviceId: string): DeliveryRow | undefined {
    return this.rows(tenantId, messageId).find((d) => d.deviceId === deviceId);
  }
}

/** Keeps the jobs it was given; `refuse` makes the next enqueue fail, `pending` is what pendingCount says. */
export class RecordingDeliveryQueue implements DeliveryQueue {
  readonly jobs: Array<{ id: string; data: DeliveryJob }> = [];
  refuse: Error | null = null;
  pending = 0;

  enqueue(jobs: ReadonlyArray<{ id: string; data: DeliveryJob }>): Promise<void> {
    if (this.refuse) return Promise.reject(this.refuse);
    this.jobs.push(...jobs);
    return Promise.resolve();
  }

  pendingCount(): Promise<number> {
    return Promise.resolve(this.pending);
  }
}

export interface MessagingPerson {
  id: string;
  name: string;
  phone: string | null;
  email: string;
  active: boolean;
  groupIds: string[];
}

/** The users module as messaging asks it: an audience reaches the active people in it. */
export class InMemoryMessagingPeople implements MessagingPeople {
  readonly people: MessagingPerson[] = [];
  readonly groups = new Set<string>();

  audienceIds(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }): Promise<string[]> {
    void tenantId;
    return Promise.resolve(this.people.filter((p) => p.active && (audience.everyone || audience.userIds.includes(p.id) || p.groupIds.some((g) => audience.groupIds.includes(g)))).map((p) => p.id));
  }

  missingGroups(tenantId: string, groupIds: string[]): Promise<string[]> {
    void tenantId;
    return Promise.resolve(groupIds.filter((id) => !this.groups.has(id)));
  }

  missingUsers(tenantId: string, userIds: string[]): Promise<string[]> {
    void tenantId;
    return Promise.resolve(userIds.filter((id) => !this.people.some((p) => p.id === id)));
  }

  names(tenantId: string, userIds: string[]): Promise<Map<string, string>> {
    void tenantId;
    return Promise.resolve(new Map(this.people.filter((p) => userIds.includes(p.id)).map((p) => [p.id, p.name])));
  }

  phones(tenantId: string, userIds: string[]): Promise<Map<string, string | null>> {
    void tenantId;
    return Promise.resolve(new Map(this.people.filter((p) => userIds.includes(p.id)).map((p) => [p.id, p.phone])));
  }

  emails(tenantId: string, userIds: string[]): Promise<Map<string, string>> {
    void tenantId;
    return Promise.resolve(new Map(this.people.filter((p) => userIds.includes(p.id)).map((p) => [p.id, p.email])));
  }
}

/** Answers each push with the outcome scripted for its token (sent otherwise), keeping what it pushed. */
export class ScriptedPushSender implements PushSender {
  readonly sent: PushNotification[] = [];
  readonly outcomes = new Map<string, PushOutcome | Error>();
  /** Called before each push answers: a spec may hold a push in flight here. */
  beforeAnswer: (notification: PushNotification) => Promise<void> = () => Promise.resolve();

  async send(notification: PushNotification): Promise<PushOutcome> {
    this.sent.push(notification);
    await this.beforeAnswer(notification);
    const outcome = this.outcomes.get(notification.token) ?? { status: 'sent' };
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }
}

/** Answers each text with the outcome scripted for its number (accepted otherwise); `down` fails whole requests. */
export class ScriptedSmsSender implements SmsSender {
  readonly batches: SmsMessage[][] = [];
  readonly outcomes = new Map<string, SmsOutcome>();
  down: Error | null = null;
  reports: SmsReport[] | null = null;

  constructor(readonly name: string | null = 'spec-sms') {}

  send(messages: readonly SmsMessage[]): Promise<SmsOutcome[]> {
    this.batches.push([...messages]);
    if (this.down) return Promise.reject(this.down);
    return Promise.resolve(messages.map((m) => this.outcomes.get(m.to) ?? { status: 'accepted' }));
  }

  parseReports(body: unknown): SmsReport[] | null {
    void body;
    return this.reports;
  }
}

export class InMemoryTenantIds implements TenantIds {
  constructor(readonly active: string[]) {}

  activeIds(): Promise<string[]> {
    return Promise.resolve([...this.active]);
  }

  isActive(tenantId: string): Promise<boolean> {
    return Promise.resolve(this.active.includes(tenantId));
  }
}

/**
 * Transactions without a database: work runs at once (in-memory state has nothing to roll
 * back), and what is to run after the commit waits until the spec calls `commit()`.
 */
export class DeferredTransactions implements Transactions {
  /** The tenant of each transaction opened, in order (null: the tenants' sweep). */
  readonly opened: Array<string | null> = [];
  private readonly pending: Array<() => Promise<void>> = [];

  run<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
    this.opened.push(tenantId);
    return work();
  }

  afterwards(tenantId: string, work: () => Promise<void>): void {
    void tenantId;
    this.pending.push(work);
  }

  waiting(): number {
    return this.pending.length;
  }

  /** Runs what waits for the commit, and what that schedules in turn, until nothing waits. */
  async commit(): Promise<void> {
    while (this.pending.length > 0) await this.pending.shift()!();
  }
}

/** Every port of the messaging module in memory, with the concrete classes kept so specs can look inside. */
export function inMemoryMessaging(tenantIds: string[]) {
  const tables = new MessagingTables();
  const fallbacks = new InMemoryFallbackStore(tables);
  const errors: Array<{ error: unknown; context: string }> = [];
  const ports = {
    tables,
    messages: new InMemoryMessageRepository(tables),
    templates: new InMemoryMessageTemplateRepository(tables),
    recipients: new InMemoryRecipientStore(tables, fallbacks),
    waves: new InMemoryWaveStore(tables),
    fallbacks,
    devices: new InMemoryDeviceRepository(tables),
    versions: new InMemoryAppVersionPolicy(tables),
    outbox: new InMemoryOutbox(tables),
    deliveries: new InMemoryDeliveryStore(tables),
    queue: new RecordingDeliveryQueue(),
    people: new InMemoryMessagingPeople(),
    push: new ScriptedPushSender(),
    tenants: new InMemoryTenantIds(tenantIds),
    transactions: new DeferredTransactions(),
    clock: new FixedClock(),
    audit: new InMemoryAuditLog(),
    settings: { batchSize: 2, pushConcurrency: 2, maxAttempts: 3, leaseSeconds: 60, staleSeconds: 120 },
    errors,
    onError: (error: unknown, context: string) => {
      errors.push({ error, context });
    },
  };
  // Checked against the module's own bag: a port added to MessagingDeps fails to compile here first.
  const deps: MessagingDeps = ports;
  void deps;
  return ports;
}
