import { MESSAGE_BODY_MAX, MESSAGE_TITLE_MAX, type Priority } from '../domain/message.js';
import { NoRecipients } from '../domain/messaging.errors.js';
import type { SendMessage } from './send-message.js';

/** What another module tells people: its own words; this module only delivers them. */
export interface Notification {
  tenantId: string;
  /** The user on whose behalf it is sent: the message's sender. */
  senderId: string;
  userIds: readonly string[];
  title: string;
  body: string;
  priority: Priority;
  /** The sending module's reference to what it is about, stored on the message as is. */
  source: string;
  /** Send from this template (its options, goal, waves and priority), with the text above as its text. */
  template?: { id: string; placeholders: Readonly<Record<string, string>> } | null;
}

/** A longer text is cut to a message's bounds, with an ellipsis, rather than refused. */
function fit(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let cut = trimmed.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half a surrogate pair
  return `${cut.trimEnd()}…`;
}

/**
 * Tells people something another module decided they must hear, through the same send use case as
 * the console, in the caller's transaction: what the caller changes and the message commit or roll
 * back together.
 */
export class NotifyPeople {
  constructor(private readonly send: SendMessage) {}

  async execute(notification: Notification): Promise<void> {
    if (notification.userIds.length === 0) return;
    const plain = {
      tenantId: notification.tenantId,
      senderType: 'user' as const,
      senderId: notification.senderId,
      title: fit(notification.title, MESSAGE_TITLE_MAX),
      body: fit(notification.body, MESSAGE_BODY_MAX),
      audience: { everyone: false, groupIds: [], userIds: [...notification.userIds] },
      source: notification.source,
    };
    if (notification.template) {
      // An urgent notification stays urgent whatever the template's priority.
      const urgent = notification.priority === 'urgent' ? { priority: 'urgent' as const } : {};
      const templated = await this.send.execute({ ...plain, templateId: notification.template.id, placeholders: { ...notification.template.placeholders }, ...urgent });
      if (templated.ok || templated.error instanceof NoRecipients) return;
      // A goal beyond the people told, or a wave whose group is gone since, must not keep them
      // from being told: the same text goes out as a plain message.
    }
    this.check(await this.send.execute({ ...plain, priority: notification.priority }));
  }

  /**
   * People of whom none is active (deactivated, or invited and not yet activated) have nobody to
   * tell: that must not undo the caller's change. Any other failure (an unknown user) is a bug of
   * the caller: it rolls back.
   */
  private check(sent: Awaited<ReturnType<SendMessage['execute']>>): void {
    if (!sent.ok && !(sent.error instanceof NoRecipients)) throw sent.error;
  }
}
