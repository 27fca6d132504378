import type { Router } from 'express';
import { pageOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { toItemDto } from './content.dto.js';
import { write, type ContentHttpDeps } from './content-http.js';

/** Where an item stands and whom it reaches: its place in the tree, publication and audience. */
export function contentPlacementRouter(deps: Pick<ContentHttpDeps, 'endpoints' | 'moveItem' | 'publish' | 'unpublish' | 'setAudience' | 'reach'>): Router {
  return operationsRouter(deps.endpoints, {
    moveContentItem: (op) =>
      op.tenant(write, async ({ path, body }, actor) => {
        const position = body.position !== undefined ? { position: body.position } : {};
        return ok(toItemDto(unwrap(await deps.moveItem.execute({ actor, ...path, parentId: body.parentId ?? null, ...position }))));
      }),
    publishContentItem: (op) => op.tenant(write, async ({ path }, actor) => ok(toItemDto(unwrap(await deps.publish.execute({ actor, ...path }))))),
    unpublishContentItem: (op) => op.tenant(write, async ({ path }, actor) => ok(toItemDto(unwrap(await deps.unpublish.execute({ actor, ...path }))))),
    setContentAudience: (op) =>
      op.tenant(write, async ({ path, body }, actor) => {
        const audience = { everyone: body.everyone, groupIds: body.groupIds ?? [], userIds: body.userIds ?? [] };
        return ok(toItemDto(unwrap(await deps.setAudience.execute({ actor, ...path, ...audience }))));
      }),
    getContentReach: (op) =>
      op.tenant(write, async ({ path, query }, actor) => {
        const { page, pageSize } = pageOf(query);
        const reach = unwrap(await deps.reach.execute({ actor, ...path, page, pageSize, ...(query.search ? { search: query.search } : {}) }));
        return ok({ ...reach, page, pageSize });
      }),
  });
}
