import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type {
  CreateContentItem,
  DeleteContentItem,
  GetContentItem,
  ListContentItems,
  ListContentOutline,
  UpdateContentItem,
} from '../application/content-items.js';
import { toItemDto } from './content.dto.js';

export interface ContentItemsHttpDeps {
  endpoints: Endpoints;
  list: ListContentItems;
  outline: ListContentOutline;
  get: GetContentItem;
  create: CreateContentItem;
  update: UpdateContentItem;
  remove: DeleteContentItem;
}

/** The content tree as its editors see it: the items themselves. */
export function contentItemsRouter(deps: ContentItemsHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'content.read' } as const;
  const write = { permission: 'content.write' } as const;
  router.get(
    '/v1/content/items',
    endpoints.tenant(read, async (_req, actor) => ({ status: 200, body: { items: (await deps.list.execute({ actor })).map(toItemDto) } })),
  );
  router.get(
    '/v1/content/outline',
    endpoints.tenant(read, async (_req, actor) => ({
      status: 200,
      body: {
        items: (await deps.outline.execute({ actor })).map((row) => ({
          id: row.id,
          parentId: row.parentId,
          kind: row.kind,
          title: row.title,
          position: row.position,
          status: row.status,
          audience: { everyone: row.everyone, groupIds: row.groupIds, userIds: row.userIds },
          unreachable: row.unreachable,
          version: row.version,
          updatedAt: row.updatedAt.toISOString(),
        })),
      },
    })),
  );
  router.post(
    '/v1/content/items',
    endpoints.tenant(write, async (req, actor) => {
      const body = req.body as RequestBody<'createContentItem'>;
      const view = unwrap(
        await deps.create.execute({
          actor,
          parentId: body.parentId ?? null,
          kind: body.kind,
          title: body.title,
          body: body.body,
          ...(body.position !== undefined ? { position: body.position } : {}),
        }),
      );
      return { status: 201, body: toItemDto(view), headers: { location: `/v1/content/items/${view.item.id}` } };
    }),
  );
  router.get(
    '/v1/content/items/:itemId',
    endpoints.tenant(read, async (req, actor) => {
      const { itemId } = req.params as PathOf<'getContentItem'>;
      return { status: 200, body: toItemDto(unwrap(await deps.get.execute({ actor, itemId }))) };
    }),
  );
  router.patch(
    '/v1/content/items/:itemId',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'updateContentItem'>;
      const body = req.body as RequestBody<'updateContentItem'>;
      const changes = { ...(body.title ? { title: body.title } : {}), ...(body.body ? { body: body.body } : {}) };
      return { status: 200, body: toItemDto(unwrap(await deps.update.execute({ actor, itemId, changes }))) };
    }),
  );
  router.delete(
    '/v1/content/items/:itemId',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'deleteContentItem'>;
      unwrap(await deps.remove.execute({ actor, itemId }));
      return { status: 204 };
    }),
  );
  return router;
}
