import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { CallUpClosed, NotACallUp, UnknownAnswer } from '../domain/messaging.errors.js';
import type { InboxEntry } from '../ports.js';
import type { MessagingDeps } from './deps.js';
import { closeIfGoalReached } from './escalation.js';
import type { FanOut } from './fan-out.js';

type Member = { tenantId: string; userId: string };

export class ListInbox {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients'>) {}

  execute(query: Member & { page: number; pageSize: number }): Promise<{ items: InboxEntry[]; total: number; unread: number }> {
    return this.d.recipients.inbox(query.tenantId, query.userId, { page: query.page, pageSize: query.pageSize });
  }
}

/** One message of the member's inbox; someone else's message is not found, exactly like a missing one. */
export class GetInboxMessage {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients' | 'messages'>) {}

  async execute(query: Member & { messageId: string }): Promise<Result<InboxEntry, NotFound>> {
    const mine = await this.d.recipients.of(query.tenantId, query.messageId, query.userId);
    const message = mine ? await this.d.messages.byId(query.tenantId, query.messageId) : null;
    if (!mine || !message || message.status !== 'sent') return fail(new NotFound('Message'));
    return ok({ message, ...mine });
  }
}

export class MarkRead {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients' | 'messages' | 'clock'>) {}

  async execute(command: Member & { messageId: string }): Promise<Result<void, NotFound>> {
    const mine = await this.d.recipients.of(command.tenantId, command.messageId, command.userId);
    const message = mine ? await this.d.messages.byId(command.tenantId, command.messageId) : null;
    if (!mine || !message || message.status !== 'sent') return fail(new NotFound('Message'));
    if (!mine.readAt) await this.d.recipients.markRead(command.tenantId, command.messageId, command.userId, this.d.clock.now());
    return ok(undefined);
  }
}

/**
 * One answer per recipient, changeable until the call-up closes; a non-recipient finds no such
 * message. An answer that reaches the goal of a call-up that closes itself closes it.
 */
export class AnswerCallUp {
  constructor(private readonly d: Pick<MessagingDeps, 'recipients' | 'messages' | 'waves' | 'people' | 'outbox' | 'clock' | 'tenants' | 'transactions' | 'onError'>, private readonly fanOut: FanOut) {}

  async execute(command: Member & { messageId: string; option: string }): Promise<Result<{ answer: string }, NotFound | NotACallUp | CallUpClosed | UnknownAnswer>> {
    const mine = await this.d.recipients.of(command.tenantId, command.messageId, command.userId);
    const message = mine ? await this.d.messages.byId(command.tenantId, command.messageId) : null;
    if (!mine || !message || message.status !== 'sent') return fail(new NotFound('Message'));
    const now = this.d.clock.now();
    const checked = message.checkAnswer(command.option, now);
    if (!checked.ok) return checked;
    await this.d.recipients.answer(command.tenantId, message.id, command.userId, checked.value, now);
    if (message.goal?.autoClose && message.goal.option === checked.value) await closeIfGoalReached(this.d, this.fanOut, command.tenantId, message.id);
    return ok({ answer: checked.value });
  }
}
