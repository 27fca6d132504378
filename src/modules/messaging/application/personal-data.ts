import type { DataSubject, PersonalDataHolder } from '../../../platform/privacy/personal-data.js';
import type { MessagingDeps } from './deps.js';

/**
 * What messaging holds about a person: the messages they received with read and answer state,
 * and their devices. Erasure removes the devices (and tokens) and the person's recipient rows
 * with their answers; a message's counts lose that person, its anonymous text stays.
 */
export class MessagingPersonalData implements PersonalDataHolder {
  readonly category = 'messages';

  constructor(private readonly d: Pick<MessagingDeps, 'recipients' | 'devices'>) {}

  async exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]> {
    const received = await this.d.recipients.ofUser(subject.tenantId, subject.userId);
    const devices = await this.d.devices.ofUser(subject.tenantId, subject.userId);
    return [
      ...received.map((entry) => ({
        type: 'message_received',
        messageId: entry.message.id,
        title: entry.message.title,
        body: entry.message.body,
        sentAt: entry.message.sentAt?.toISOString() ?? null,
        readAt: entry.readAt?.toISOString() ?? null,
        answer: entry.answer,
        answeredAt: entry.answeredAt?.toISOString() ?? null,
      })),
      ...devices.map((device) => ({
        type: 'device',
        deviceId: device.id,
        platform: device.platform,
        appVersion: device.appVersion,
        registeredAt: device.createdAt.toISOString(),
        disabled: device.disabledAt !== null,
      })),
    ];
  }

  async eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    await this.d.devices.removeAllOf(subject.tenantId, subject.userId);
    await this.d.recipients.forgetUser(subject.tenantId, subject.userId);
  }
}
