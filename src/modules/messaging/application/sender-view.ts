import { personalDataRead } from '../../../platform/audit/personal-data-read.js';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import type { CallUpState, Message, Wave } from '../domain/message.js';
import { UnknownAudience } from '../domain/messaging.errors.js';
import type { AnswerChannel, MessageCounts } from '../ports.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { MessagingDeps } from './deps.js';

export class ListMessages {
  constructor(private readonly d: Pick<MessagingDeps, 'messages'>) {}

  execute(query: { tenantId: string; page: number; pageSize: number }): Promise<{ items: Message[]; total: number }> {
    return this.d.messages.list(query.tenantId, query);
  }
}

export interface CallUpView {
  state: CallUpState;
  /** Answers of the goal's option so far, and how many are still needed (null without a goal). */
  progress: { answers: number; needed: number } | null;
  waves: Wave[];
}

export interface MessageStatsView {
  message: Message;
  counts: MessageCounts;
  callUp: CallUpView | null;
}

/** A sent message with its counts: recipients, delivered, read, answers per option; for a call-up its state, progress and waves. No names: no personal data. */
export class GetMessageStats {
  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'recipients' | 'waves' | 'clock'>) {}

  async execute(query: { tenantId: string; messageId: string }): Promise<Result<MessageStatsView, NotFound>> {
    // Waves before the message and its counts: each statement sees its own snapshot, and a wave
    // commits with its recipients, so a wave shown as sent is never shown with the people before it.
    const waves = await this.d.waves.of(query.tenantId, query.messageId);
    const message = await this.d.messages.byId(query.tenantId, query.messageId);
    if (!message) return fail(new NotFound('Message'));
    const counts = await this.d.recipients.counts(query.tenantId, message.id);
    if (!message.isCallUp()) return ok({ message, counts, callUp: null });
    const answers = message.goal ? (counts.answers[message.goal.option] ?? 0) : 0;
    return ok({
      message,
      counts,
      callUp: {
        state: message.state(answers, this.d.clock.now()),
        progress: message.goal ? { answers, needed: Math.max(0, message.goal.count - answers) } : null,
        waves,
      },
    });
  }
}

/** Whom an audience reaches if a message went out now, counted the way SendMessage fixes its recipients. Nothing stored. */
export class PreviewReach {
  constructor(private readonly d: Pick<MessagingDeps, 'people' | 'devices'>) {}

  async execute(query: { tenantId: string; audience: { everyone: boolean; groupIds: string[]; userIds: string[] } }): Promise<Result<{ people: number; devices: number }, UnknownAudience>> {
    const audience = { everyone: query.audience.everyone, groupIds: [...new Set(query.audience.groupIds)], userIds: [...new Set(query.audience.userIds)] };
    const missingGroups = await this.d.people.missingGroups(query.tenantId, audience.groupIds);
    const missingUsers = await this.d.people.missingUsers(query.tenantId, audience.userIds);
    if (missingGroups.length + missingUsers.length > 0) {
      return fail(
        new UnknownAudience([
          ...missingGroups.map((id) => ({ pointer: `/body/groupIds/${audience.groupIds.indexOf(id)}`, id })),
          ...missingUsers.map((id) => ({ pointer: `/body/userIds/${audience.userIds.indexOf(id)}`, id })),
        ]),
      );
    }
    const userIds = await this.d.people.audienceIds(query.tenantId, audience);
    return ok({ people: userIds.length, devices: await this.d.devices.countOf(query.tenantId, userIds) });
  }
}

export interface ResponseView {
  userId: string;
  wave: number;
  name: string;
  delivered: boolean;
  devices: Array<{ platform: string | null; status: string; reason: string | null }>;
  channels: Array<{ channel: string; status: string; reason: string | null; at: Date }>;
  answeredVia: AnswerChannel | null;
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

  async execute(query: { actor: Actor; messageId: string; page: number; pageSize: number; answer?: string; unanswered?: boolean }): Promise<Result<{ items: ResponseView[]; total: number }, NotFound>> {
    const { actor } = query;
    const message = await this.d.messages.byId(actor.tenantId, query.messageId);
    if (!message) return fail(new NotFound('Message'));
    const page = await this.d.recipients.responses(actor.tenantId, message.id, { page: query.page, pageSize: query.pageSize, ...(query.answer ? { answer: query.answer } : {}), ...(query.unanswered ? { unanswered: true } : {}) });
    const names = await this.d.people.names(actor.tenantId, page.items.map((row) => row.userId));
    for (const row of page.items) this.d.audit.record(personalDataRead(actor, { type: 'user', id: row.userId }, 'message_responses'));
    return ok({ total: page.total, items: page.items.map((row) => ({ ...row, name: names.get(row.userId) ?? '(removed)' })) });
  }
}
