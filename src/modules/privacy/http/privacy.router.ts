import { Router, type Request } from 'express';
import type { components, PathOf, QueryOf, RequestBody } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Breach } from '../domain/breach.js';
import type { ErasureRecord } from '../domain/erasure.js';
import type { PrivacySettings, ProcessorAgreement, RetentionFlag } from '../domain/privacy-settings.js';
import type { ProcessingActivity } from '../domain/processing-activity.js';
import type { FileReply } from '../application/deps.js';
import type { DeleteOwnAccount, EraseContact, EraseUser, ListErasures } from '../application/erasure.js';
import type { ExportAuditTrail, ExportPeople, ExportSubject } from '../application/exports.js';
import type { ArchiveTenant, ListProcessorAgreements, OffboardTenant, RecordProcessorAgreement } from '../application/offboarding.js';
import type { DeleteProcessingActivity, ExportRegister, ListBreaches, ListProcessingActivities, RecordBreach, RecordProcessingActivity, UpdateBreach, UpdateProcessingActivity } from '../application/registers.js';
import type { GetPrivacySettings, ListRetentionFlags, RunRetention, UpdatePrivacySettings } from '../application/retention.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { Logger } from '../../../platform/logging/logger.js';

type Schemas = components['schemas'];

export interface PrivacyHttpDeps {
  endpoints: Endpoints;
  clock: Clock;
  /** Offboarding leaves no audit trail in the tenant (it is deleted with it): the operator's log keeps the line. */
  logger: Logger;
  getSettings: GetPrivacySettings;
  updateSettings: UpdatePrivacySettings;
  runRetention: RunRetention;
  listFlags: ListRetentionFlags;
  exportPeople: ExportPeople;
  exportSubject: ExportSubject;
  exportAudit: ExportAuditTrail;
  eraseUser: EraseUser;
  eraseContact: EraseContact;
  deleteOwnAccount: DeleteOwnAccount;
  listErasures: ListErasures;
  listBreaches: ListBreaches;
  recordBreach: RecordBreach;
  updateBreach: UpdateBreach;
  listProcessing: ListProcessingActivities;
  recordProcessing: RecordProcessingActivity;
  updateProcessing: UpdateProcessingActivity;
  deleteProcessing: DeleteProcessingActivity;
  exportRegister: ExportRegister;
  recordAgreement: RecordProcessorAgreement;
  listAgreements: ListProcessorAgreements;
  archiveTenant: ArchiveTenant;
  offboardTenant: OffboardTenant;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

function file(reply: FileReply) {
  return { stream: reply.stream, headers: { 'content-type': reply.contentType, 'content-disposition': `attachment; filename="${reply.fileName}"`, 'cache-control': 'no-store' } };
}

function settingsDto(s: PrivacySettings): Schemas['PrivacySettings'] {
  return { erasePastRetention: s.erasePastRetention, deactivatedPurgeMonths: s.deactivatedPurgeMonths, updatedAt: s.updatedAt.toISOString() };
}

function flagDto(f: RetentionFlag): Schemas['RetentionFlag'] {
  return { subjectType: f.subjectType, subjectId: f.subjectId, retentionUntil: f.retentionUntil, flaggedAt: f.flaggedAt.toISOString() };
}

function erasureDto(e: ErasureRecord): Schemas['Erasure'] {
  return { id: e.id, subjectType: e.subjectType, subjectId: e.subjectId, reason: e.reason, requestedBy: e.requestedBy, erasedAt: e.erasedAt.toISOString() };
}

function breachDto(b: Breach, now: Date): Schemas['Breach'] {
  return {
    id: b.id,
    title: b.title,
    description: b.description,
    foundAt: b.foundAt.toISOString(),
    dataCategories: b.dataCategories,
    peopleAffected: b.peopleAffected,
    reportable: b.reportable,
    reportedToAuthorityAt: iso(b.reportedToAuthorityAt),
    authorityReference: b.authorityReference,
    measures: b.measures,
    reportingDeadline: b.reportingDeadline().toISOString(),
    overdue: b.isOverdue(now),
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

function activityDto(p: ProcessingActivity): Schemas['ProcessingActivity'] {
  return {
    id: p.id,
    activity: p.activity,
    purpose: p.purpose,
    dataCategories: p.dataCategories,
    specialCategories: p.specialCategories,
    involvesSpecialCategories: p.involvesSpecialCategories(),
    legalBasis: p.legalBasis,
    retention: p.retention,
    processors: p.processors,
    recipients: p.recipients,
    responsible: p.responsible,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function agreementDto(a: ProcessorAgreement): Schemas['ProcessorAgreement'] {
  return { id: a.id, version: a.version, acceptedByName: a.acceptedByName, acceptedByEmail: a.acceptedByEmail, acceptedAt: a.acceptedAt.toISOString(), recordedBy: a.recordedBy };
}

function breachChanges(body: Partial<Schemas['BreachCreate']>) {
  const { foundAt, reportedToAuthorityAt, ...rest } = body;
  return {
    ...rest,
    ...(foundAt !== undefined ? { foundAt: new Date(foundAt) } : {}),
    ...(reportedToAuthorityAt !== undefined ? { reportedToAuthorityAt: reportedToAuthorityAt === null ? null : new Date(reportedToAuthorityAt) } : {}),
  };
}

function operatorOf(principal: Principal, req: Request) {
  return { operatorId: principal.kind === 'operator' ? principal.operatorId : '', clientAddress: req.ip ?? null };
}

export function privacyRouter(deps: PrivacyHttpDeps): Router {
  const router = Router();
  const { endpoints } = deps;
  const manage = { permission: 'privacy.manage' } as const;
  const self = { permission: 'me.privacy' } as const;
  const operator = { permission: 'platform.tenants.manage' } as const;

  router.get('/v1/privacy/settings', endpoints.tenant(manage, async (_req, actor) => ({ status: 200, body: settingsDto(await deps.getSettings.execute({ tenantId: actor.tenantId })) })));
  router.patch(
    '/v1/privacy/settings',
    endpoints.tenant(manage, async (req, actor) => {
      const changes = req.body as RequestBody<'updatePrivacySettings'>;
      return { status: 200, body: settingsDto(await deps.updateSettings.execute({ ...actor, changes })) };
    }),
  );
  router.post(
    '/v1/privacy/retention/run',
    endpoints.tenant(manage, async (_req, actor) => ({ status: 200, body: await deps.runRetention.execute(actor.tenantId, { actorType: actor.actorType, actorId: actor.actorId }) })),
  );
  router.get('/v1/privacy/retention/flags', endpoints.tenant(manage, async (_req, actor) => ({ status: 200, body: { items: (await deps.listFlags.execute({ tenantId: actor.tenantId })).map(flagDto) } })));

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
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const { items, total } = await deps.listErasures.execute({ tenantId: actor.tenantId, page, pageSize });
      return { status: 200, body: { items: items.map(erasureDto), page, pageSize, total } };
    }),
  );

  router.get('/v1/privacy/breaches', endpoints.tenant(manage, async (_req, actor) => ({ status: 200, body: { items: (await deps.listBreaches.execute({ tenantId: actor.tenantId })).map((b) => breachDto(b, deps.clock.now())) } })));
  router.post(
    '/v1/privacy/breaches',
    endpoints.tenant(manage, (req, actor) => {
      const body = req.body as RequestBody<'createBreach'>;
      const breach = unwrap(deps.recordBreach.execute({ actor, details: { ...breachChanges(body), title: body.title, description: body.description, foundAt: new Date(body.foundAt) } }));
      return Promise.resolve({ status: 201, body: breachDto(breach, deps.clock.now()) });
    }),
  );
  router.patch(
    '/v1/privacy/breaches/:breachId',
    endpoints.tenant(manage, async (req, actor) => {
      const { breachId } = req.params as PathOf<'updateBreach'>;
      const breach = unwrap(await deps.updateBreach.execute({ actor, breachId, changes: breachChanges(req.body as RequestBody<'updateBreach'>) }));
      return { status: 200, body: breachDto(breach, deps.clock.now()) };
    }),
  );
  router.get('/v1/privacy/processing-activities', endpoints.tenant(manage, async (_req, actor) => ({ status: 200, body: { items: (await deps.listProcessing.execute({ tenantId: actor.tenantId })).map(activityDto) } })));
  router.post(
    '/v1/privacy/processing-activities',
    endpoints.tenant(manage, (req, actor) => {
      const body = req.body as RequestBody<'createProcessingActivity'>;
      const activity = unwrap(deps.recordProcessing.execute({ actor, details: { ...body, specialCategories: body.specialCategories ?? [], processors: body.processors ?? [], recipients: body.recipients ?? [] } }));
      return Promise.resolve({ status: 201, body: activityDto(activity) });
    }),
  );
  router.patch(
    '/v1/privacy/processing-activities/:activityId',
    endpoints.tenant(manage, async (req, actor) => {
      const { activityId } = req.params as PathOf<'updateProcessingActivity'>;
      const activity = unwrap(await deps.updateProcessing.execute({ actor, activityId, changes: req.body as RequestBody<'updateProcessingActivity'> }));
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

  // The tenant reads what the operator recorded; only the operator records it.
  router.get(
    '/v1/privacy/processor-agreements',
    endpoints.tenant(manage, async (_req, actor) => ({ status: 200, body: { items: unwrap(await deps.listAgreements.execute({ tenantId: actor.tenantId })).map(agreementDto) } })),
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
        await deps.recordAgreement.execute({ operator: operatorOf(principal!, req), tenantId, version: body.version, acceptedByName: body.acceptedByName, acceptedByEmail: body.acceptedByEmail, acceptedAt: body.acceptedAt ? new Date(body.acceptedAt) : null }),
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
      deps.logger.info({ tenantId, operatorId: by.operatorId, clientAddress: by.clientAddress, filesDeleted: outcome.files }, 'tenant offboarded: every row and file deleted');
      return { status: 200, body: { tenantId, filesDeleted: outcome.files } };
    }),
  );
  return router;
}
