import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidIncidentInput } from './incident.errors.js';
import { checkObservedAt, IncidentPost, type EntryMedia } from './log-entry.js';

/**
 * A message of an incident's chat: the informal talk beside the formal log. Not evidence, so it
 * is outside the log chain; a coordinator who finds it matters promotes it to a log entry, which
 * cites it, and the message then points to that entry.
 */
export class ChatMessage extends IncidentPost {
  promotedEntryId!: string | null;
  promotedBy!: string | null;
  promotedAt!: Date | null;

  static post(
    props: { tenantId: string; incidentId: string; seq: number; changeSeq: number; author: { id: string; name: string }; text: string; media: EntryMedia[]; clientId: string | null; observedAt: Date | null },
    now: Date,
  ): Result<ChatMessage, InvalidIncidentInput> {
    const observed = checkObservedAt(props.observedAt, now);
    if (!observed.ok) return observed;
    const text = props.text.trim();
    if (!text && props.media.length === 0) return fail(new InvalidIncidentInput('text', 'must not be empty when no photos are attached'));
    const message = new ChatMessage();
    Object.assign(message, {
      id: randomUUID(),
      tenantId: props.tenantId,
      incidentId: props.incidentId,
      seq: props.seq,
      changeSeq: props.changeSeq,
      authorId: props.author.id,
      authorName: props.author.name,
      text,
      media: props.media,
      createdAt: now,
      clientId: props.clientId,
      observedAt: observed.value,
      promotedEntryId: null,
      promotedBy: null,
      promotedAt: null,
    });
    return ok(message);
  }

  /** Taken into the log as `entryId`; the new change number lets live chats show it. */
  promoted(entryId: string, by: string, changeSeq: number, now: Date): void {
    Object.assign(this, { promotedEntryId: entryId, promotedBy: by, promotedAt: now, changeSeq });
  }

  /**
   * The promoted entry's text: when it was said in the chat, then what. Never the author's name:
   * an entry's text is hashed into the chain and could not be pseudonymised on erasure; the
   * entry cites the message, which names its author.
   */
  citation(): string {
    const at = this.createdAt.toISOString().replace('T', ' ').slice(0, 16);
    return `Uit de chat (${at} UTC): ${this.text}`.trim();
  }
}
