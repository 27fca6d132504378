import { personalDataRead } from '../../../platform/audit/personal-data-read.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { Message } from '../domain/message.js';
import type { MessageCounts } from '../ports.js';
import type { Actor, MessagingDeps } from './deps.js';

export class ListMessages {
  constructor(private readonly d: Pick<MessagingDeps, 'messages'>) {}

  execute(query: { tenantId: string; page: number; pageSize: number }): Promise<{ items: Message[]; total: number }> {
    return this.d.messages.list(query.tenantId, query);
  }
}

/** A sent message with its counts: recipients, delivered, read, answers per option. No names: no personal data. */
export class GetMessageStats {
  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'recipients'>) {}

  async execute(query: { tenantId: string; messageId: string }): Promise<Result<{ message: Message; counts: MessageCounts }, NotFound>> {
    const message = await this.d.messages.byId(query.tenantId, query.messageId);
    if (!message) return fail(new NotFound('Message'));
    return ok({ message, counts: await this.d.recipients.counts(query.tenantId, message.id) });
  }
}

export interface ResponseView {
  userId: string;
  name: string;
  delivered: boolean;
  devices: Array<{ platform: string | null; status: string; reason: string | null }>;
  readAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
}

/**
 * Who received, read and answered what: personal data of each recipient shown, so every
 * person on the page is recorded in the audit log as read by the sender.
 */
export class ListResponses {
  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'recipients' | 'people' | 'audit'>) {}

  async execute(query: { actor: Actor; messageId: string; page: number; pageSize: number; answer?: string }): Promise<Result<{ items: ResponseView[]; total: number }, NotFound>> {
    const { actor } = query;
    const message = await this.d.messages.byId(actor.tenantId, query.messageId);
    if (!message) return fail(new NotFound('Message'));
    const page = await this.d.recipients.responses(actor.tenantId, message.id, { page: query.page, pageSize: query.pageSize, ...(query.answer ? { answer: query.answer } : {}) });
    const names = await this.d.people.names(actor.tenantId, page.items.map((row) => row.userId));
    for (const row of page.items) this.d.audit.record(personalDataRead(actor, { type: 'user', id: row.userId }, 'message_responses'));
    return ok({ total: page.total, items: page.items.map((row) => ({ ...row, name: names.get(row.userId) ?? '(removed)' })) });
  }
}
