import type { Router } from 'express';
import { pageOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { noContent, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toInboxDto } from './messaging.dto.js';
import { dateOf, pageBody, type MessagingHttpDeps } from './messaging-http.js';

/** The signed-in person's inbox: their messages, read receipts and call-up answers. */
export function inboxRouter(deps: Pick<MessagingHttpDeps, 'endpoints' | 'inbox' | 'inboxMessage' | 'markRead' | 'answer'>): Router {
  const inbox = { permission: 'me.inbox' } as const;
  return operationsRouter(deps.endpoints, {
    listInbox: (op) =>
      op.person(inbox, async ({ query }, actor) => {
        const at = pageOf(query, 20);
        const result = await deps.inbox.execute({ actor, ...at });
        return ok({ ...pageBody(at, result, toInboxDto), unread: result.unread });
      }),
    getInboxMessage: (op) => op.person(inbox, async ({ path }, actor) => ok(toInboxDto(unwrap(await deps.inboxMessage.execute({ actor, ...path }))))),
    markMessageRead: (op) =>
      op.person(inbox, async ({ path }, actor) => {
        unwrap(await deps.markRead.execute({ actor, ...path }));
        return noContent();
      }),
    answerCallUp: (op) =>
      op.person(inbox, async ({ path, body }, actor) =>
        ok(unwrap(await deps.answer.execute({ actor, ...path, option: body.option, clientId: body.clientId ?? null, observedAt: dateOf(body.observedAt) }))),
      ),
  });
}
