import { Router } from 'express';
import { PassThrough } from 'node:stream';
import type { QueryOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { chatStream, feedStream } from './live-feed.stream.js';
import { incidentIdOf, lastEventId, logFilterOf, SSE_HEADERS, type IncidentsHttpDeps } from './incident-http.js';

/** The live streams of an incident (server-sent events): its log and its chat. */
export function incidentStreamsRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'feed' | 'chatFeed' | 'logger' | 'heartbeatMs'>): Router {
  const router = Router();
  const { endpoints } = deps;
  const liveness = { logger: deps.logger, heartbeatMs: deps.heartbeatMs };
  router.get(
    '/v1/incidents/:incidentId/stream',
    endpoints.tenantStream({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'streamIncidentLog'>;
      const after = lastEventId(req, q.after);
      const subscription = unwrap(
        await deps.feed.open({ actor, incidentId: incidentIdOf(req), view: q.view ?? 'feed', filter: logFilterOf(q) }),
      );
      return streamed((out) => feedStream({ feed: deps.feed, subscription, after, follow: q.follow ?? true, out, ...liveness }));
    }),
  );
  router.get(
    '/v1/incidents/:incidentId/chat/stream',
    endpoints.tenantStream({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'streamIncidentChat'>;
      const after = lastEventId(req, q.after);
      const subscription = unwrap(await deps.chatFeed.open({ actor, incidentId: incidentIdOf(req) }));
      return streamed((out) => chatStream({ chat: deps.chatFeed, subscription, after, follow: q.follow ?? true, out, ...liveness }));
    }),
  );
  return router;
}

/** An SSE answer whose events the given writer puts on the stream. */
function streamed(write: (out: PassThrough) => void): { stream: PassThrough; headers: typeof SSE_HEADERS } {
  const stream = new PassThrough();
  write(stream);
  return { stream, headers: SSE_HEADERS };
}
