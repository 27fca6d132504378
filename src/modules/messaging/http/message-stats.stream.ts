import { Router } from 'express';
import { PassThrough } from 'node:stream';
import type { PathOf, QueryOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { statsDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** A message's statistics, live over server-sent events while the call-up runs. */
export function messageStatsStreamRouter(deps: MessagingHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'messages.read' } as const;
  router.get(
    '/v1/messages/:messageId/stats/stream',
    endpoints.tenantStream(read, async (req, actor) => {
      const { messageId } = req.params as PathOf<'streamMessageStats'>;
      const query = req.query as QueryOf<'streamMessageStats'>;
      const first = unwrap(await deps.stats.execute({ tenantId: actor.tenantId, messageId }));
      const stream = new PassThrough();
      // A frame when anything changed: the counts, or the call-up's state, progress or waves.
      let last = JSON.stringify(statsDto(first));
      stream.write(`event: stats\ndata: ${last}\n\n`);
      const ends = Date.now() + (query.seconds ?? 300) * 1000;
      const timer = setInterval(() => {
        if (Date.now() >= ends) return stop();
        // Each tick reads PostgreSQL in a transaction of its own, so every api process streams the same truth.
        deps
          .inTenant(actor.tenantId, () => deps.stats.execute({ tenantId: actor.tenantId, messageId }))
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
      return {
        stream,
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' },
      };
    }),
  );
  return router;
}
