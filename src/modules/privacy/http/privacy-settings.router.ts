import type { Router } from 'express';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { flagDto, settingsDto } from './privacy.dto.js';
import { manage, type PrivacyHttpDeps } from './privacy-http.js';

/** A tenant's privacy settings and its retention run. */
export function privacySettingsRouter(deps: Pick<PrivacyHttpDeps, 'endpoints' | 'getSettings' | 'updateSettings' | 'runRetention' | 'listFlags'>): Router {
  return operationsRouter(deps.endpoints, {
    getPrivacySettings: (op) => op.tenant(manage, async (_input, actor) => ok(settingsDto(await deps.getSettings.execute({ tenantId: actor.tenantId })))),
    updatePrivacySettings: (op) => op.tenant(manage, async ({ body }, actor) => ok(settingsDto(await deps.updateSettings.execute({ ...actor, changes: body })))),
    runRetention: (op) => op.tenant(manage, async (_input, actor) => ok(await deps.runRetention.execute(actor.tenantId, { actorType: actor.actorType, actorId: actor.actorId }))),
    listRetentionFlags: (op) => op.tenant(manage, async (_input, actor) => ok({ items: (await deps.listFlags.execute({ tenantId: actor.tenantId })).map(flagDto) })),
  });
}
