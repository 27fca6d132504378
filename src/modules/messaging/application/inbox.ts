import type { UserActor } from '../../../platform/auth/actor.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { checkDeviceTime, type Message } from '../domain/message.js';
import type { CallUpClosed, InvalidMessage, NotACallUp, UnknownAnswer } from '../domain/messaging.errors.js';
import type { AnswerChannel, InboxEntry } from '../ports.js';
import type { MessagingDeps } from './deps.js';
import { closeIfGoalReached } from './escalation.js';
import type { FanOut } from './fan-out.js';

/** The signed-in person whose inbox or devices these are. */
type Member = { actor: UserActor };

export class ListInbox {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients'>) {}

  execute(query: Member & { page: number; pageSize: number }): Promise<{ items: InboxEntry[]; total: number; unread: number }> {
    return this.d.recipients.inbox(query.actor.tenantId, query.actor.userId, { page: query.page, pageSize: query.pageSize });
  }
}

/** One message of the member's inbox; someone else's message is not found, exactly like a missing one. */
export class GetInboxMessage {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients' | 'messages'>) {}

  async execute(query: Member & { messageId: string }): Promise<Result<InboxEntry, NotFound>> {
    const mine = await this.d.recipients.of(query.actor.tenantId, query.messageId, query.actor.userId);
    const message = mine ? await this.d.messages.byId(query.actor.tenantId, query.messageId) : null;
    if (!mine || !message || message.status !== 'sent') return fail(new NotFound('Message'));
    return ok({ message, ...mine });
  }
}

export class MarkRead {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients' | 'messages' | 'clock'>) {}

  async execute(command: Member & { messageId: string }): Promise<Result<void, NotFound>> {
    const mine = await this.d.recipients.of(command.actor.tenantId, command.messageId, command.actor.userId);
    const message = mine ? await this.d.messages.byId(command.actor.tenantId, command.messageId) : null;
    if (!mine || !message || message.status !== 'sent') return fail(new NotFound('Message'));
    if (!mine.readAt) await this.d.recipients.markRead(command.actor.tenantId, command.messageId, command.actor.userId, this.d.clock.now());
    return ok(undefined);
  }
}

/**
 * Records a recipient's answer, whichever way it came (the app, an answer link): one answer per
 * recipient, changeable until the call-up closes. An answer that reaches the goal of a call-up
 * that closes itself closes it.
 */
export async function recordAnswer(
  d: Pick<MessagingDeps, 'recipients' | 'messages' | 'waves' | 'outbox' | 'clock'>,
  fanOut: FanOut,
  answer: { tenantId: string; userId: string; message: Message; option: string; via: AnswerChannel; device?: { clientId: string | null; observedAt: Date | null } },
): Promise<Result<{ answer: string }, NotACallUp | CallUpClosed | UnknownAnswer>> {
  const { tenantId, message } = answer;
  const now = d.clock.now();
  const checked = message.checkAnswer(answer.option, now);
  if (!checked.ok) return checked;
  await d.recipients.answer(tenantId, message.id, answer.userId, checked.value, now, answer.via, answer.device);
  if (message.goal?.autoClose && message.goal.option === checked.value) await closeIfGoalReached(d, fanOut, tenantId, message.id);
  return ok({ answer: checked.value });
}

/** An answer from the app; a non-recipient finds no such message. */
export class AnswerCallUp {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients' | 'messages' | 'waves' | 'outbox' | 'clock'>, private readonly fanOut: FanOut) {}

  async execute(command: Member & { messageId: string; option: string; clientId?: string | null; observedAt?: Date | null }): Promise<
    Result<{ answer: string }, NotFound | NotACallUp | CallUpClosed | UnknownAnswer | InvalidMessage>
  > {
    const mine = await this.d.recipients.of(command.actor.tenantId, command.messageId, command.actor.userId);
    const message = mine ? await this.d.messages.byId(command.actor.tenantId, command.messageId) : null;
    if (!mine || !message || message.status !== 'sent') return fail(new NotFound('Message'));
    const now = this.d.clock.now();
    const clientId = command.clientId ?? null;
    const observedAt = command.observedAt ?? null;
    // A retry of the answer recorded last (its answer was lost on the way): the first result, nothing changed.
    if (clientId && mine.answer && mine.answerClientId === clientId) return ok({ answer: mine.answer });
    if (observedAt) {
      const bound = checkDeviceTime(observedAt, now);
      if (!bound.ok) return bound;
      // An answer given on the device before the one recorded, arriving late: the later one stands.
      if (mine.answer && mine.answerObservedAt && observedAt.getTime() < mine.answerObservedAt.getTime()) return ok({ answer: mine.answer });
    }
    return recordAnswer(this.d, this.fanOut, { tenantId: command.actor.tenantId, userId: command.actor.userId, message, option: command.option, via: 'app', device: { clientId, observedAt } });
  }
}
