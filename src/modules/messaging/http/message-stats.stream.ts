import { PassThrough } from 'node:stream';
import type { FileReply } from '../../../platform/http/operations.js';
import type { MessageStatsView } from '../application/sender-view.js';
import { statsDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

const EVENT_STREAM = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' };

/**
 * A message's statistics, live over server-sent events while the call-up runs: the first frame
 * at once, then a frame whenever anything changed (the counts, or the call-up's state, progress
 * or waves), a keep-alive otherwise, for `seconds`.
 */
export function statsStream(
  deps: Pick<MessagingHttpDeps, 'stats' | 'inTenant' | 'statsIntervalMs'>,
  of: { tenantId: string; messageId: string },
  first: MessageStatsView,
  seconds: number,
): FileReply {
  const stream = new PassThrough();
  let last = JSON.stringify(statsDto(first));
  stream.write(`event: stats\ndata: ${last}\n\n`);
  const ends = Date.now() + seconds * 1000;
  const timer = setInterval(() => {
    if (Date.now() >= ends) return stop();
    // Each tick reads PostgreSQL in a transaction of its own, so every api process streams the same truth.
    deps
      .inTenant(of.tenantId, () => deps.stats.execute(of))
      .then((result) => {
        if (!result.ok || stream.destroyed) return;
        const now = JSON.stringify(statsDto(result.value));
        if (now !== last) {
          last = now;
          stream.write(`event: stats\ndata: ${now}\n\n`);
        } else stream.write(': keep-alive\n\n');
      })
      .catch(() => stop());
  }, deps.statsIntervalMs);
  const stop = (): void => {
    clearInterval(timer);
    if (!stream.writableEnded) stream.end();
  };
  // The stream closes when the client goes (the pipeline destroys it); the socket outlives the
  // request on a kept-alive connection, so a listener there would stay behind after every stream.
  stream.once('close', stop);
  return { stream, headers: EVENT_STREAM };
}
