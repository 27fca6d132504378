import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { iso, toMessageDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** A sent message's course: closing a call-up, cancelling a message, and the responses to it. */
export function messageCourseRouter(deps: MessagingHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const send = { permission: 'messages.send' } as const;
  const read = { permission: 'messages.read' } as const;
  router.post(
    '/v1/messages/:messageId/close',
    endpoints.tenant(send, async (req, actor) => {
      const { messageId } = req.params as PathOf<'closeCallUp'>;
      return { status: 200, body: toMessageDto(unwrap(await deps.close.execute({ tenantId: actor.tenantId, messageId }))) };
    }),
  );
  router.post(
    '/v1/messages/:messageId/cancel',
    endpoints.tenant(send, async (req, actor) => {
      const { messageId } = req.params as PathOf<'cancelMessage'>;
      return { status: 200, body: toMessageDto(unwrap(await deps.cancel.execute({ tenantId: actor.tenantId, messageId }))) };
    }),
  );
  router.get(
    '/v1/messages/:messageId/responses',
    endpoints.tenant(read, async (req, actor) => {
      const { messageId } = req.params as PathOf<'listMessageResponses'>;
      const query = req.query as QueryOf<'listMessageResponses'>;
      const { page, pageSize } = pageOf(query);
      const result = unwrap(
        await deps.responses.execute({
          actor,
          messageId,
          page,
          pageSize,
          ...(query.answer ? { answer: query.answer } : {}),
          ...(query.unanswered ? { unanswered: true } : {}),
        }),
      );
      return {
        status: 200,
        body: {
          total: result.total,
          page,
          pageSize,
          items: result.items.map((row) => ({
            userId: row.userId,
            name: row.name,
            wave: row.wave,
            delivered: row.delivered,
            devices: row.devices,
            channels: row.channels.map((c) => ({
              channel: c.channel as 'sms',
              status: c.status as 'sent',
              reason: c.reason,
              at: c.at.toISOString(),
            })),
            answeredVia: row.answeredVia,
            readAt: iso(row.readAt),
            answer: row.answer,
            answeredAt: iso(row.answeredAt),
          })),
        },
      };
    }),
  );
  return router;
}
