import { Router } from 'express';
import type { RequestBody } from '../../../platform/http/contract.js';
import { flagDto, settingsDto } from './privacy.dto.js';
import type { PrivacyHttpDeps } from './privacy-http.js';

/** A tenant's privacy settings and its retention run. */
export function privacySettingsRouter(deps: PrivacyHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const manage = { permission: 'privacy.manage' } as const;
  router.get(
    '/v1/privacy/settings',
    endpoints.tenant(manage, async (_req, actor) => ({
      status: 200,
      body: settingsDto(await deps.getSettings.execute({ tenantId: actor.tenantId })),
    })),
  );
  router.patch(
    '/v1/privacy/settings',
    endpoints.tenant(manage, async (req, actor) => {
      const changes = req.body as RequestBody<'updatePrivacySettings'>;
      return { status: 200, body: settingsDto(await deps.updateSettings.execute({ ...actor, changes })) };
    }),
  );
  router.post(
    '/v1/privacy/retention/run',
    endpoints.tenant(manage, async (_req, actor) => ({
      status: 200,
      body: await deps.runRetention.execute(actor.tenantId, { actorType: actor.actorType, actorId: actor.actorId }),
    })),
  );
  router.get(
    '/v1/privacy/retention/flags',
    endpoints.tenant(manage, async (_req, actor) => ({
      status: 200,
      body: { items: (await deps.listFlags.execute({ tenantId: actor.tenantId })).map(flagDto) },
    })),
  );
  return router;
}
