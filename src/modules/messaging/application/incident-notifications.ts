import type { IncidentActionAssigned, IncidentMembersLinked } from '../../incidents/domain/events.js';
import { NoRecipients } from '../domain/messaging.errors.js';
import type { SendMessage } from './send-message.js';

/** A message's limits (Message.compose): an incident's longer title or description is cut to fit, with an ellipsis. */
const TITLE_MAX = 120;
const BODY_MAX = 4000;

function fit(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let cut = trimmed.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half a surrogate pair
  return `${cut.trimEnd()}…`;
}

/**
 * Tells people what an incident asks of them, through the same send use case as the console, in
 * the publisher's transaction: nobody is linked or assigned without the message and inbox entry.
 */
export class IncidentNotifications {
  constructor(private readonly send: SendMessage) {}

  async membersLinked(event: IncidentMembersLinked): Promise<void> {
    if (event.userIds.length === 0) return;
    const plain = {
      tenantId: event.tenantId,
      senderType: 'user' as const,
      senderId: event.linkedBy,
      // The text is the template's filled in already (by the incident); cut to fit either way.
      title: fit(event.exercise ? `OEFENING: ${event.title}` : event.title, TITLE_MAX),
      body: fit(event.body, BODY_MAX),
      audience: { everyone: false, groupIds: [], userIds: [...event.userIds] },
      source: `incident:${event.incidentId}`,
    };
    if (event.messageTemplateId) {
      // The template brings its options, goal, waves and priority (an urgent incident stays urgent).
      const templated = await this.send.execute({ ...plain, templateId: event.messageTemplateId, placeholders: event.placeholders ?? {}, ...(event.priority === 'urgent' ? { priority: 'urgent' as const } : {}) });
      if (templated.ok || templated.error instanceof NoRecipients) return;
      // A goal beyond the people linked, or a wave whose group is gone since, must not keep them
      // from being told: the same text goes out as a plain message.
    }
    this.check(await this.send.execute({ ...plain, priority: event.priority }));
  }

  async actionAssigned(event: IncidentActionAssigned): Promise<void> {
    if (event.userIds.length === 0) return;
    const sent = await this.send.execute({
      tenantId: event.tenantId,
      senderType: 'user',
      senderId: event.assignedBy,
      title: fit(event.title, TITLE_MAX),
      body: fit(event.body, BODY_MAX),
      priority: 'normal',
      audience: { everyone: false, groupIds: [], userIds: [...event.userIds] },
      source: `incident:${event.incidentId}:action:${event.actionId}`,
    });
    this.check(sent);
  }

  /**
   * People linked or assigned of whom none is active (deactivated, or invited and not yet activated) have nobody to tell: that must not undo the
   * incident's change. Any other failure (an unknown user) is a bug of the publisher: it rolls back.
   */
  private check(sent: Awaited<ReturnType<SendMessage['execute']>>): void {
    if (!sent.ok && !(sent.error instanceof NoRecipients)) throw sent.error;
  }
}
