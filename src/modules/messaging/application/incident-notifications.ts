import type { IncidentActionAssigned, IncidentMembersLinked } from '../../incidents/domain/events.js';
import { NoRecipients } from '../domain/messaging.errors.js';
import type { SendMessage } from './send-message.js';

/**
 * Tells people what an incident asks of them, through the same send use case as the console, in
 * the publisher's transaction: nobody is linked or assigned without the message and inbox entry.
 */
export class IncidentNotifications {
  constructor(private readonly send: SendMessage) {}

  async membersLinked(event: IncidentMembersLinked): Promise<void> {
    if (event.userIds.length === 0) return;
    const sent = await this.send.execute({
      tenantId: event.tenantId,
      senderType: 'user',
      senderId: event.linkedBy,
      title: event.exercise ? `OEFENING: ${event.title}`.slice(0, 120) : event.title,
      body: event.body,
      priority: event.priority,
      audience: { everyone: false, groupIds: [], userIds: [...event.userIds] },
      source: `incident:${event.incidentId}`,
    });
    this.check(sent);
  }

  async actionAssigned(event: IncidentActionAssigned): Promise<void> {
    if (event.userIds.length === 0) return;
    const sent = await this.send.execute({
      tenantId: event.tenantId,
      senderType: 'user',
      senderId: event.assignedBy,
      title: event.title,
      body: event.body,
      priority: 'normal',
      audience: { everyone: false, groupIds: [], userIds: [...event.userIds] },
      source: `incident:${event.incidentId}:action:${event.actionId}`,
    });
    this.check(sent);
  }

  /**
   * People linked or assigned who are all deactivated have nobody to tell: that must not undo the
   * incident's change. Any other failure (an unknown user) is a bug of the publisher: it rolls back.
   */
  private check(sent: Awaited<ReturnType<SendMessage['execute']>>): void {
    if (!sent.ok && !(sent.error instanceof NoRecipients)) throw sent.error;
  }
}
