import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { toChatDto, toEntryDto } from './incident.dto.js';
import { posted, postOf, type IncidentsHttpDeps } from './incident-http.js';

/** An incident's chat, and a message promoted into the log. */
export function incidentChatRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'chat' | 'postChat' | 'promoteChat'>): Router {
  return operationsRouter(deps.endpoints, {
    listChatMessages: (op) =>
      op.tenant({ permission: 'incidents.read' }, async ({ path, query }, actor) => {
        const messages = unwrap(await deps.chat.execute({ actor, incidentId: path.incidentId, after: query.after, limit: query.limit }));
        return ok({ items: messages.map(toChatDto) });
      }),
    postChatMessage: (op) =>
      op.tenant({ permission: 'incidents.participate' }, async ({ path, body }, actor) =>
        posted(await deps.postChat.execute({ actor, incidentId: path.incidentId, ...postOf(body) }), ({ message }) => toChatDto(message)),
      ),
    promoteChatMessage: (op) =>
      op.tenant({ permission: 'incidents.coordinate' }, async ({ path, body }, actor) => {
        // The contract makes the body optional: without one, the entry is unclassified and unlabelled.
        const { classification = null, labels = [] } = body ?? {};
        return posted(await deps.promoteChat.execute({ actor, ...path, classification, labels }), ({ entry }) => toEntryDto(entry));
      }),
  });
}
