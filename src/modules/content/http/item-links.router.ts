import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { readerOf, type ContentHttpDeps } from './content-http.js';

/** Deep links to items, signed for one user: minted for an item of the caller's view, opened as the caller sees it now. */
export function itemLinksRouter(deps: Pick<ContentHttpDeps, 'endpoints' | 'getItemLink' | 'openItemLink'>): Router {
  return operationsRouter(deps.endpoints, {
    getItemLink: (op) =>
      op.tenant({ permission: 'me.content' }, async ({ path }, actor) => {
        const link = unwrap(await deps.getItemLink.execute({ reader: readerOf(actor), ...path }));
        return ok({ url: link.url, expiresAt: link.expiresAt.toISOString() }, { 'cache-control': 'no-store' });
      }),
    openItemLink: (op) =>
      op.tenant({ permission: 'me.content' }, async ({ path, query }, actor) => {
        const item = unwrap(await deps.openItemLink.execute({ reader: readerOf(actor), ...path, u: query.u, exp: query.exp, sig: query.sig }));
        return ok(item, { 'cache-control': 'private, no-store' });
      }),
  });
}
