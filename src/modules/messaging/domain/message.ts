import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { CallUpClosed, InvalidMessage, MessageAlreadySent, NotACallUp, UnknownAnswer } from './messaging.errors.js';

export type Priority = 'normal' | 'urgent';
export type MessageFormat = 'plain' | 'markdown';
export type MessageStatus = 'scheduled' | 'sent' | 'cancelled';

export interface Audience {
  everyone: boolean;
  groupIds: string[];
  userIds: string[];
}

export interface Composition {
  tenantId: string;
  senderType: 'user' | 'api_key' | 'system';
  senderId: string;
  title: string;
  body: string;
  format: MessageFormat;
  priority: Priority;
  /** Answer options make the message a call-up ("beschikbaar", "over 30 minuten", "niet beschikbaar"). */
  answerOptions: string[];
  audience: Audience;
  /** Send later; null sends now. */
  scheduledAt: Date | null;
  /** A call-up accepts (and lets people change) answers until then; null: until cancelled never. */
  closesAt: Date | null;
  /** What sent it when not a person at the console ("incident:<id>"). */
  source: string | null;
}

/**
 * A push message or call-up. Its recipients are fixed when it is composed: group changes
 * afterwards do not change who gets it. A scheduled message can be cancelled until it goes.
 */
export class Message {
  id!: string;
  tenantId!: string;
  senderType!: Composition['senderType'];
  senderId!: string;
  title!: string;
  body!: string;
  format!: MessageFormat;
  priority!: Priority;
  answerOptions!: string[];
  audience!: Audience;
  status!: MessageStatus;
  scheduledAt!: Date | null;
  sentAt!: Date | null;
  closesAt!: Date | null;
  cancelledAt!: Date | null;
  source!: string | null;
  recipientCount!: number;
  dispatchRound!: number;
  createdAt!: Date;

  private constructor() {}

  static compose(input: Composition, now: Date): Result<Message, InvalidMessage> {
    const title = input.title.trim();
    const body = input.body.trim();
    if (title.length === 0 || title.length > 120) return fail(new InvalidMessage('title', 'must be 1 to 120 characters'));
    if (body.length === 0 || body.length > 4000) return fail(new InvalidMessage('body', 'must be 1 to 4000 characters'));
    if (input.format === 'markdown' && /<\/?[a-z!][^>]*>/i.test(body)) return fail(new InvalidMessage('body', 'limited markdown: no HTML'));
    if (input.format === 'markdown' && /\]\((?!https?:\/\/|mailto:|tel:)/i.test(body)) return fail(new InvalidMessage('body', 'links must be http(s), mailto: or tel:'));
    const options = input.answerOptions.map((o) => o.trim());
    if (options.length === 1 || options.length > 10) return fail(new InvalidMessage('answerOptions', 'a call-up needs 2 to 10 answer options'));
    if (options.some((o) => o.length === 0 || o.length > 60)) return fail(new InvalidMessage('answerOptions', 'each option must be 1 to 60 characters'));
    if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) return fail(new InvalidMessage('answerOptions', 'must not repeat an option'));
    if (input.scheduledAt && input.scheduledAt.getTime() <= now.getTime()) return fail(new InvalidMessage('scheduledAt', 'must be in the future'));
    if (input.closesAt && options.length === 0) return fail(new InvalidMessage('closesAt', 'only a call-up closes'));
    if (input.closesAt && input.closesAt.getTime() <= (input.scheduledAt ?? now).getTime()) return fail(new InvalidMessage('closesAt', 'must be after the message goes out'));
    const message = new Message();
    Object.assign(message, {
      ...input,
      id: randomUUID(),
      title,
      body,
      answerOptions: options,
      status: 'scheduled',
      sentAt: null,
      cancelledAt: null,
      recipientCount: 0,
      dispatchRound: 0,
      createdAt: now,
    });
    return ok(message);
  }

  isCallUp(): boolean {
    return this.answerOptions.length > 0;
  }

  /** When it goes out: the scheduled time, or when it was composed. */
  dueAt(): Date {
    return this.scheduledAt ?? this.createdAt;
  }

  /** The body as a push notification shows it: limited markdown reduced to its text. */
  pushText(): string {
    if (this.format === 'plain') return this.body;
    return this.body
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
      .replace(/(\*\*|__|\*|_|`)/g, '');
  }

  cancel(now: Date): Result<void, MessageAlreadySent> {
    if (this.status !== 'scheduled') return fail(new MessageAlreadySent());
    this.status = 'cancelled';
    this.cancelledAt = now;
    return ok(undefined);
  }

  markSent(now: Date): void {
    if (this.status === 'scheduled') {
      this.status = 'sent';
      this.sentAt = now;
    }
  }

  /** Checks an answer: a call-up that has gone out and is not closed, one of its options. */
  checkAnswer(option: string, now: Date): Result<string, NotACallUp | CallUpClosed | UnknownAnswer> {
    if (!this.isCallUp()) return fail(new NotACallUp());
    if (this.status !== 'sent' || (this.closesAt && now.getTime() >= this.closesAt.getTime())) return fail(new CallUpClosed());
    const match = this.answerOptions.find((o) => o.toLowerCase() === option.trim().toLowerCase());
    return match ? ok(match) : fail(new UnknownAnswer(this.answerOptions));
  }
}

const DEVICE_BEFORE_MS = 7 * 24 * 3600_000;
const DEVICE_AFTER_MS = 5 * 60_000;

/** A device's own time for an answer, kept beside the server's: the bounds of log entries (a week late at most, never well ahead). */
export function checkDeviceTime(observedAt: Date, now: Date): Result<Date, InvalidMessage> {
  if (observedAt.getTime() > now.getTime() + DEVICE_AFTER_MS) return fail(new InvalidMessage('observedAt', 'is more than 5 minutes ahead of the server time'));
  if (observedAt.getTime() < now.getTime() - DEVICE_BEFORE_MS) return fail(new InvalidMessage('observedAt', 'is more than 7 days before the server time'));
  return ok(observedAt);
}
