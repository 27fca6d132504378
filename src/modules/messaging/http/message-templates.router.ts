import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, noContent, ok, operationsRouter } from '../../../platform/http/operations.js';
import { templateFields, toTemplateDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** The tenant's message templates. */
export function messageTemplatesRouter(deps: Pick<MessagingHttpDeps, 'endpoints' | 'templates'>): Router {
  const { templates } = deps;
  const send = { permission: 'messages.send' } as const;
  return operationsRouter(deps.endpoints, {
    listMessageTemplates: (op) => op.tenant(send, async (_input, actor) => ok({ items: (await templates.list.execute({ tenantId: actor.tenantId })).map(toTemplateDto) })),
    createMessageTemplate: (op) =>
      op.tenant(send, async ({ body }, actor) => {
        const template = unwrap(await templates.create.execute({ actor, fields: templateFields(body) }));
        return created(toTemplateDto(template), `/v1/message-templates/${template.id}`);
      }),
    getMessageTemplate: (op) => op.tenant(send, async ({ path }, actor) => ok(toTemplateDto(unwrap(await templates.get.execute({ tenantId: actor.tenantId, ...path }))))),
    replaceMessageTemplate: (op) => op.tenant(send, async ({ path, body }, actor) => ok(toTemplateDto(unwrap(await templates.replace.execute({ actor, ...path, fields: templateFields(body) }))))),
    deleteMessageTemplate: (op) =>
      op.tenant(send, async ({ path }, actor) => {
        unwrap(await templates.remove.execute({ actor, ...path }));
        return noContent();
      }),
  });
}
