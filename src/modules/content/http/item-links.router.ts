import { Router } from 'express';
import type { PathOf, QueryOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { GetItemLink, OpenItemLink } from '../application/item-links.js';
import { readerOf } from './media.router.js';

/** Deep links to items, signed for one user: minted for an item of the caller's view, opened as the caller sees it now. */
export function itemLinksRouter(deps: { endpoints: Endpoints; getLink: GetItemLink; open: OpenItemLink }): Router {
  const router = Router();
  router.get(
    '/v1/me/content/items/:itemId/link',
    deps.endpoints.tenant({ permission: 'me.content' }, async (req, actor) => {
      const { itemId } = req.params as PathOf<'getItemLink'>;
      const link = unwrap(await deps.getLink.execute({ reader: readerOf(actor), itemId }));
      return { status: 200, body: { url: link.url, expiresAt: link.expiresAt.toISOString() }, headers: { 'cache-control': 'no-store' } };
    }),
  );
  router.get(
    '/items/:itemId',
    deps.endpoints.tenant({ permission: 'me.content' }, async (req, actor) => {
      const { itemId } = req.params as PathOf<'openItemLink'>;
      const { u, exp, sig } = req.query as unknown as QueryOf<'openItemLink'>;
      const item = unwrap(await deps.open.execute({ reader: readerOf(actor), itemId, u, exp, sig }));
      return { status: 200, body: item, headers: { 'cache-control': 'private, no-store' } };
    }),
  );
  return router;
}
