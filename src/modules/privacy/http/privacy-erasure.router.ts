import type { Router } from 'express';
import { pageOf } from '../../../platform/http/contract.js';
import { noContentAfter, ok, operationsRouter } from '../../../platform/http/operations.js';
import { erasureDto } from './privacy.dto.js';
import { manage, self, type PrivacyHttpDeps } from './privacy-http.js';

/** Erasure of a user, a contact or one's own account, and the record of erasures. */
export function privacyErasureRouter(deps: Pick<PrivacyHttpDeps, 'endpoints' | 'eraseUser' | 'eraseContact' | 'deleteOwnAccount' | 'listErasures'>): Router {
  return operationsRouter(deps.endpoints, {
    eraseUser: (op) => op.tenant(manage, ({ path }, actor) => noContentAfter(deps.eraseUser.execute({ actor, ...path }))),
    eraseContact: (op) => op.tenant(manage, ({ path }, actor) => noContentAfter(deps.eraseContact.execute({ actor, ...path }))),
    deleteMyAccount: (op) => op.tenant(self, ({ body }, actor) => noContentAfter(deps.deleteOwnAccount.execute({ actor, password: body.password, code: body.code ?? null }))),
    listErasures: (op) =>
      op.tenant(manage, async ({ query }, actor) => {
        const { page, pageSize } = pageOf(query);
        const { items, total } = await deps.listErasures.execute({ tenantId: actor.tenantId, page, pageSize });
        return ok({ items: items.map(erasureDto), page, pageSize, total });
      }),
  });
}
