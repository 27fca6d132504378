import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { created, noContentAfter, ok, operationsRouter } from '../../../platform/http/operations.js';
import { toItemDto, toOutlineDto } from './content.dto.js';
import { read, write, type ContentHttpDeps } from './content-http.js';

/** The content tree as its editors see it: the items themselves. */
export function contentItemsRouter(deps: Pick<ContentHttpDeps, 'endpoints' | 'listItems' | 'outline' | 'getItem' | 'createItem' | 'updateItem' | 'deleteItem'>): Router {
  return operationsRouter(deps.endpoints, {
    listContentItems: (op) => op.tenant(read, async (_input, actor) => ok({ items: (await deps.listItems.execute({ actor })).map(toItemDto) })),
    listContentOutline: (op) => op.tenant(read, async (_input, actor) => ok({ items: (await deps.outline.execute({ actor })).map(toOutlineDto) })),
    createContentItem: (op) =>
      op.tenant(write, async ({ body }, actor) => {
        const position = body.position !== undefined ? { position: body.position } : {};
        const view = unwrap(await deps.createItem.execute({ actor, parentId: body.parentId ?? null, kind: body.kind, title: body.title, body: body.body, ...position }));
        return created(toItemDto(view), `/v1/content/items/${view.item.id}`);
      }),
    getContentItem: (op) => op.tenant(read, async ({ path }, actor) => ok(toItemDto(unwrap(await deps.getItem.execute({ actor, ...path }))))),
    updateContentItem: (op) =>
      op.tenant(write, async ({ path, body }, actor) => {
        const changes = { ...(body.title ? { title: body.title } : {}), ...(body.body ? { body: body.body } : {}) };
        return ok(toItemDto(unwrap(await deps.updateItem.execute({ actor, ...path, changes }))));
      }),
    deleteContentItem: (op) => op.tenant(write, ({ path }, actor) => noContentAfter(deps.deleteItem.execute({ actor, ...path }))),
  });
}
