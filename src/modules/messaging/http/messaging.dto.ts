import type { components, RequestBody } from '../../../platform/http/contract.js';
import type { Device } from '../domain/device.js';
import type { Message } from '../domain/message.js';
import type { MessageTemplate, MessageTemplateFields } from '../domain/message-template.js';
import type { MessageStatsView, ResponseView } from '../application/sender-view.js';
import type { InboxEntry } from '../ports.js';

export const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export const audienceOf = (audience: { everyone?: boolean; groupIds?: string[]; userIds?: string[] }) => ({
  everyone: audience.everyone ?? false,
  groupIds: audience.groupIds ?? [],
  userIds: audience.userIds ?? [],
});

/** A later wave of a call-up, as a message or a template asks for it. */
export const waveOf = (wave: { afterMinutes: number; audience: Parameters<typeof audienceOf>[0]; remind?: boolean }) => ({
  afterMinutes: wave.afterMinutes,
  audience: audienceOf(wave.audience),
  remind: wave.remind ?? false,
});

export function toTemplateDto(template: MessageTemplate): components['schemas']['MessageTemplate'] {
  return {
    id: template.id,
    name: template.name,
    title: template.title,
    body: template.body,
    format: template.format,
    priority: template.priority,
    answerOptions: template.answerOptions,
    goal: template.goal
      ? {
          option: template.goal.option,
          count: template.goal.count,
          withinMinutes: template.goal.withinMinutes,
          autoClose: template.goal.autoClose,
        }
      : null,
    waves: template.waves.map((wave) => ({ afterMinutes: wave.afterMinutes, audience: wave.audience, remind: wave.remind })),
    placeholders: template.placeholders(),
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}

export function templateFields(body: RequestBody<'createMessageTemplate'>): MessageTemplateFields {
  return {
    name: body.name,
    title: body.title,
    body: body.body,
    format: body.format ?? 'plain',
    priority: body.priority ?? 'normal',
    answerOptions: body.answerOptions ?? [],
    goal: body.goal
      ? {
          option: body.goal.option,
          count: body.goal.count,
          withinMinutes: body.goal.withinMinutes ?? null,
          autoClose: body.goal.autoClose ?? false,
        }
      : null,
    waves: (body.waves ?? []).map(waveOf),
  };
}

/** What a message says, the same in the sender's view and in a recipient's inbox. */
function messageText(message: Message) {
  return {
    id: message.id,
    title: message.title,
    body: message.body,
    format: message.format,
    priority: message.priority,
    kind: message.isCallUp() ? ('call_up' as const) : ('message' as const),
    answerOptions: message.answerOptions,
  };
}

export function toMessageDto(message: Message): components['schemas']['Message'] {
  return {
    ...messageText(message),
    audience: message.audience,
    status: message.status,
    scheduledAt: iso(message.scheduledAt),
    sentAt: iso(message.sentAt),
    closesAt: iso(message.closesAt),
    cancelledAt: iso(message.cancelledAt),
    closedAt: iso(message.closedAt),
    goal: message.goal
      ? { option: message.goal.option, count: message.goal.count, by: message.goal.by, autoClose: message.goal.autoClose }
      : null,
    source: message.source,
    recipientCount: message.recipientCount,
    createdAt: message.createdAt.toISOString(),
  };
}

export function toInboxDto(entry: InboxEntry): components['schemas']['InboxMessage'] {
  const { message } = entry;
  return {
    ...messageText(message),
    sentAt: iso(message.sentAt)!,
    closesAt: iso(message.closesAt),
    readAt: iso(entry.readAt),
    answer: entry.answer,
    answeredAt: iso(entry.answeredAt),
  };
}

export function toDeviceDto(device: Device): components['schemas']['PushDevice'] {
  return {
    id: device.id,
    platform: device.platform,
    appVersion: device.appVersion,
    active: device.disabledAt === null,
    disabledReason: device.disabledReason,
    createdAt: device.createdAt.toISOString(),
    updatedAt: device.updatedAt.toISOString(),
  };
}

export const statsDto = (view: MessageStatsView): components['schemas']['MessageStats'] => ({
  message: toMessageDto(view.message),
  counts: view.counts,
  callUp: view.callUp
    ? {
        state: view.callUp.state,
        progress: view.callUp.progress,
        waves: view.callUp.waves.map((wave) => ({
          wave: wave.position,
          afterMinutes: wave.afterMinutes,
          audience: wave.audience,
          remind: wave.remind,
          dueAt: wave.dueAt.toISOString(),
          sentAt: iso(wave.sentAt),
          cancelledAt: iso(wave.cancelledAt),
          recipientCount: wave.recipientCount,
        })),
      }
    : null,
});

/** A recipient's row of a message's responses. */
export const toResponseDto = (row: ResponseView) => ({
  userId: row.userId,
  name: row.name,
  wave: row.wave,
  delivered: row.delivered,
  devices: row.devices,
  channels: row.channels.map((c) => ({ channel: c.channel, status: c.status, reason: c.reason, at: c.at.toISOString() })),
  answeredVia: row.answeredVia,
  readAt: iso(row.readAt),
  answer: row.answer,
  answeredAt: iso(row.answeredAt),
});
