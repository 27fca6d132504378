import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { sendsJsonText } from '../../../platform/http/json-text.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { read, type ContentHttpDeps } from './content-http.js';
import { syncText } from './member-content.json.js';

/** The content tree as one member sees it: their own sync and search, and an admin's preview of it. */
export function memberContentRouter(deps: Pick<ContentHttpDeps, 'endpoints' | 'getMyContent' | 'searchMyContent' | 'previewUserContent' | 'validateResponses'>): Router {
  return operationsRouter(deps.endpoints, {
    // Members who share a view are sent the same items: their JSON is made once (member-content.json.ts).
    getMyContent: (op) => [
      sendsJsonText(deps.validateResponses),
      op.person({ permission: 'me.content', rawStatements: true }, async ({ query, req }, actor) => {
        const ifNoneMatch = req.get('if-none-match');
        const reply = unwrap(await deps.getMyContent.execute({ actor, ...(query.since ? { since: query.since } : {}), ...(ifNoneMatch ? { ifNoneMatch } : {}) }));
        const headers = { etag: reply.etag, 'cache-control': 'private, no-cache' };
        return reply.notModified ? { status: 304, headers } : ok(syncText(reply.body), headers);
      }),
    ],
    searchMyContent: (op) =>
      op.person({ permission: 'me.content' }, async ({ query }, actor) => {
        const hits = await deps.searchMyContent.execute({ actor, q: query.q, limit: query.limit ?? 20 });
        return ok({ items: hits.map((hit) => ({ ...hit.item, extract: hit.extract })) });
      }),
    previewUserContent: (op) => op.tenant(read, async ({ path }, actor) => ok(unwrap(await deps.previewUserContent.execute({ actor, ...path })))),
  });
}
