import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Message } from '../domain/message.js';
import type { CallUpClosed, NotACallUp } from '../domain/messaging.errors.js';
import type { MessagingDeps } from './deps.js';
import type { FanOut } from './fan-out.js';

const WAVES_PER_PASS = 20;

/**
 * Calls the later waves of call-ups when they are due. PostgreSQL is the truth: a wave row is
 * taken with FOR UPDATE SKIP LOCKED, and its recipients, their delivery rows and its sent_at are
 * written in one transaction, so a wave goes once whatever worker runs it, however often the
 * pass is repeated, and a worker killed halfway leaves it unsent for the next pass. A wave whose
 * call-up has reached its goal, closed or was cancelled is cancelled instead.
 */
export class Escalation {
  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'recipients' | 'waves' | 'people' | 'outbox' | 'clock' | 'tenants' | 'transactions' | 'onError'>, private readonly fanOut: FanOut) {}

  /** One pass over every tenant, a short transaction each. */
  async sweep(): Promise<void> {
    for (const tenantId of await this.d.transactions.run(null, () => this.d.tenants.activeIds())) {
      try {
        await this.escalateDue(tenantId);
      } catch (error) {
        this.d.onError(error, `call-up escalation of tenant ${tenantId}`);
      }
    }
  }

  escalateDue(tenantId: string): Promise<number> {
    return this.d.transactions.run(tenantId, () => this.escalateInCurrentTransaction(tenantId));
  }

  async escalateInCurrentTransaction(tenantId: string): Promise<number> {
    const now = this.d.clock.now();
    let called = 0;
    for (const wave of await this.d.waves.takeDue(tenantId, now, WAVES_PER_PASS)) {
      const message = await this.d.messages.byId(tenantId, wave.messageId, { forUpdate: true });
      const reached = message?.goal ? (await this.d.recipients.answerCount(tenantId, message.id, message.goal.option)) >= message.goal.count : false;
      if (!message || message.status !== 'sent' || message.isClosed(now) || reached) {
        await this.d.waves.markCancelled(tenantId, wave.messageId, wave.position, now);
        continue;
      }
      // Who was reached before and is still silent: read before this wave adds its own people.
      const waiting = wave.remind ? await this.d.recipients.unanswered(tenantId, message.id) : [];
      const audience = wave.audience;
      const someoneNew = audience.everyone || audience.groupIds.length > 0 || audience.userIds.length > 0;
      const userIds = someoneNew ? await this.d.people.audienceIds(tenantId, audience) : [];
      const added = await this.d.recipients.addAll(tenantId, message.id, userIds, now, wave.position);
      message.recipientCount += added;
      await this.d.waves.markSent(tenantId, message.id, wave.position, now, added);
      await this.fanOut.pushToNewRecipients(tenantId, message, `w${wave.position}`);
      if (waiting.length > 0) {
        // A message of its own (one delivery per message and device): the call-up's answers stay where they are.
        const reminder = reminderMessage(message, now);
        reminder.recipientCount = waiting.length;
        reminder.markSent(now);
        this.d.messages.add(reminder);
        await this.d.recipients.addAll(tenantId, reminder.id, waiting, now);
        await this.d.outbox.add(tenantId, reminder.id, now);
        this.fanOut.dispatchAfterCommit(tenantId);
      }
      called += 1;
    }
    return called;
  }
}

/** Builds the reminder a wave with remind sends to those reached before who have not answered. */
export function reminderMessage(callUp: Message, now: Date): Message {
  return systemNotice(callUp, now, `Herinnering: ${callUp.title}`, 'U hebt nog niet gereageerd op deze oproep: antwoord in de app. / Reminder: you have not answered this call-up yet; answer in the app.');
}

function systemNotice(callUp: Message, now: Date, title: string, body: string): Message {
  const composed = Message.compose(
    {
      tenantId: callUp.tenantId,
      senderType: 'system',
      senderId: callUp.senderId,
      title: title.slice(0, 120),
      body,
      format: 'plain',
      priority: callUp.priority,
      answerOptions: [],
      audience: { everyone: false, groupIds: [], userIds: [] },
      scheduledAt: null,
      closesAt: null,
      source: `call-up:${callUp.id}`,
    },
    now,
  );
  // Fixed texts within the limits: composing cannot fail.
  if (!composed.ok) throw composed.error;
  return composed.value;
}

/** Builds the "no longer needed" message to those who did not answer a call-up that closed itself. */
export function standDownMessage(callUp: Message, now: Date): Message {
  return systemNotice(
    callUp,
    now,
    `Niet meer nodig: ${callUp.title}`,
    'Er hebben genoeg mensen gereageerd op deze oproep. U hoeft niet meer te reageren of te komen. / Enough people have answered this call-up: you are no longer needed.',
  );
}

/**
 * After an answer of the goal's option: when it reaches the goal of a call-up that closes itself,
 * closes it (its pending waves cancelled) and tells those who have not answered, in the answer's
 * transaction. The call-up row is locked (and re-read) first, so of two answers reaching the goal at
 * once only one closes it.
 */
export async function closeIfGoalReached(d: Pick<MessagingDeps, 'messages' | 'recipients' | 'waves' | 'outbox' | 'clock'>, fanOut: FanOut, tenantId: string, messageId: string): Promise<void> {
  const message = await d.messages.byId(tenantId, messageId, { forUpdate: true });
  if (!message?.goal?.autoClose) return;
  const now = d.clock.now();
  const count = await d.recipients.answerCount(tenantId, message.id, message.goal.option);
  if (!message.closesItselfAt(count, now)) return;
  message.close(now);
  await d.waves.cancelPending(tenantId, message.id, now);
  const waiting = await d.recipients.unanswered(tenantId, message.id);
  if (waiting.length === 0) return;
  const notice = standDownMessage(message, now);
  notice.recipientCount = waiting.length;
  notice.markSent(now);
  d.messages.add(notice);
  await d.recipients.addAll(tenantId, notice.id, waiting, now);
  await d.outbox.add(tenantId, notice.id, now);
  fanOut.dispatchAfterCommit(tenantId);
}

/** Closes a call-up by hand: no more answers, no more waves. */
export class CloseCallUp {
  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'waves' | 'clock'>) {}

  async execute(command: { tenantId: string; messageId: string }): Promise<Result<Message, NotFound | NotACallUp | CallUpClosed>> {
    const message = await this.d.messages.byId(command.tenantId, command.messageId, { forUpdate: true });
    if (!message) return fail(new NotFound('Message'));
    const now = this.d.clock.now();
    const closed = message.close(now);
    if (!closed.ok) return closed;
    await this.d.waves.cancelPending(command.tenantId, message.id, now);
    return ok(message);
  }
}
