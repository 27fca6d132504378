import type { Request } from 'express';
import type { components } from '../../../platform/http/contract.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Breach } from '../domain/breach.js';
import type { ErasureRecord } from '../domain/erasure.js';
import type { PrivacySettings, ProcessorAgreement, RetentionFlag } from '../domain/privacy-settings.js';
import type { ProcessingActivity } from '../domain/processing-activity.js';
import type { FileReply } from '../application/deps.js';

type Schemas = components['schemas'];

export const iso = (at: Date | null) => at?.toISOString() ?? null;

export function file(reply: FileReply) {
  return {
    stream: reply.stream,
    headers: {
      'content-type': reply.contentType,
      'content-disposition': `attachment; filename="${reply.fileName}"`,
      'cache-control': 'no-store',
    },
  };
}

export function settingsDto(s: PrivacySettings): Schemas['PrivacySettings'] {
  return {
    erasePastRetention: s.erasePastRetention,
    deactivatedPurgeMonths: s.deactivatedPurgeMonths,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function flagDto(f: RetentionFlag): Schemas['RetentionFlag'] {
  return { subjectType: f.subjectType, subjectId: f.subjectId, retentionUntil: f.retentionUntil, flaggedAt: f.flaggedAt.toISOString() };
}

export function erasureDto(e: ErasureRecord): Schemas['Erasure'] {
  return {
    id: e.id,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    reason: e.reason,
    requestedBy: e.requestedBy,
    erasedAt: e.erasedAt.toISOString(),
  };
}

export function breachDto(b: Breach, now: Date): Schemas['Breach'] {
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

export function activityDto(p: ProcessingActivity): Schemas['ProcessingActivity'] {
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

export function agreementDto(a: ProcessorAgreement): Schemas['ProcessorAgreement'] {
  return {
    id: a.id,
    version: a.version,
    acceptedByName: a.acceptedByName,
    acceptedByEmail: a.acceptedByEmail,
    acceptedAt: a.acceptedAt.toISOString(),
    recordedBy: a.recordedBy,
  };
}

export function breachChanges(body: Partial<Schemas['BreachCreate']>) {
  const { foundAt, reportedToAuthorityAt, ...rest } = body;
  return {
    ...rest,
    ...(foundAt !== undefined ? { foundAt: new Date(foundAt) } : {}),
    ...(reportedToAuthorityAt !== undefined
      ? { reportedToAuthorityAt: reportedToAuthorityAt === null ? null : new Date(reportedToAuthorityAt) }
      : {}),
  };
}

/** The operator behind a platform request; the permission check has admitted a principal already. */
export function operatorOf(principal: Principal | null, req: Request) {
  return { operatorId: principal?.kind === 'operator' ? principal.operatorId : '', clientAddress: req.ip ?? null };
}
