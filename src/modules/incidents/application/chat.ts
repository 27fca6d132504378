import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ChatMessage } from '../domain/chat-message.js';
import { IncidentClosed } from '../domain/incident.errors.js';
import { LogEntry } from '../domain/log-entry.js';
import { linkHash } from './chain-hash.js';
import { nameOf, participate, viewIncident, participateInOpen, type ContributionRefused } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';
import { authorsFiles, replayed } from './log.js';

/** A chat message of a participant (text and/or photos they uploaded); a retry with its client id gets the first one. */
export class PostChatMessage {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'chat' | 'people' | 'media' | 'chatNews' | 'clock'>) {}

  async execute(command: { actor: Actor; incidentId: string; text: string; mediaIds: string[]; clientId: string | null; observedAt: Date | null }): Promise<
    Result<{ message: ChatMessage; replayed: boolean }, ContributionRefused>
  > {
    const { actor } = command;
    const view = await participate(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    const { userId, member } = view.value;
    const find = () => this.d.chat.byClientId(actor.tenantId, userId, command.clientId!);
    if (command.clientId) {
      const replay = await replayed(find, command.incidentId);
      if (replay) return replay.ok ? ok({ message: replay.value.entry, replayed: true }) : replay;
    }
    const open = view.value.incident.assertOpen();
    if (!open.ok) return open;
    const media = await authorsFiles(this.d, actor.tenantId, userId, command.mediaIds);
    if (!media.ok) return media;
    // Takes the incident's lock: a concurrent post with the same client id has committed by now (and is found) or waits for this one.
    const next = await this.d.chat.nextChange(actor.tenantId, command.incidentId);
    if (next === null) return fail(new IncidentClosed());
    if (command.clientId) {
      const late = await replayed(find, command.incidentId);
      if (late) return late.ok ? ok({ message: late.value.entry, replayed: true }) : late;
    }
    const posted = ChatMessage.post(
      {
        tenantId: actor.tenantId,
        incidentId: command.incidentId,
        seq: next.seq,
        changeSeq: next.change,
        author: { id: userId, name: member?.name ?? (await nameOf(this.d, actor.tenantId, userId)) },
        text: command.text,
        media: media.value,
        clientId: command.clientId,
        observedAt: command.observedAt,
      },
      this.d.clock.now(),
    );
    if (!posted.ok) return posted;
    this.d.chat.add(posted.value);
    this.d.chatNews.announce(actor.tenantId, command.incidentId, next.change);
    return ok({ message: posted.value, replayed: false });
  }
}

/** The chat, for every participant of the incident (no team filter: the chat is the whole incident's). */
export class ListChatMessages {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'chat' | 'clock'>) {}

  async execute(query: { actor: Actor; incidentId: string; after?: number; limit?: number }): Promise<Result<ChatMessage[], NotFound>> {
    const view = await viewIncident(this.d, query.actor, query.incidentId);
    if (!view.ok) return view;
    return ok(await this.d.chat.list(query.actor.tenantId, query.incidentId, { ...(query.after !== undefined ? { afterSeq: query.after } : {}), limit: query.limit ?? 200 }));
  }
}

/**
 * The coordinator takes a chat message into the log: a new entry, chained like any other, with the
 * message's text and photos, citing it. Once promoted, promoting again gives that entry back.
 */
export class PromoteChatMessage {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'chat' | 'people' | 'live' | 'chatNews' | 'clock'>) {}

  async execute(command: { actor: Actor; incidentId: string; messageId: string; classification: string | null; labels: string[] }): Promise<
    Result<{ entry: LogEntry; replayed: boolean }, ContributionRefused>
  > {
    const { actor } = command;
    const view = await participateInOpen(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    // The chat's change number first: it takes the incident's lock, so the message read next shows
    // a concurrent promotion that committed, and the log's number below is taken under it too.
    const chatChange = await this.d.chat.nextChange(actor.tenantId, command.incidentId);
    if (chatChange === null) return fail(new IncidentClosed());
    const message = await this.d.chat.byId(actor.tenantId, command.incidentId, command.messageId);
    if (!message) return fail(new NotFound('Chat message'));
    if (message.promotedEntryId) {
      const entry = await this.d.log.byId(actor.tenantId, command.incidentId, message.promotedEntryId);
      if (entry) return ok({ entry, replayed: true });
    }
    const next = await this.d.incidents.nextSeq(actor.tenantId, command.incidentId);
    if (next === null) return fail(new IncidentClosed());
    const { userId, member } = view.value;
    const posted = LogEntry.post(
      {
        tenantId: actor.tenantId,
        incidentId: command.incidentId,
        seq: next.seq,
        prevHash: next.head,
        author: { id: userId, name: member?.name ?? (await nameOf(this.d, actor.tenantId, userId)), teamId: member?.teamId ?? null, teamName: member?.teamName ?? null, role: member?.role ?? null },
        text: message.citation(),
        media: message.media,
        classification: command.classification,
        labels: command.labels,
        corrects: null,
        citesChatMessageId: message.id,
      },
      view.value.setup,
      this.d.clock.now(),
      linkHash,
    );
    if (!posted.ok) return posted;
    await this.d.log.append(posted.value);
    message.promoted(posted.value.id, actor.actorId, chatChange.change, this.d.clock.now());
    this.d.chat.save(message);
    this.d.live.announce(actor.tenantId, command.incidentId, next.seq);
    this.d.chatNews.announce(actor.tenantId, command.incidentId, chatChange.change);
    return ok({ entry: posted.value, replayed: false });
  }
}

export interface ChatSubscription {
  actor: Actor;
  tenantId: string;
  incidentId: string;
}

/** The chat live: the log's mechanism (read from the database after the last id sent, woken by announcements). */
export class ChatFeed {
  constructor(private readonly d: Pick<IncidentsDeps, 'inTenant' | 'incidents' | 'chat' | 'chatNews' | 'clock'>) {}

  async open(query: { actor: Actor; incidentId: string }): Promise<Result<ChatSubscription, NotFound>> {
    const view = await viewIncident(this.d, query.actor, query.incidentId);
    if (!view.ok) return view;
    return ok({ actor: query.actor, tenantId: query.actor.tenantId, incidentId: query.incidentId });
  }

  /** Whether the follower is still a participant, in a transaction of its own. */
  recheck(subscription: ChatSubscription): Promise<boolean> {
    return this.d.inTenant(subscription.tenantId, async () => (await viewIncident(this.d, subscription.actor, subscription.incidentId)).ok);
  }

  changes(subscription: ChatSubscription, after: number, limit = 500): Promise<{ changes: ChatMessage[]; scannedUpTo: number }> {
    return this.d.inTenant(subscription.tenantId, async () => {
      const changes = await this.d.chat.list(subscription.tenantId, subscription.incidentId, { afterChange: after, limit });
      return { changes, scannedUpTo: changes.length === limit ? changes.at(-1)!.changeSeq : -1 };
    });
  }

  listen(subscription: ChatSubscription, listener: (changeSeq: number) => void): Promise<() => Promise<void>> {
    return this.d.chatNews.listen(subscription.tenantId, subscription.incidentId, listener);
  }
}
