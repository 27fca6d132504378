import type { Router } from 'express';
import { pageOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import type { SendMessageCommand } from '../application/send-message.js';
import { audienceOf, statsDto, toMessageDto, waveOf } from './messaging.dto.js';
import { dateOf, pageBody, type MessagingHttpDeps } from './messaging-http.js';

/** Messages and call-ups as their senders see them: send, list, reach and statistics. */
export function messagesRouter(deps: Pick<MessagingHttpDeps, 'endpoints' | 'send' | 'list' | 'reach' | 'stats'>): Router {
  return operationsRouter(deps.endpoints, {
    sendMessage: (op) =>
      op.tenant({ permission: 'messages.send' }, async ({ body }, actor) => {
        const message = unwrap(await deps.send.execute({ tenantId: actor.tenantId, senderType: actor.actorType, senderId: actor.actorId, ...sending(body) }));
        return created(toMessageDto(message), `/v1/messages/${message.id}`);
      }),
    listMessages: (op) =>
      op.tenant({ permission: 'messages.read' }, async ({ query }, actor) => {
        const at = pageOf(query);
        return ok(pageBody(at, await deps.list.execute({ tenantId: actor.tenantId, ...at }), toMessageDto));
      }),
    previewMessageReach: (op) =>
      op.tenant({ permission: 'messages.send' }, async ({ body }, actor) => ok(unwrap(await deps.reach.execute({ tenantId: actor.tenantId, audience: audienceOf(body) })))),
    getMessage: (op) =>
      op.tenant({ permission: 'messages.read' }, async ({ path }, actor) => ok(statsDto(unwrap(await deps.stats.execute({ tenantId: actor.tenantId, ...path }))))),
  });
}

/** What the sender asks for. A field not given stays out of the command, so a template's field then stands. */
function sending(body: RequestBody<'sendMessage'>): Omit<SendMessageCommand, 'tenantId' | 'senderType' | 'senderId'> {
  const { goal } = body;
  return {
    ...(body.templateId ? { templateId: body.templateId, placeholders: body.placeholders ?? {} } : {}),
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.body !== undefined ? { body: body.body } : {}),
    ...(body.format ? { format: body.format } : {}),
    ...(body.priority ? { priority: body.priority } : {}),
    ...(body.answerOptions ? { answerOptions: body.answerOptions } : {}),
    audience: audienceOf(body.audience),
    scheduledAt: dateOf(body.scheduledAt),
    closesAt: dateOf(body.closesAt),
    // null clears a template's goal; left out, the template's goal stands.
    ...(goal !== undefined ? { goal: goal && { option: goal.option, count: goal.count, by: dateOf(goal.by), autoClose: goal.autoClose ?? false } } : {}),
    ...(body.waves ? { waves: body.waves.map(waveOf) } : {}),
  };
}
