import type { Writable } from 'node:stream';
import type { Logger } from '../../../platform/logging/logger.js';
import type { ChatFeed, ChatSubscription } from '../application/chat.js';
import type { FeedSubscription, LiveFeed } from '../application/log.js';
import type { LogEntry } from '../domain/log-entry.js';
import { toChatDto, toEntryDto } from './incident.dto.js';

/** What a live stream reads from: events after a change number, announcements, and the follower's access. */
interface EventSource {
  /** Each event's data as JSON text. */
  read(after: number): Promise<{ events: Array<{ id: number; event: string; data: string }>; scannedUpTo: number }>;
  listen(listener: (changeSeq: number) => void): Promise<() => Promise<void>>;
  recheck(): Promise<boolean>;
}

interface StreamProps {
  after: number;
  follow: boolean;
  /** The event stream, piped into the response: destroyed (and closed) when the client goes away. */
  out: Writable;
  logger: Logger;
  heartbeatMs: number;
}

/**
 * An entry as the feed sends it, made once: followers who share a read (see LiveFeed) get the same
 * entry objects, so each entry is turned into JSON once, not once per follower.
 */
const entryJson = new WeakMap<LogEntry, string>();

function entryData(entry: LogEntry): string {
  let json = entryJson.get(entry);
  if (json === undefined) {
    json = JSON.stringify(toEntryDto(entry));
    entryJson.set(entry, json);
  }
  return json;
}

export function feedStream(props: StreamProps & { feed: LiveFeed; subscription: FeedSubscription }): void {
  const { feed, subscription } = props;
  eventStream(props, subscription.incidentId, {
    read: async (after) => {
      const { changes, scannedUpTo } = await feed.changes(subscription, after);
      return { events: changes.map((c) => ({ id: c.changeSeq, event: c.removed ? 'removed' : 'entry', data: c.removed ? JSON.stringify({ id: c.entry.id }) : entryData(c.entry) })), scannedUpTo };
    },
    listen: (listener) => feed.listen(subscription, listener),
    recheck: () => feed.recheck(subscription),
  });
}

/** The incident's chat, live: the same mechanism as the log's feed. */
export function chatStream(props: StreamProps & { chat: ChatFeed; subscription: ChatSubscription }): void {
  const { chat, subscription } = props;
  eventStream(props, subscription.incidentId, {
    read: async (after) => {
      const { changes, scannedUpTo } = await chat.changes(subscription, after);
      return { events: changes.map((m) => ({ id: m.changeSeq, event: 'message', data: JSON.stringify(toChatDto(m)) })), scannedUpTo };
    },
    listen: (listener) => chat.listen(subscription, listener),
    recheck: () => chat.recheck(subscription),
  });
}

/**
 * Writes an incident's changes as server-sent events: first everything after `after` (the
 * client's Last-Event-ID), then, while the client stays, whatever any api process announces.
 * Announcements only wake the reader: it always reads from the database after the last id it
 * sent, one read at a time, so bursts coalesce and nothing is skipped or sent twice; the
 * heartbeat reads too, so even an announcement lost on the way only delays an entry, and checks
 * the follower's access again, so someone unlinked from the incident loses the feed.
 */
function eventStream(props: StreamProps, incidentId: string, source: EventSource): void {
  const { out } = props;
  let last = props.after;
  let reading = false;
  let again = false;
  let ended = false;
  let stop: (() => Promise<void>) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const end = (): void => {
    if (ended) return;
    ended = true;
    if (heartbeat) clearInterval(heartbeat);
    void stop?.().catch(() => undefined);
    out.end();
  };
  // On the stream, not the response: the response already carries the close listeners of the
  // request's middleware and of the pipeline (which destroys this stream when the client goes).
  out.once('close', end);
  const drained = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.once('drain', done);
      out.once('close', done);
    });

  const pump = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        for (;;) {
          const { events, scannedUpTo } = await source.read(last);
          if (ended) return;
          for (const event of events) {
            out.write(`id: ${event.id}\nevent: ${event.event}\ndata: ${event.data}\n\n`);
            last = Math.max(last, event.id);
          }
          // A slow client: wait until it has taken what was written, rather than buffer the log in memory.
          if (out.writableNeedDrain) await drained();
          if (ended) return;
          // Entries this viewer may not see still move the reader on.
          if (scannedUpTo > last) last = scannedUpTo;
          if (scannedUpTo < 0) break;
        }
      } while (again && !ended);
    } finally {
      reading = false;
    }
  };

  const start = async (): Promise<void> => {
    out.write(`retry: 3000\n: connected\n\n`);
    if (props.follow) {
      // Listen before the first read, so nothing committed in between goes unannounced.
      stop = await source.listen((seq) => {
        if (seq > last) pump().catch(fail);
      });
      if (ended) {
        await stop();
        return;
      }
      // The heartbeat also reads: an announcement lost (Redis restarting) delays an entry, never drops it.
      heartbeat = setInterval(() => {
        out.write(': keep-alive\n\n');
        source
          .recheck()
          .then((allowed) => (allowed ? pump() : end()))
          .catch(fail);
      }, props.heartbeatMs);
    }
    await pump();
    if (!props.follow) end();
  };
  const fail = (error: unknown): void => {
    props.logger.warn({ err: error, incidentId }, 'live feed ended by an error');
    end();
  };
  // After the request's transaction has ended: the stream is sent once the handler returns.
  setImmediate(() => start().catch(fail));
}
