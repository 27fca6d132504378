import type { Router } from 'express';
import { pageOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { toMessageDto, toResponseDto } from './messaging.dto.js';
import { pageBody, type MessagingHttpDeps } from './messaging-http.js';
import { statsStream } from './message-stats.stream.js';

/** A sent message's course: closing a call-up, cancelling a message, the responses to it and its live statistics. */
export function messageCourseRouter(deps: Pick<MessagingHttpDeps, 'endpoints' | 'close' | 'cancel' | 'responses' | 'stats' | 'inTenant' | 'statsIntervalMs'>): Router {
  return operationsRouter(deps.endpoints, {
    closeCallUp: (op) =>
      op.tenant({ permission: 'messages.send' }, async ({ path }, actor) => ok(toMessageDto(unwrap(await deps.close.execute({ tenantId: actor.tenantId, ...path }))))),
    cancelMessage: (op) =>
      op.tenant({ permission: 'messages.send' }, async ({ path }, actor) => ok(toMessageDto(unwrap(await deps.cancel.execute({ tenantId: actor.tenantId, ...path }))))),
    listMessageResponses: (op) =>
      op.tenant({ permission: 'messages.read' }, async ({ path, query }, actor) => {
        const at = pageOf(query);
        const filter = { ...(query.answer ? { answer: query.answer } : {}), ...(query.unanswered ? { unanswered: true } : {}) };
        return ok(pageBody(at, unwrap(await deps.responses.execute({ actor, ...path, ...at, ...filter })), toResponseDto));
      }),
    streamMessageStats: (op) =>
      op.tenantFile({ permission: 'messages.read' }, async ({ path, query }, actor) => {
        const first = unwrap(await deps.stats.execute({ tenantId: actor.tenantId, ...path }));
        return statsStream(deps, { tenantId: actor.tenantId, ...path }, first, query.seconds ?? 300);
      }),
  });
}
