import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { ChangePublication, MoveContentItem, SetContentAudience } from '../application/content-items.js';
import type { GetContentReach } from '../application/reach.js';
import { toItemDto } from './content.dto.js';

export interface ContentPlacementHttpDeps {
  endpoints: Endpoints;
  move: MoveContentItem;
  publish: ChangePublication;
  unpublish: ChangePublication;
  setAudience: SetContentAudience;
  reach: GetContentReach;
}

/** Where an item stands and whom it reaches: its place in the tree, publication and audience. */
export function contentPlacementRouter(deps: ContentPlacementHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const write = { permission: 'content.write' } as const;
  router.post(
    '/v1/content/items/:itemId/move',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'moveContentItem'>;
      const body = req.body as RequestBody<'moveContentItem'>;
      const position = body.position !== undefined ? { position: body.position } : {};
      const view = unwrap(await deps.move.execute({ actor, itemId, parentId: body.parentId ?? null, ...position }));
      return { status: 200, body: toItemDto(view) };
    }),
  );
  for (const [path, useCase] of [
    ['publish', deps.publish],
    ['unpublish', deps.unpublish],
  ] as const) {
    router.post(
      `/v1/content/items/:itemId/${path}`,
      endpoints.tenant(write, async (req, actor) => {
        const { itemId } = req.params as PathOf<'publishContentItem'>;
        return { status: 200, body: toItemDto(unwrap(await useCase.execute({ actor, itemId }))) };
      }),
    );
  }
  router.put(
    '/v1/content/items/:itemId/audience',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'setContentAudience'>;
      const body = req.body as RequestBody<'setContentAudience'>;
      const audience = { everyone: body.everyone, groupIds: body.groupIds ?? [], userIds: body.userIds ?? [] };
      const view = unwrap(await deps.setAudience.execute({ actor, itemId, ...audience }));
      return { status: 200, body: toItemDto(view) };
    }),
  );
  router.get(
    '/v1/content/items/:itemId/reach',
    endpoints.tenant(write, async (req, actor) => {
      const { itemId } = req.params as PathOf<'getContentReach'>;
      const query = req.query as QueryOf<'getContentReach'>;
      const { page, pageSize } = pageOf(query);
      const reach = unwrap(await deps.reach.execute({ actor, itemId, page, pageSize, ...(query.search ? { search: query.search } : {}) }));
      return { status: 200, body: { ...reach, page, pageSize } };
    }),
  );

  return router;
}
