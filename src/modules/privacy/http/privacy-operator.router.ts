import { Router } from 'express';
import type { PathOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap } from '../../../platform/http/endpoint.js';
import { agreementDto, file, operatorOf } from './privacy.dto.js';
import type { PrivacyHttpDeps } from './privacy-http.js';

/** Processor agreements and tenant offboarding, for operators; a tenant reads its own agreements. */
export function processorAgreementsRouter(deps: PrivacyHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const manage = { permission: 'privacy.manage' } as const;
  const operator = { permission: 'platform.tenants.manage' } as const;
  // The tenant reads what the operator recorded; only the operator records it.
  router.get(
    '/v1/privacy/processor-agreements',
    endpoints.tenant(manage, async (_req, actor) => ({
      status: 200,
      body: { items: unwrap(await deps.listAgreements.execute({ tenantId: actor.tenantId })).map(agreementDto) },
    })),
  );
  router.get(
    '/v1/platform/tenants/:tenantId/processor-agreements',
    endpoints.platform(operator, async (req) => {
      const { tenantId } = req.params as PathOf<'listProcessorAgreements'>;
      return { status: 200, body: { items: unwrap(await deps.listAgreements.execute({ tenantId })).map(agreementDto) } };
    }),
  );
  router.post(
    '/v1/platform/tenants/:tenantId/processor-agreements',
    endpoints.platform(operator, async (req, principal) => {
      const { tenantId } = req.params as PathOf<'recordProcessorAgreement'>;
      const body = req.body as RequestBody<'recordProcessorAgreement'>;
      const agreement = unwrap(
        await deps.recordAgreement.execute({
          operator: operatorOf(principal!, req),
          tenantId,
          version: body.version,
          acceptedByName: body.acceptedByName,
          acceptedByEmail: body.acceptedByEmail,
          acceptedAt: body.acceptedAt ? new Date(body.acceptedAt) : null,
        }),
      );
      return { status: 201, body: agreementDto(agreement) };
    }),
  );
  router.get(
    '/v1/platform/tenants/:tenantId/archive',
    endpoints.platformStream(operator, async (req, principal) => {
      const { tenantId } = req.params as PathOf<'archiveTenant'>;
      return file(unwrap(await deps.archiveTenant.execute({ operator: operatorOf(principal, req), tenantId })));
    }),
  );
  router.delete(
    '/v1/platform/tenants/:tenantId',
    endpoints.platform(operator, async (req, principal) => {
      const { tenantId } = req.params as PathOf<'offboardTenant'>;
      const by = operatorOf(principal!, req);
      const outcome = unwrap(await deps.offboardTenant.execute({ operator: by, tenantId }));
      deps.logger.info(
        { tenantId, operatorId: by.operatorId, clientAddress: by.clientAddress, filesDeleted: outcome.files },
        'tenant offboarded: every row and file deleted',
      );
      return { status: 200, body: { tenantId, filesDeleted: outcome.files } };
    }),
  );
  return router;
}
