import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { activityDto, breachChanges, breachDto } from './privacy.dto.js';
import type { PrivacyHttpDeps } from './privacy-http.js';

/** The tenant's registers: data breaches and processing activities. */
export function privacyRegistersRouter(deps: PrivacyHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const manage = { permission: 'privacy.manage' } as const;
  router.get(
    '/v1/privacy/breaches',
    endpoints.tenant(manage, async (_req, actor) => ({
      status: 200,
      body: { items: (await deps.listBreaches.execute({ tenantId: actor.tenantId })).map((b) => breachDto(b, deps.clock.now())) },
    })),
  );
  router.post(
    '/v1/privacy/breaches',
    endpoints.tenant(manage, (req, actor) => {
      const body = req.body as RequestBody<'createBreach'>;
      const breach = unwrap(
        deps.recordBreach.execute({
          actor,
          details: { ...breachChanges(body), title: body.title, description: body.description, foundAt: new Date(body.foundAt) },
        }),
      );
      return Promise.resolve({ status: 201, body: breachDto(breach, deps.clock.now()) });
    }),
  );
  router.patch(
    '/v1/privacy/breaches/:breachId',
    endpoints.tenant(manage, async (req, actor) => {
      const { breachId } = req.params as PathOf<'updateBreach'>;
      const breach = unwrap(
        await deps.updateBreach.execute({ actor, breachId, changes: breachChanges(req.body as RequestBody<'updateBreach'>) }),
      );
      return { status: 200, body: breachDto(breach, deps.clock.now()) };
    }),
  );
  router.get(
    '/v1/privacy/processing-activities',
    endpoints.tenant(manage, async (_req, actor) => ({
      status: 200,
      body: { items: (await deps.listProcessing.execute({ tenantId: actor.tenantId })).map(activityDto) },
    })),
  );
  router.post(
    '/v1/privacy/processing-activities',
    endpoints.tenant(manage, (req, actor) => {
      const body = req.body as RequestBody<'createProcessingActivity'>;
      const activity = unwrap(
        deps.recordProcessing.execute({
          actor,
          details: {
            ...body,
            specialCategories: body.specialCategories ?? [],
            processors: body.processors ?? [],
            recipients: body.recipients ?? [],
          },
        }),
      );
      return Promise.resolve({ status: 201, body: activityDto(activity) });
    }),
  );
  router.patch(
    '/v1/privacy/processing-activities/:activityId',
    endpoints.tenant(manage, async (req, actor) => {
      const { activityId } = req.params as PathOf<'updateProcessingActivity'>;
      const activity = unwrap(
        await deps.updateProcessing.execute({ actor, activityId, changes: req.body as RequestBody<'updateProcessingActivity'> }),
      );
      return { status: 200, body: activityDto(activity) };
    }),
  );
  router.delete(
    '/v1/privacy/processing-activities/:activityId',
    endpoints.tenant(manage, async (req, actor) => {
      const { activityId } = req.params as PathOf<'deleteProcessingActivity'>;
      unwrap(await deps.deleteProcessing.execute({ actor, activityId }));
      return { status: 204 };
    }),
  );
  return router;
}
