import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { checkWaves, Message, type Audience, type MessageFormat, type Priority } from '../domain/message.js';
import type { InvalidMessage, MessageAlreadySent } from '../domain/messaging.errors.js';
import { EmptyWave, GoalBeyondAudience, NoRecipients, UnknownAudience } from '../domain/messaging.errors.js';
import { NotFound } from '../../../platform/domain/errors.js';
import type { PlaceholderValues } from '../domain/message-template.js';
import type { MissingPlaceholderValue } from '../domain/messaging.errors.js';
import type { MessagingDeps } from './deps.js';
import type { FanOut } from './fan-out.js';

export interface SendMessageCommand {
  tenantId: string;
  senderType: 'user' | 'api_key' | 'system';
  senderId: string;
  /** Send from this template: its fields, placeholders filled from `placeholders`, unless given here. */
  templateId?: string | null;
  placeholders?: PlaceholderValues;
  /** Required without a template. */
  title?: string;
  body?: string;
  format?: MessageFormat;
  priority?: Priority;
  answerOptions?: string[];
  audience: Audience;
  scheduledAt?: Date | null;
  closesAt?: Date | null;
  source?: string | null;
  /** A call-up's goal: so many answers of one option, optionally by a deadline, optionally closing itself. */
  goal?: { option: string; count: number; by?: Date | null; autoClose?: boolean } | null;
  /** Later waves: called so many minutes after the call-up goes out unless its goal is reached or it closed. */
  waves?: Array<{ afterMinutes: number; audience: Audience; remind?: boolean }>;
}

/**
 * Composes and sends (or schedules) a message in the caller's transaction: the message, one
 * recipient row per user the audience reaches now (for a scheduled message: when it goes out),
 * and an outbox entry. Once the transaction
 * has committed, the fan-out moves the entry into delivery jobs.
 */
export class SendMessage {
  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'templates' | 'recipients' | 'outbox' | 'people' | 'waves' | 'clock' | 'transactions' | 'onError'>, private readonly fanOut: FanOut) {}

  async execute(given: SendMessageCommand): Promise<Result<Message, InvalidMessage | NoRecipients | UnknownAudience | GoalBeyondAudience | EmptyWave | NotFound | MissingPlaceholderValue>> {
    const now = this.d.clock.now();
    let command = given;
    if (given.templateId) {
      const template = await this.d.templates.byId(given.tenantId, given.templateId);
      if (!template) return fail(new NotFound('Message template'));
      const filled = template.fill(given.placeholders ?? {});
      if (!filled.ok) return filled;
      // What the request gives overrides the template's, field by field (goal and waves as a whole).
      const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as SendMessageCommand;
      command = {
        title: filled.value.title,
        body: filled.value.body,
        format: template.format,
        priority: template.priority,
        answerOptions: template.answerOptions,
        goal: template.goalFrom(given.scheduledAt ?? now),
        waves: template.waves,
        ...defined,
      };
    }
    const audience = { everyone: command.audience.everyone, groupIds: [...new Set(command.audience.groupIds)], userIds: [...new Set(command.audience.userIds)] };
    const composed = Message.compose(
      {
        tenantId: command.tenantId,
        senderType: command.senderType,
        senderId: command.senderId,
        title: command.title ?? '',
        body: command.body ?? '',
        format: command.format ?? 'plain',
        priority: command.priority ?? 'normal',
        answerOptions: command.answerOptions ?? [],
        audience,
        scheduledAt: command.scheduledAt ?? null,
        closesAt: command.closesAt ?? null,
        source: command.source ?? null,
        goal: command.goal ? { option: command.goal.option, count: command.goal.count, by: command.goal.by ?? null, autoClose: command.goal.autoClose ?? false } : null,
      },
      now,
    );
    if (!composed.ok) return composed;
    const message = composed.value;
    const waves = checkWaves(command.waves ?? [], message.isCallUp());
    if (!waves.ok) return waves;
    const missing: Array<{ pointer: string; id: string }> = [];
    for (const [prefix, wanted] of [['/audience', audience] as const, ...waves.value.map((wave, index) => [`/waves/${index}/audience`, wave.audience] as const)]) {
      const missingGroups = await this.d.people.missingGroups(command.tenantId, wanted.groupIds);
      const missingUsers = await this.d.people.missingUsers(command.tenantId, wanted.userIds);
      missing.push(
        ...missingGroups.map((id) => ({ pointer: `${prefix}/groupIds/${wanted.groupIds.indexOf(id)}`, id })),
        ...missingUsers.map((id) => ({ pointer: `${prefix}/userIds/${wanted.userIds.indexOf(id)}`, id })),
      );
    }
    if (missing.length > 0) return fail(new UnknownAudience(missing));
    const userIds = await this.d.people.audienceIds(command.tenantId, audience);
    if (userIds.length === 0) return fail(new NoRecipients());
    const everyone = new Set(userIds);
    for (const [index, wave] of waves.value.entries()) {
      const onlyReminds = wave.remind && !wave.audience.everyone && wave.audience.groupIds.length === 0 && wave.audience.userIds.length === 0;
      const reached = onlyReminds ? [] : await this.d.people.audienceIds(command.tenantId, wave.audience);
      if (reached.length === 0 && !onlyReminds) return fail(new EmptyWave(index));
      for (const id of reached) everyone.add(id);
    }
    if (message.goal && message.goal.count > everyone.size) return fail(new GoalBeyondAudience(message.goal.count, everyone.size));
    // A message going out now is fixed to who the audience reaches now. A scheduled one is fixed
    // when it goes out (the fan-out writes its recipients then): whoever joined the group by then
    // gets it; until then the count is what the audience reaches today.
    message.recipientCount = userIds.length;
    this.d.messages.add(message);
    await this.d.waves.add(command.tenantId, message.id, waves.value, message.dueAt());
    if (!message.scheduledAt) {
      message.markSent(now);
      await this.d.recipients.addAll(command.tenantId, message.id, userIds, now);
    }
    await this.d.outbox.add(command.tenantId, message.id, message.dueAt());
    if (!message.scheduledAt) {
      // After the commit, in a transaction of its own: a rollback leaves no outbox entry to find.
      // A failure there (Redis away) is not the sender's: the worker's sweep finds the entry again.
      this.d.transactions.afterwards(command.tenantId, () =>
        this.fanOut.dispatchInCurrentTransaction(command.tenantId).then(
          () => undefined,
          (error: unknown) => this.d.onError(error, 'dispatch after send'),
        ),
      );
    }
    return ok(message);
  }
}

export class CancelMessage {
  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'outbox' | 'clock'>) {}

  async execute(command: { tenantId: string; messageId: string }): Promise<Result<Message, NotFound | MessageAlreadySent>> {
    const message = await this.d.messages.byId(command.tenantId, command.messageId, { forUpdate: true });
    if (!message) return fail(new NotFound('Message'));
    const cancelled = message.cancel(this.d.clock.now());
    if (!cancelled.ok) return cancelled;
    await this.d.outbox.remove(command.tenantId, message.id);
    return ok(message);
  }
}
