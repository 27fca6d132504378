import type { Router } from 'express';
import { unwrap } from '../../../platform/http/endpoint.js';
import { ok, operationsRouter } from '../../../platform/http/operations.js';
import { agreementDto, file, operatorOf } from './privacy.dto.js';
import { manage, type PrivacyHttpDeps } from './privacy-http.js';

const operator = { permission: 'platform.tenants.manage' } as const;

/** Processor agreements and tenant offboarding, for operators; a tenant reads its own agreements. */
export function processorAgreementsRouter(deps: Pick<PrivacyHttpDeps, 'endpoints' | 'logger' | 'listAgreements' | 'recordAgreement' | 'archiveTenant' | 'offboardTenant'>): Router {
  const agreements = async (tenantId: string) => ok({ items: unwrap(await deps.listAgreements.execute({ tenantId })).map(agreementDto) });
  return operationsRouter(deps.endpoints, {
    // The tenant reads what the operator recorded; only the operator records it.
    listOwnProcessorAgreements: (op) => op.tenant(manage, (_input, actor) => agreements(actor.tenantId)),
    listProcessorAgreements: (op) => op.platform(operator, ({ path }) => agreements(path.tenantId)),
    recordProcessorAgreement: (op) =>
      op.platform(operator, async ({ path, body, req }, principal) => {
        const acceptedAt = body.acceptedAt ? new Date(body.acceptedAt) : null;
        const { version, acceptedByName, acceptedByEmail } = body;
        const agreement = unwrap(await deps.recordAgreement.execute({ operator: operatorOf(principal, req), ...path, version, acceptedByName, acceptedByEmail, acceptedAt }));
        return { status: 201, body: agreementDto(agreement) };
      }),
    archiveTenant: (op) => op.platformFile(operator, async ({ path, req }, principal) => file(unwrap(await deps.archiveTenant.execute({ operator: operatorOf(principal, req), ...path })))),
    offboardTenant: (op) =>
      op.platform(operator, async ({ path: { tenantId }, req }, principal) => {
        const by = operatorOf(principal, req);
        const outcome = unwrap(await deps.offboardTenant.execute({ operator: by, tenantId }));
        deps.logger.info({ tenantId, operatorId: by.operatorId, clientAddress: by.clientAddress, filesDeleted: outcome.files }, 'tenant offboarded: every row and file deleted');
        return ok({ tenantId, filesDeleted: outcome.files });
      }),
  });
}
