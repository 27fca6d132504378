import { Router } from 'express';
import type { PathOf, QueryOf } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { file } from './privacy.dto.js';
import type { PrivacyHttpDeps } from './privacy-http.js';

/** Exports of personal data: bulk, registers, the audit trail, one person's, and one's own. */
export function privacyExportsRouter(deps: PrivacyHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const manage = { permission: 'privacy.manage' } as const;
  const self = { permission: 'me.privacy' } as const;
  for (const dataset of ['users', 'contacts'] as const) {
    router.get(
      `/v1/privacy/exports/${dataset}`,
      endpoints.tenantStream(manage, (req, actor) => {
        const { format } = req.query as QueryOf<'exportAllUsers'>;
        return Promise.resolve(file(deps.exportPeople.execute({ actor, dataset, format: format ?? 'xlsx' })));
      }),
    );
  }
  for (const [path, register] of [
    ['breaches', 'breaches'],
    ['processing-activities', 'processing'],
  ] as const) {
    router.get(
      `/v1/privacy/exports/${path}`,
      endpoints.tenantStream(manage, async (req, actor) => {
        const { format } = req.query as QueryOf<'exportBreachRegister'>;
        return file(await deps.exportRegister.execute({ actor, register, format: format ?? 'xlsx' }));
      }),
    );
  }
  router.get(
    '/v1/privacy/exports/audit-events',
    endpoints.tenantStream({ permission: 'audit.read' }, (req, actor) => {
      const query = req.query as QueryOf<'exportAuditEvents'>;
      const filter = {
        ...(query.action ? { action: query.action } : {}),
        ...(query.actorId ? { actorId: query.actorId } : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
      };
      return Promise.resolve(file(deps.exportAudit.execute({ actor, format: query.format ?? 'csv', filter })));
    }),
  );
  router.get(
    '/v1/privacy/users/:userId/export',
    endpoints.tenantStream(manage, async (req, actor) => {
      const { userId } = req.params as PathOf<'exportUserData'>;
      const { format } = req.query as QueryOf<'exportUserData'>;
      return file(unwrap(await deps.exportSubject.execute({ actor, userId, format: format ?? 'json' })));
    }),
  );
  router.get(
    '/v1/me/personal-data',
    endpoints.tenantStream(self, async (req, actor) => {
      const { format } = req.query as QueryOf<'exportMyData'>;
      return file(unwrap(await deps.exportSubject.execute({ actor, userId: actor.userId ?? '', format: format ?? 'json' })));
    }),
  );
  return router;
}
