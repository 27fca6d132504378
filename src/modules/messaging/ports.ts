import type { PushSender } from '../../platform/push/ports.js';
import type { Platform, Device } from './domain/device.js';
import type { Message, Wave, WavePlan } from './domain/message.js';
import type { MessageTemplate } from './domain/message-template.js';

// Writing through these ports. A use case runs inside its request's (or job's) unit of work
// (platform/database/unit-of-work.ts). What it `add`s, and every change it makes to an entity it
// read through a repository here, is written when that transaction commits: there is no save(),
// the commit's flush finds the changed entities. A method that returns a Promise and writes runs
// its SQL at once, in the same transaction. Either way, nothing is written when a later step of
// the request fails (test/e2e/unit-of-work.spec.ts shows both outcomes).

export interface MessageRepository {
  /** With `forUpdate`, the row is read afresh and stays locked until the transaction ends (cancel against dispatch, answers against the goal). */
  byId(tenantId: string, id: string, options?: { forUpdate?: boolean }): Promise<Message | null>;
  /** Newest first, what the tenant sent (scheduled and cancelled included). */
  list(tenantId: string, page: { page: number; pageSize: number }): Promise<{ items: Message[]; total: number }>;
  add(message: Message): void;
}

/** The tenant's message and call-up templates (at most 200, by name). */
export interface MessageTemplateRepository {
  byId(tenantId: string, id: string): Promise<MessageTemplate | null>;
  /** The oldest of this name (names are how tenant files match templates). */
  byName(tenantId: string, name: string): Promise<MessageTemplate | null>;
  list(tenantId: string): Promise<MessageTemplate[]>;
  add(template: MessageTemplate): void;
  remove(template: MessageTemplate): void;
}

export interface InboxEntry {
  message: Message;
  readAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
}

export interface MessageCounts {
  recipients: number;
  delivered: number;
  read: number;
  answered: number;
  answers: Record<string, number>;
  devices: { queued: number; sent: number; failed: number };
  /** Texts by status. */
  sms: Record<string, number>;
  /** Mails by status. */
  email: Record<string, number>;
}

/** Where an answer came from: the app (signed in), or the answer link sent by SMS or e-mail. */
export type AnswerChannel = 'app' | FallbackChannel;

/** The channels tried after push: a text, a mail. */
export type FallbackChannel = 'sms' | 'email';

export interface ResponseRow {
  userId: string;
  /** The call-up wave that reached the person (1 for a plain message). */
  wave: number;
  delivered: boolean;
  /** Delivery per device: queued, sending, sent, or failed with the reason. */
  devices: Array<{ platform: string | null; status: string; reason: string | null }>;
  /** Other channels tried (SMS): status, why it failed, when. */
  channels: FallbackView[];
  /** How the answer came in: the app, or the answer link of a text or a mail. */
  answeredVia: AnswerChannel | null;
  readAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
}

/** One row per recipient of a message: fixed at send time, then read and answer state. */
export interface RecipientStore {
  /** Adds whoever is not a recipient yet; returns how many were added. */
  addAll(tenantId: string, messageId: string, userIds: readonly string[], at: Date, wave?: number): Promise<number>;
  /** How many answered with this option. */
  answerCount(tenantId: string, messageId: string, option: string): Promise<number>;
  /** Recipients without an answer (to tell them they are not needed any more). */
  unanswered(tenantId: string, messageId: string): Promise<string[]>;
  of(tenantId: string, messageId: string, userId: string): Promise<{ readAt: Date | null; answer: string | null; answeredAt: Date | null; answerClientId: string | null; answerObservedAt: Date | null } | null>;
  /** Messages that have gone out to the user, newest first. */
  inbox(tenantId: string, userId: string, page: { page: number; pageSize: number }): Promise<{ items: InboxEntry[]; total: number; unread: number }>;
  markRead(tenantId: string, messageId: string, userId: string, at: Date): Promise<void>;
  answer(tenantId: string, messageId: string, userId: string, option: string, at: Date, via: AnswerChannel, device?: { clientId: string | null; observedAt: Date | null }): Promise<void>;
  counts(tenantId: string, messageId: string): Promise<MessageCounts>;
  responses(tenantId: string, messageId: string, page: { page: number; pageSize: number; answer?: string; unanswered?: boolean }): Promise<{ items: ResponseRow[]; total: number }>;
  /** Personal data of one user (export), and its removal (erasure). */
  ofUser(tenantId: string, userId: string): Promise<InboxEntry[]>;
  forgetUser(tenantId: string, userId: string): Promise<void>;
}

/** The later waves of call-ups; PostgreSQL is the truth the escalation runs from. */
export interface WaveStore {
  add(tenantId: string, messageId: string, waves: readonly WavePlan[], sentAt: Date): Promise<void>;
  of(tenantId: string, messageId: string): Promise<Wave[]>;
  /** Waves due and neither sent nor cancelled, locked for this transaction (other workers skip them). */
  takeDue(tenantId: string, now: Date, limit: number): Promise<Array<{ messageId: string; position: number; audience: Wave['audience']; remind: boolean }>>;
  markSent(tenantId: string, messageId: string, position: number, at: Date, recipientCount: number): Promise<void>;
  markCancelled(tenantId: string, messageId: string, position: number, at: Date): Promise<void>;
  /** Cancels every wave of the call-up not sent yet; returns how many. */
  cancelPending(tenantId: string, messageId: string, at: Date): Promise<number>;
}

export interface FallbackClaim {
  messageId: string;
  userId: string;
  reference: string;
  /** Key of the text's answer link (null for texts queued before links existed). */
  linkKey: string | null;
  /** This claim included: how often it has been tried. */
  attempts: number;
}

/** A claimed text's outcome: handed over (sent), refused, over budget, or back to queued to try again. */
export interface FallbackResult {
  reference: string;
  status: 'sent' | 'failed' | 'queued' | 'budget_exhausted';
  reason: string | null;
  address: string | null;
}

export interface FallbackView {
  channel: string;
  status: string;
  reason: string | null;
  at: Date;
}

/** Texts and mails to recipients push did not reach (see FallbackDeliveryRow). */
export interface FallbackStore {
  /**
   * Queues an SMS for each unanswered recipient of an open call-up that push cannot reach (no
   * delivery row that has not failed, once its fan-out ran) or that has not answered since
   * `unansweredBefore`; never twice for a person and call-up. Returns how many were queued.
   */
  queueDue(tenantId: string, options: { channel: FallbackChannel; at: Date; unansweredBefore: Date | null; since: Date; reference: () => string; linkKey: () => string }): Promise<number>;
  /** Whose answer link this is, and the channel it was sent through. */
  byLinkKey(tenantId: string, linkKey: string): Promise<{ messageId: string; userId: string; channel: AnswerChannel } | null>;
  /** Serialises budget decisions of one tenant across workers until the transaction ends. */
  lockTenant(tenantId: string): Promise<void>;
  /** Texts handed over (or being) since `since`: what counts against the day's budget. */
  spentSince(tenantId: string, since: Date): Promise<number>;
  /** Claims queued texts, oldest first. */
  claim(tenantId: string, channel: FallbackChannel, limit: number, at: Date): Promise<FallbackClaim[]>;
  /** Puts back claims of a worker silent since `before`. */
  releaseStale(tenantId: string, channel: FallbackChannel, before: Date): Promise<void>;
  record(tenantId: string, results: readonly FallbackResult[], at: Date): Promise<void>;
  /** A provider's delivery report; false when no text has this reference. */
  report(tenantId: string, reference: string, outcome: 'delivered' | 'failed' | 'accepted', reason: string | null, at: Date): Promise<boolean>;
  ofRecipients(tenantId: string, messageId: string, userIds: readonly string[]): Promise<Map<string, FallbackView[]>>;
  counts(tenantId: string, messageId: string, channel: FallbackChannel): Promise<Record<string, number>>;
}

export interface DeviceRepository {
  byId(tenantId: string, id: string): Promise<Device | null>;
  byToken(tenantId: string, token: string): Promise<Device | null>;
  ofUser(tenantId: string, userId: string): Promise<Device[]>;
  /** The registered devices of these users (what a message to them would push to). */
  countOf(tenantId: string, userIds: readonly string[]): Promise<number>;
  add(device: Device): void;
  remove(device: Device): void;
  removeAllOf(tenantId: string, userId: string): Promise<void>;
}

export type Minimums = Partial<Record<Platform, string>>;

/** The tenant's lowest accepted app version per platform. */
export interface AppVersionPolicy {
  minimums(tenantId: string): Promise<Minimums>;
  replace(tenantId: string, minimums: Minimums, at: Date): Promise<void>;
}

/** Messages waiting to be fanned out, written in the transaction that composes them. */
export interface Outbox {
  add(tenantId: string, messageId: string, dueAt: Date): Promise<void>;
  /** Due entries, locked for this transaction (others skip them). */
  takeDue(tenantId: string, now: Date, limit: number): Promise<string[]>;
  remove(tenantId: string, messageId: string): Promise<void>;
}

export interface ClaimedDelivery {
  deviceId: string;
  userId: string;
  platform: Platform;
  token: string;
}

export interface DeliveryResult {
  deviceId: string;
  outcome: 'sent' | 'invalid_token' | 'retry' | 'failed';
  reason: string | null;
}

/**
 * Delivery state per message and device (the delivery key): queued, sending (claimed by a
 * worker), sent, failed. PostgreSQL is the truth the queue is rebuilt from.
 */
export interface DeliveryStore {
  /** One queued row per recipient's active device; returns their device ids, in order. */
  createFor(tenantId: string, messageId: string, at: Date): Promise<string[]>;
  /** Claims the queued rows among `deviceIds` for one worker; rows claimed or done elsewhere are skipped. */
  claim(tenantId: string, messageId: string, deviceIds: readonly string[], at: Date): Promise<ClaimedDelivery[]>;
  /** Keeps this worker's claims alive while it is still pushing (a lease renewal). */
  renew(tenantId: string, messageId: string, deviceIds: readonly string[], at: Date): Promise<void>;
  /**
   * Hands back claims this worker will not push (it is stopping): queued again, the attempt not
   * counted, and due for the next sweep of any worker.
   */
  release(tenantId: string, messageId: string, deviceIds: readonly string[]): Promise<void>;
  /** Records outcomes; a retry goes back to queued until `maxAttempts`, then fails. Invalid tokens disable the device. */
  record(tenantId: string, messageId: string, results: readonly DeliveryResult[], at: Date, maxAttempts: number): Promise<{ retrying: number }>;
  /**
   * Rows to enqueue again: queued rows enqueued before `staleBefore` or before `idleSince` (a
   * moment no job was pending), and claimed rows whose worker has been silent since `leaseBefore` (put back to queued).
   */
  rediscover(tenantId: string, options: { staleBefore: Date; leaseBefore: Date; idleSince: Date | null; at: Date }): Promise<Array<{ messageId: string; deviceIds: string[] }>>;
}

export interface DeliveryJob {
  tenantId: string;
  messageId: string;
  deviceIds: string[];
}

/** The queue of delivery batches (bull or in-process behind the platform's JobQueue). */
export interface DeliveryQueue {
  enqueue(jobs: ReadonlyArray<{ id: string; data: DeliveryJob }>): Promise<void>;
  pendingCount(): Promise<number>;
}

/** What messaging needs to know of people, answered by the users module's application layer. */
export interface MessagingPeople {
  audienceIds(tenantId: string, audience: { everyone: boolean; groupIds: string[]; userIds: string[] }): Promise<string[]>;
  missingGroups(tenantId: string, groupIds: string[]): Promise<string[]>;
  missingUsers(tenantId: string, userIds: string[]): Promise<string[]>;
  names(tenantId: string, userIds: string[]): Promise<Map<string, string>>;
  /** Phone numbers as the people directory holds them (not checked there). */
  phones(tenantId: string, userIds: string[]): Promise<Map<string, string | null>>;
  emails(tenantId: string, userIds: string[]): Promise<Map<string, string>>;
}

/** Tenants the background sweep visits (answered by the tenants module). */
export interface TenantIds {
  activeIds(): Promise<string[]>;
  /** False for a suspended (or unknown) tenant. */
  isActive(tenantId: string): Promise<boolean>;
}

/** Transactions of their own, for the fan-out outside a request, and work after the current commit. */
export interface Transactions {
  run<T>(tenantId: string | null, work: () => Promise<T>): Promise<T>;
  afterwards(tenantId: string, work: () => Promise<void>): void;
}

export type { PushSender };
