import { tableSchema, tenantOwnedSchema, timestamps, timestamp, optionalTimestamp, keyUuid } from '../../../platform/database/entity-schema.js';
import { Device } from '../domain/device.js';
import { Message } from '../domain/message.js';
import { MessageTemplate } from '../domain/message-template.js';

/** The key of a row of one message (its recipients, waves, deliveries and outbox entry) begins with the tenant and the message. */
const messageRowKey = { tenantId: keyUuid, messageId: keyUuid } as const;

export const MessageSchema = tenantOwnedSchema(Message, 'messages', {
  senderType: { type: 'string', length: 16 },
  senderId: { type: 'uuid' },
  title: { type: 'string', length: 120 },
  body: { type: 'text' },
  format: { type: 'string', length: 16 },
  priority: { type: 'string', length: 16 },
  answerOptions: { type: 'json' },
  audience: { type: 'json' },
  status: { type: 'string', length: 16 },
  scheduledAt: optionalTimestamp,
  sentAt: optionalTimestamp,
  closesAt: optionalTimestamp,
  cancelledAt: optionalTimestamp,
  source: { type: 'string', length: 200, nullable: true },
  goal: { type: 'json', nullable: true },
  closedAt: optionalTimestamp,
  recipientCount: { type: 'integer' },
  dispatchRound: { type: 'integer' },
  createdAt: timestamp,
}, {
  indexes: [{ name: 'messages_tenant_created_index', properties: ['tenantId', 'createdAt'] }],
});

/** One row per recipient, fixed at send time; read and answer state live here. */
export interface MessageRecipientRow {
  tenantId: string;
  messageId: string;
  userId: string;
  listedAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
  /** The device's id for the answer it sent last, so a retry of it changes nothing. */
  answerClientId: string | null;
  /** When the device says the answer was given (its own clock), kept beside answeredAt. */
  answerObservedAt: Date | null;
  /** Which wave of a call-up reached the person (1 for every plain message). */
  wave: number;
  /** How the answer came in: the app, or the answer link of a text or mail (sms, email). */
  answeredVia: string | null;
}

export const MessageRecipientSchema = tableSchema<MessageRecipientRow>('MessageRecipient', 'message_recipients', {
  ...messageRowKey,
  userId: keyUuid,
  listedAt: timestamp,
  deliveredAt: optionalTimestamp,
  readAt: optionalTimestamp,
  answer: { type: 'string', length: 60, nullable: true },
  answeredAt: optionalTimestamp,
  answerClientId: { type: 'uuid', nullable: true },
  answerObservedAt: optionalTimestamp,
  wave: { type: 'smallint', default: 1 },
  answeredVia: { type: 'string', length: 8, nullable: true },
}, {
  indexes: [{ name: 'message_recipients_inbox_index', properties: ['tenantId', 'userId', 'listedAt'] }],
});

/** A later wave of a call-up. sent_at is set in the transaction that adds its recipients: a wave goes once. */
export interface CallUpWaveRow {
  tenantId: string;
  messageId: string;
  position: number;
  afterMinutes: number;
  audience: unknown;
  dueAt: Date;
  sentAt: Date | null;
  cancelledAt: Date | null;
  recipientCount: number;
  /** The wave also reminds those reached before who have not answered. */
  remind: boolean;
}

export const CallUpWaveSchema = tableSchema<CallUpWaveRow>('CallUpWave', 'call_up_waves', {
  ...messageRowKey,
  position: { type: 'smallint', primary: true },
  afterMinutes: { type: 'integer' },
  audience: { type: 'json' },
  dueAt: timestamp,
  sentAt: optionalTimestamp,
  cancelledAt: optionalTimestamp,
  recipientCount: { type: 'integer', default: 0 },
  remind: { type: 'boolean', default: false },
}, {
  indexes: [{ name: 'call_up_waves_due_index', properties: ['tenantId', 'dueAt'] }],
});

/**
 * A recipient reached through another channel than push (SMS): one row per message, person and
 * channel, so a person gets at most one text per call-up whatever restarts. reference is ours,
 * sent with the text; the provider's delivery report names it.
 */
export interface FallbackDeliveryRow {
  tenantId: string;
  messageId: string;
  userId: string;
  channel: string;
  status: string;
  reason: string | null;
  address: string | null;
  reference: string;
  /** The answer link's key (with the tenant and a MAC it makes the link's token); null for rows from before links. */
  linkKey: string | null;
  attempts: number;
  createdAt: Date;
  claimedAt: Date | null;
  sentAt: Date | null;
  reportedAt: Date | null;
}

export const FallbackDeliverySchema = tableSchema<FallbackDeliveryRow>('FallbackDelivery', 'fallback_deliveries', {
  ...messageRowKey,
  userId: keyUuid,
  channel: { type: 'string', length: 16, primary: true },
  status: { type: 'string', length: 24 },
  reason: { type: 'string', length: 300, nullable: true },
  address: { type: 'string', length: 32, nullable: true },
  reference: { type: 'string', length: 32 },
  linkKey: { type: 'string', length: 16, nullable: true },
  attempts: { type: 'integer', default: 0 },
  createdAt: timestamp,
  claimedAt: optionalTimestamp,
  sentAt: optionalTimestamp,
  reportedAt: optionalTimestamp,
}, {
  uniques: [
    { name: 'fallback_deliveries_reference_unique', properties: ['tenantId', 'reference'] },
    { name: 'fallback_deliveries_link_key_unique', properties: ['tenantId', 'linkKey'] },
  ],
  indexes: [{ name: 'fallback_deliveries_pending_index', properties: ['tenantId', 'status', 'createdAt'] }],
});

export const DeviceSchema = tenantOwnedSchema(Device, 'push_devices', {
  userId: { type: 'uuid' },
  platform: { type: 'string', length: 16 },
  token: { type: 'text' },
  appVersion: { type: 'string', length: 32 },
  disabledAt: optionalTimestamp,
  disabledReason: { type: 'string', length: 200, nullable: true },
  ...timestamps,
}, {
  uniques: [{ name: 'push_devices_tenant_token_unique', properties: ['tenantId', 'token'] }],
  indexes: [{ name: 'push_devices_tenant_user_index', properties: ['tenantId', 'userId'] }],
});

/** The delivery key: one row per message and device, with its state (queued, sending, sent, failed). */
export interface PushDeliveryRow {
  tenantId: string;
  messageId: string;
  deviceId: string;
  userId: string;
  status: string;
  reason: string | null;
  attempts: number;
  enqueuedAt: Date;
  claimedAt: Date | null;
  doneAt: Date | null;
}

export const PushDeliverySchema = tableSchema<PushDeliveryRow>('PushDelivery', 'push_deliveries', {
  ...messageRowKey,
  deviceId: keyUuid,
  userId: { type: 'uuid' },
  status: { type: 'string', length: 16 },
  reason: { type: 'string', length: 300, nullable: true },
  attempts: { type: 'integer' },
  enqueuedAt: timestamp,
  claimedAt: optionalTimestamp,
  doneAt: optionalTimestamp,
}, {
  indexes: [{ name: 'push_deliveries_pending_index', properties: ['tenantId', 'status', 'enqueuedAt'] }],
});

export interface OutboxRow {
  tenantId: string;
  messageId: string;
  dueAt: Date;
}

export const MessageOutboxSchema = tableSchema<OutboxRow>('MessageOutbox', 'message_outbox', {
  ...messageRowKey,
  dueAt: timestamp,
}, {
  indexes: [{ name: 'message_outbox_due_index', properties: ['tenantId', 'dueAt'] }],
});

export interface AppVersionMinimumRow {
  tenantId: string;
  platform: string;
  minimumVersion: string;
  updatedAt: Date;
}

export const AppVersionMinimumSchema = tableSchema<AppVersionMinimumRow>('AppVersionMinimum', 'app_version_minimums', {
  tenantId: keyUuid,
  platform: { type: 'string', length: 16, primary: true },
  minimumVersion: { type: 'string', length: 32 },
  updatedAt: timestamp,
});

export const MessageTemplateSchema = tenantOwnedSchema(MessageTemplate, 'message_templates', {
  name: { type: 'string', length: 100 },
  title: { type: 'string', length: 120 },
  body: { type: 'text' },
  format: { type: 'string', length: 16 },
  priority: { type: 'string', length: 16 },
  answerOptions: { type: 'json' },
  goal: { type: 'json', nullable: true },
  waves: { type: 'json' },
  ...timestamps,
});

export const messagingEntities = [MessageTemplateSchema, MessageSchema, MessageRecipientSchema, DeviceSchema, PushDeliverySchema, MessageOutboxSchema, AppVersionMinimumSchema, CallUpWaveSchema, FallbackDeliverySchema];
