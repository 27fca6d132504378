import { Router } from 'express';
import { pageOf, type PathOf, type QueryOf, type RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { erasureDto } from './privacy.dto.js';
import type { PrivacyHttpDeps } from './privacy-http.js';

/** Erasure of a user, a contact or one's own account, and the record of erasures. */
export function privacyErasureRouter(deps: PrivacyHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const manage = { permission: 'privacy.manage' } as const;
  const self = { permission: 'me.privacy' } as const;
  router.post(
    '/v1/privacy/users/:userId/erase',
    endpoints.tenant(manage, async (req, actor) => {
      const { userId } = req.params as PathOf<'eraseUser'>;
      unwrap(await deps.eraseUser.execute({ actor, userId }));
      return { status: 204 };
    }),
  );
  router.post(
    '/v1/privacy/contacts/:contactId/erase',
    endpoints.tenant(manage, async (req, actor) => {
      const { contactId } = req.params as PathOf<'eraseContact'>;
      unwrap(await deps.eraseContact.execute({ actor, contactId }));
      return { status: 204 };
    }),
  );
  router.post(
    '/v1/me/erase',
    endpoints.tenant(self, async (req, actor) => {
      const body = req.body as RequestBody<'deleteMyAccount'>;
      unwrap(await deps.deleteOwnAccount.execute({ actor, password: body.password, code: body.code ?? null }));
      return { status: 204 };
    }),
  );
  router.get(
    '/v1/privacy/erasures',
    endpoints.tenant(manage, async (req, actor) => {
      const query = req.query as QueryOf<'listErasures'>;
      const { page, pageSize } = pageOf(query);
      const { items, total } = await deps.listErasures.execute({ tenantId: actor.tenantId, page, pageSize });
      return { status: 200, body: { items: items.map(erasureDto), page, pageSize, total } };
    }),
  );
  return router;
}
