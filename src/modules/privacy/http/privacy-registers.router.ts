import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { noContentAfter, ok, operationsRouter } from '../../../platform/http/operations.js';
import { activityDto, breachChanges, breachDto } from './privacy.dto.js';
import { manage, type PrivacyHttpDeps } from './privacy-http.js';

type RegistersHttpDeps = Pick<
  PrivacyHttpDeps,
  'endpoints' | 'clock' | 'listBreaches' | 'recordBreach' | 'updateBreach' | 'listProcessing' | 'recordProcessing' | 'updateProcessing' | 'deleteProcessing'
>;

/** The tenant's registers: data breaches and processing activities. */
export function privacyRegistersRouter(deps: RegistersHttpDeps): Router {
  // Whether a breach is overdue for reporting depends on when it is read.
  const breach = (b: Parameters<typeof breachDto>[0]) => breachDto(b, deps.clock.now());
  return operationsRouter(deps.endpoints, {
    listBreaches: (op) => op.tenant(manage, async (_input, actor) => ok({ items: (await deps.listBreaches.execute({ tenantId: actor.tenantId })).map(breach) })),
    createBreach: (op) =>
      op.tenant(manage, ({ body }, actor) => {
        const details = { ...breachChanges(body), title: body.title, description: body.description, foundAt: new Date(body.foundAt) };
        return Promise.resolve({ status: 201, body: breach(unwrap(deps.recordBreach.execute({ actor, details }))) });
      }),
    updateBreach: (op) => op.tenant(manage, async ({ path, body }, actor) => ok(breach(unwrap(await deps.updateBreach.execute({ actor, ...path, changes: breachChanges(body) }))))),
    listProcessingActivities: (op) => op.tenant(manage, async (_input, actor) => ok({ items: (await deps.listProcessing.execute({ tenantId: actor.tenantId })).map(activityDto) })),
    createProcessingActivity: (op) =>
      op.tenant(manage, ({ body }, actor) => {
        const details = { ...body, specialCategories: body.specialCategories ?? [], processors: body.processors ?? [], recipients: body.recipients ?? [] };
        return Promise.resolve({ status: 201, body: activityDto(unwrap(deps.recordProcessing.execute({ actor, details }))) });
      }),
    updateProcessingActivity: (op) =>
      op.tenant(manage, async ({ path, body }, actor) => ok(activityDto(unwrap(await deps.updateProcessing.execute({ actor, ...path, changes: body }))))),
    deleteProcessingActivity: (op) => op.tenant(manage, ({ path }, actor) => noContentAfter(deps.deleteProcessing.execute({ actor, ...path }))),
  });
}
