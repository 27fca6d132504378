import type { Request, Router } from 'express';
import { PassThrough } from 'node:stream';
import { unwrap } from '../../../platform/http/endpoint.js';
import { InvalidRequest } from '../../../platform/http/invalid-request.js';
import { operationsRouter, type FileReply } from '../../../platform/http/operations.js';
import { chatStream, feedStream } from './live-feed.stream.js';
import { logFilterOf, type IncidentsHttpDeps } from './incident-http.js';

/** The highest change number (a PostgreSQL integer). */
const MAX_CHANGE = 2_147_483_647;

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

/** The live streams of an incident (server-sent events): its log and its chat. */
export function incidentStreamsRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'feed' | 'chatFeed' | 'logger' | 'heartbeatMs'>): Router {
  const liveness = { logger: deps.logger, heartbeatMs: deps.heartbeatMs };
  return operationsRouter(deps.endpoints, {
    streamIncidentLog: (op) =>
      op.tenantFile({ permission: 'incidents.read' }, async ({ path, query, req }, actor) => {
        const after = lastEventId(req, query.after);
        const subscription = unwrap(await deps.feed.open({ actor, incidentId: path.incidentId, view: query.view ?? 'feed', filter: logFilterOf(query) }));
        return streamed((out) => feedStream({ feed: deps.feed, subscription, after, follow: query.follow ?? true, out, ...liveness }));
      }),
    streamIncidentChat: (op) =>
      op.tenantFile({ permission: 'incidents.read' }, async ({ path, query, req }, actor) => {
        const after = lastEventId(req, query.after);
        const subscription = unwrap(await deps.chatFeed.open({ actor, incidentId: path.incidentId }));
        return streamed((out) => chatStream({ chat: deps.chatFeed, subscription, after, follow: query.follow ?? true, out, ...liveness }));
      }),
  });
}

/** An SSE answer whose events the given writer puts on the stream. */
function streamed(write: (out: PassThrough) => void): FileReply {
  const stream = new PassThrough();
  write(stream);
  return { stream, headers: SSE_HEADERS };
}

/** Where a live stream starts: the client's Last-Event-ID, else `?after=`, else the beginning. */
function lastEventId(req: Request, after: number | undefined): number {
  const header = req.get('last-event-id');
  // The contract checks digits and length; a change number beyond a PostgreSQL integer is a 400 too, never a 500.
  if (header !== undefined && !(/^[0-9]{1,10}$/.test(header) && Number(header) <= MAX_CHANGE)) {
    throw new InvalidRequest('headers', 'Last-Event-ID', `must be digits only, at most ${MAX_CHANGE}`);
  }
  return header !== undefined ? Number(header) : (after ?? 0);
}
