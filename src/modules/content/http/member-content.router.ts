import { Router } from 'express';
import type { PathOf, QueryOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { GetMyContent, PreviewUserContent, SearchMyContent } from '../application/member-view.js';

export interface MemberContentHttpDeps {
  endpoints: Endpoints;
  getMyContent: GetMyContent;
  search: SearchMyContent;
  preview: PreviewUserContent;
}

/** The content tree as one member sees it: their own sync and search, and an admin's preview of it. */
export function memberContentRouter(deps: MemberContentHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const read = { permission: 'content.read' } as const;
  router.get(
    '/v1/me/content',
    endpoints.person({ permission: 'me.content', rawStatements: true }, async (req, actor) => {
      const { since } = req.query as QueryOf<'getMyContent'>;
      const reply = unwrap(
        await deps.getMyContent.execute({
          actor,
          ...(since ? { since } : {}),
          ...(req.get('if-none-match') ? { ifNoneMatch: req.get('if-none-match')! } : {}),
        }),
      );
      const headers = { etag: reply.etag, 'cache-control': 'private, no-cache' };
      if (reply.notModified) return { status: 304, headers };
      return { status: 200, body: reply.body, headers };
    }),
  );
  router.get(
    '/v1/me/content/search',
    endpoints.person({ permission: 'me.content' }, async (req, actor) => {
      const { q, limit } = req.query as unknown as QueryOf<'searchMyContent'>;
      const hits = await deps.search.execute({ actor, q, limit: limit ?? 20 });
      return { status: 200, body: { items: hits.map((hit) => ({ ...hit.item, extract: hit.extract })) } };
    }),
  );
  router.get(
    '/v1/content/preview/:userId',
    endpoints.tenant(read, async (req, actor) => {
      const { userId } = req.params as PathOf<'previewUserContent'>;
      return { status: 200, body: unwrap(await deps.preview.execute({ actor, userId })) };
    }),
  );
  return router;
}
