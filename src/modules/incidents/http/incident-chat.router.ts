import { Router } from 'express';
import type { components, PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toChatDto, toEntryDto } from './incident.dto.js';
import { date, incidentIdOf, type IncidentsHttpDeps } from './incident-http.js';

/** An incident's chat, and a message promoted into the log. */
export function incidentChatRouter(deps: Pick<IncidentsHttpDeps, 'endpoints' | 'chat' | 'postChat' | 'promoteChat'>): Router {
  const router = Router();
  const { endpoints } = deps;
  router.get(
    '/v1/incidents/:incidentId/chat',
    endpoints.tenant({ permission: 'incidents.read' }, async (req, actor) => {
      const q = req.query as QueryOf<'listChatMessages'>;
      const messages = unwrap(
        await deps.chat.execute({
          actor,
          incidentId: incidentIdOf(req),
          ...(q.after !== undefined ? { after: q.after } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
        }),
      );
      return { status: 200, body: { items: messages.map(toChatDto) } };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/chat',
    endpoints.tenant({ permission: 'incidents.participate' }, async (req, actor) => {
      const body = req.body as RequestBody<'postChatMessage'>;
      const { message, replayed } = unwrap(
        await deps.postChat.execute({
          actor,
          incidentId: incidentIdOf(req),
          text: body.text,
          mediaIds: body.mediaIds ?? [],
          clientId: body.clientId ?? null,
          observedAt: date(body.observedAt) ?? null,
        }),
      );
      return { status: replayed ? 200 : 201, body: toChatDto(message) };
    }),
  );
  router.post(
    '/v1/incidents/:incidentId/chat/:messageId/promotion',
    endpoints.tenant({ permission: 'incidents.coordinate' }, async (req, actor) => {
      const { incidentId, messageId } = req.params as PathOf<'promoteChatMessage'>;
      const body = (req.body ?? {}) as components['schemas']['ChatPromotion'];
      const { entry, replayed } = unwrap(
        await deps.promoteChat.execute({
          actor,
          incidentId,
          messageId,
          classification: body.classification ?? null,
          labels: body.labels ?? [],
        }),
      );
      return { status: replayed ? 200 : 201, body: toEntryDto(entry) };
    }),
  );
  return router;
}
