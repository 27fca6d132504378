import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { CallUpClosed, InvalidMessage, MessageAlreadySent, NotACallUp, UnknownAnswer } from './messaging.errors.js';

/** The longest title and body a message may have (the contract's bounds). */
export const MESSAGE_TITLE_MAX = 120;
export const MESSAGE_BODY_MAX = 4000;

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
  /** What it is about when another module sent it: that module's reference, opaque here. */
  source: string | null;
  /** What a call-up needs: so many answers of one option, optionally by a deadline. */
  goal?: { option: string; count: number; by: Date | null; autoClose: boolean } | null;
}

export interface CallUpGoal {
  option: string;
  count: number;
  /** ISO time (kept as the JSON column holds it) the goal should be reached by; past it the call-up shows deadline_passed, answers stay open. */
  by: string | null;
  /** Close the call-up as soon as the goal is reached and tell who has not answered that they are not needed. */
  autoClose: boolean;
}

/** A later wave of a call-up: whom it calls, so many minutes after the call-up went out, unless the goal is reached or it closed. */
export interface WavePlan {
  /** 2 for the first escalation (wave 1 is the call-up's own audience). */
  position: number;
  afterMinutes: number;
  audience: Audience;
  /** Also remind those reached by the waves before who have not answered (a wave may do only that). */
  remind: boolean;
}

export interface Wave extends WavePlan {
  dueAt: Date;
  sentAt: Date | null;
  cancelledAt: Date | null;
  /** The people this wave added (whoever an earlier wave reached already is not counted again). */
  recipientCount: number;
}

export const MAX_WAVES = 5;

/** Checks later waves: at most MAX_WAVES, each after the one before, within a day. */
export function checkWaves(waves: ReadonlyArray<{ afterMinutes: number; audience: Audience; remind?: boolean }>, isCallUp: boolean): Result<WavePlan[], InvalidMessage> {
  if (waves.length === 0) return ok([]);
  if (!isCallUp) return fail(new InvalidMessage('waves', 'only a call-up escalates in waves'));
  if (waves.length > MAX_WAVES) return fail(new InvalidMessage('waves', `at most ${MAX_WAVES} later waves`));
  let previous = 0;
  const plans: WavePlan[] = [];
  for (const [index, wave] of waves.entries()) {
    if (!Number.isInteger(wave.afterMinutes) || wave.afterMinutes < 1 || wave.afterMinutes > 1440) return fail(new InvalidMessage(`waves/${index}/afterMinutes`, 'must be 1 to 1440 minutes'));
    if (wave.afterMinutes <= previous) return fail(new InvalidMessage(`waves/${index}/afterMinutes`, 'must be later than the wave before'));
    const nobodyNew = !wave.audience.everyone && wave.audience.groupIds.length === 0 && wave.audience.userIds.length === 0;
    if (nobodyNew && !wave.remind) return fail(new InvalidMessage(`waves/${index}/audience`, 'must name users, groups or everyone, or the wave must remind (remind: true)'));
    previous = wave.afterMinutes;
    plans.push({
      position: index + 2,
      afterMinutes: wave.afterMinutes,
      audience: { everyone: wave.audience.everyone, groupIds: [...new Set(wave.audience.groupIds)], userIds: [...new Set(wave.audience.userIds)] },
      remind: wave.remind ?? false,
    });
  }
  return ok(plans);
}

/**
 * Where a call-up stands. closed: closed by hand, by itself when the goal was reached, or past
 * closesAt; goal_reached: enough answers of the goal's option; deadline_passed: the goal's
 * deadline went by without it; open otherwise (and for a call-up without a goal).
 */
export type CallUpState = 'open' | 'goal_reached' | 'deadline_passed' | 'closed';

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
  goal!: CallUpGoal | null;
  closedAt!: Date | null;
  recipientCount!: number;
  dispatchRound!: number;
  createdAt!: Date;

  private constructor() {}

  static compose(input: Composition, now: Date): Result<Message, InvalidMessage> {
    const title = input.title.trim();
    const body = input.body.trim();
    if (title.length === 0 || title.length > MESSAGE_TITLE_MAX) return fail(new InvalidMessage('title', `must be 1 to ${MESSAGE_TITLE_MAX} characters`));
    if (body.length === 0 || body.length > MESSAGE_BODY_MAX) return fail(new InvalidMessage('body', `must be 1 to ${MESSAGE_BODY_MAX} characters`));
    if (input.format === 'markdown' && /<\/?[a-z!][^>]*>/i.test(body)) return fail(new InvalidMessage('body', 'limited markdown: no HTML'));
    if (input.format === 'markdown' && /\]\((?!https?:\/\/|mailto:|tel:)/i.test(body)) return fail(new InvalidMessage('body', 'links must be http(s), mailto: or tel:'));
    const options = input.answerOptions.map((o) => o.trim());
    if (options.length === 1 || options.length > 10) return fail(new InvalidMessage('answerOptions', 'a call-up needs 2 to 10 answer options'));
    if (options.some((o) => o.length === 0 || o.length > 60)) return fail(new InvalidMessage('answerOptions', 'each option must be 1 to 60 characters'));
    if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) return fail(new InvalidMessage('answerOptions', 'must not repeat an option'));
    if (input.scheduledAt && input.scheduledAt.getTime() <= now.getTime()) return fail(new InvalidMessage('scheduledAt', 'must be in the future'));
    if (input.closesAt && options.length === 0) return fail(new InvalidMessage('closesAt', 'only a call-up closes'));
    if (input.closesAt && input.closesAt.getTime() <= (input.scheduledAt ?? now).getTime()) return fail(new InvalidMessage('closesAt', 'must be after the message goes out'));
    let goal: CallUpGoal | null = null;
    if (input.goal) {
      if (options.length === 0) return fail(new InvalidMessage('goal', 'only a call-up has a goal'));
      const option = options.find((o) => o.toLowerCase() === input.goal!.option.trim().toLowerCase());
      if (!option) return fail(new InvalidMessage('goal/option', 'must be one of the answer options'));
      if (!Number.isInteger(input.goal.count) || input.goal.count < 1) return fail(new InvalidMessage('goal/count', 'must be a whole number of at least 1'));
      if (input.goal.by && input.goal.by.getTime() <= (input.scheduledAt ?? now).getTime()) return fail(new InvalidMessage('goal/by', 'must be after the message goes out'));
      goal = { option, count: input.goal.count, by: input.goal.by?.toISOString() ?? null, autoClose: input.goal.autoClose };
    }
    const message = new Message();
    Object.assign(message, {
      ...input,
      id: randomUUID(),
      title,
      body,
      answerOptions: options,
      goal,
      closedAt: null,
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

  /** Closed by hand or by itself, or past closesAt: no answer is taken any more. */
  isClosed(now: Date): boolean {
    return this.closedAt !== null || (this.closesAt !== null && now.getTime() >= this.closesAt.getTime());
  }

  /** The state given how many answered the goal's option (see CallUpState). */
  state(goalAnswers: number, now: Date): CallUpState {
    if (this.isClosed(now)) return 'closed';
    if (!this.goal) return 'open';
    if (goalAnswers >= this.goal.count) return 'goal_reached';
    if (this.goal.by && now.getTime() >= Date.parse(this.goal.by)) return 'deadline_passed';
    return 'open';
  }

  /** True when this answer count reaches the goal of a call-up that closes itself then. */
  closesItselfAt(goalAnswers: number, now: Date): boolean {
    return this.goal !== null && this.goal.autoClose && !this.isClosed(now) && goalAnswers >= this.goal.count;
  }

  close(now: Date): Result<void, NotACallUp | CallUpClosed> {
    if (!this.isCallUp()) return fail(new NotACallUp());
    if (this.status !== 'sent' || this.isClosed(now)) return fail(new CallUpClosed());
    this.closedAt = now;
    return ok(undefined);
  }

  /** Checks an answer: a call-up that has gone out and is not closed, one of its options. */
  checkAnswer(option: string, now: Date): Result<string, NotACallUp | CallUpClosed | UnknownAnswer> {
    if (!this.isCallUp()) return fail(new NotACallUp());
    if (this.status !== 'sent' || this.isClosed(now)) return fail(new CallUpClosed());
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
