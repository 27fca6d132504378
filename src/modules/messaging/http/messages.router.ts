import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { audienceOf, statsDto, toMessageDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** Messages and call-ups as their senders see them: send, list, reach, statistics, responses, close and cancel. */
export function messagesRouter(deps: MessagingHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const send = { permission: 'messages.send' } as const;
  const read = { permission: 'messages.read' } as const;
  router.post(
    '/v1/messages',
    endpoints.tenant(send, async (req, actor) => {
      const body = req.body as RequestBody<'sendMessage'>;
      const message = unwrap(
        await deps.send.execute({
          tenantId: actor.tenantId,
          senderType: actor.actorType,
          senderId: actor.actorId,
          // Left out when not given: a template's field then stands.
          ...(body.templateId ? { templateId: body.templateId, placeholders: body.placeholders ?? {} } : {}),
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.body !== undefined ? { body: body.body } : {}),
          ...(body.format ? { format: body.format } : {}),
          ...(body.priority ? { priority: body.priority } : {}),
          ...(body.answerOptions ? { answerOptions: body.answerOptions } : {}),
          audience: {
            everyone: body.audience.everyone ?? false,
            groupIds: body.audience.groupIds ?? [],
            userIds: body.audience.userIds ?? [],
          },
          scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
          closesAt: body.closesAt ? new Date(body.closesAt) : null,
          ...(body.goal !== undefined
            ? {
                goal: body.goal
                  ? {
                      option: body.goal.option,
                      count: body.goal.count,
                      by: body.goal.by ? new Date(body.goal.by) : null,
                      autoClose: body.goal.autoClose ?? false,
                    }
                  : null,
              }
            : {}),
          ...(body.waves
            ? {
                waves: body.waves.map((wave) => ({
                  afterMinutes: wave.afterMinutes,
                  audience: audienceOf(wave.audience),
                  remind: wave.remind ?? false,
                })),
              }
            : {}),
        }),
      );
      return { status: 201, body: toMessageDto(message), headers: { location: `/v1/messages/${message.id}` } };
    }),
  );
  router.get(
    '/v1/messages',
    endpoints.tenant(read, async (req, actor) => {
      const query = req.query as QueryOf<'listMessages'>;
      const { page, pageSize } = pageOf(query);
      const result = await deps.list.execute({ tenantId: actor.tenantId, page, pageSize });
      return { status: 200, body: { items: result.items.map(toMessageDto), total: result.total, page, pageSize } };
    }),
  );
  router.post(
    '/v1/messages/reach',
    endpoints.tenant(send, async (req, actor) => {
      const body = req.body as RequestBody<'previewMessageReach'>;
      const reach = unwrap(
        await deps.reach.execute({
          tenantId: actor.tenantId,
          audience: { everyone: body.everyone ?? false, groupIds: body.groupIds ?? [], userIds: body.userIds ?? [] },
        }),
      );
      return { status: 200, body: reach };
    }),
  );
  router.get(
    '/v1/messages/:messageId',
    endpoints.tenant(read, async (req, actor) => {
      const { messageId } = req.params as PathOf<'getMessage'>;
      return { status: 200, body: statsDto(unwrap(await deps.stats.execute({ tenantId: actor.tenantId, messageId }))) };
    }),
  );
  return router;
}
