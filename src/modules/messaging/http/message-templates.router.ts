import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { templateFields, toTemplateDto } from './messaging.dto.js';
import type { MessagingHttpDeps } from './messaging-http.js';

/** The tenant's message templates. */
export function messageTemplatesRouter(deps: MessagingHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const send = { permission: 'messages.send' } as const;
  router.get(
    '/v1/message-templates',
    endpoints.tenant(send, async (_req, actor) => ({
      status: 200,
      body: { items: (await deps.templates.list.execute({ tenantId: actor.tenantId })).map(toTemplateDto) },
    })),
  );
  router.post(
    '/v1/message-templates',
    endpoints.tenant(send, async (req, actor) => {
      const template = unwrap(
        await deps.templates.create.execute({ actor, fields: templateFields(req.body as RequestBody<'createMessageTemplate'>) }),
      );
      return { status: 201, body: toTemplateDto(template), headers: { location: `/v1/message-templates/${template.id}` } };
    }),
  );
  router.get(
    '/v1/message-templates/:templateId',
    endpoints.tenant(send, async (req, actor) => {
      const { templateId } = req.params as PathOf<'getMessageTemplate'>;
      return { status: 200, body: toTemplateDto(unwrap(await deps.templates.get.execute({ tenantId: actor.tenantId, templateId }))) };
    }),
  );
  router.put(
    '/v1/message-templates/:templateId',
    endpoints.tenant(send, async (req, actor) => {
      const { templateId } = req.params as PathOf<'replaceMessageTemplate'>;
      const template = unwrap(
        await deps.templates.replace.execute({
          actor,
          templateId,
          fields: templateFields(req.body as RequestBody<'replaceMessageTemplate'>),
        }),
      );
      return { status: 200, body: toTemplateDto(template) };
    }),
  );
  router.delete(
    '/v1/message-templates/:templateId',
    endpoints.tenant(send, async (req, actor) => {
      const { templateId } = req.params as PathOf<'deleteMessageTemplate'>;
      unwrap(await deps.templates.remove.execute({ actor, templateId }));
      return { status: 204 };
    }),
  );
  return router;
}
