import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { toInboxDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** The signed-in person's inbox: their messages, read receipts and call-up answers. */
export function inboxRouter(deps: MessagingHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const inbox = { permission: 'me.inbox' } as const;
  router.get(
    '/v1/me/inbox',
    endpoints.person(inbox, async (req, actor) => {
      const query = req.query as QueryOf<'listInbox'>;
      const { page, pageSize } = pageOf(query, 20);
      const result = await deps.inbox.execute({ actor, page, pageSize });
      return { status: 200, body: { items: result.items.map(toInboxDto), total: result.total, unread: result.unread, page, pageSize } };
    }),
  );
  router.get(
    '/v1/me/inbox/:messageId',
    endpoints.person(inbox, async (req, actor) => {
      const { messageId } = req.params as PathOf<'getInboxMessage'>;
      return { status: 200, body: toInboxDto(unwrap(await deps.inboxMessage.execute({ actor, messageId }))) };
    }),
  );
  router.post(
    '/v1/me/inbox/:messageId/read',
    endpoints.person(inbox, async (req, actor) => {
      const { messageId } = req.params as PathOf<'markMessageRead'>;
      unwrap(await deps.markRead.execute({ actor, messageId }));
      return { status: 204 };
    }),
  );
  router.put(
    '/v1/me/inbox/:messageId/answer',
    endpoints.person(inbox, async (req, actor) => {
      const { messageId } = req.params as PathOf<'answerCallUp'>;
      const body = req.body as RequestBody<'answerCallUp'>;
      const answered = unwrap(
        await deps.answer.execute({
          actor,
          messageId,
          option: body.option,
          clientId: body.clientId ?? null,
          observedAt: body.observedAt ? new Date(body.observedAt) : null,
        }),
      );
      return { status: 200, body: answered };
    }),
  );
  return router;
}
