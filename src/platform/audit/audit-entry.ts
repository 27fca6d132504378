import type { Actor } from '../auth/actor.js';
import type { AuditEntry } from './audit-event.js';

/** What an audit line says beyond who did it: the action and, where there is one, its subject. */
export interface AuditFact {
  action: string;
  subjectType?: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The audit entry of something an actor did. Every use case names the actor the same way (tenant,
 * type, id, address, user agent), so that part is said once here and a call site states only the fact.
 */
export function auditEntry(actor: Actor, fact: AuditFact): AuditEntry {
  return {
    tenantId: actor.tenantId,
    actorType: actor.actorType,
    actorId: actor.actorId,
    clientAddress: actor.clientAddress,
    userAgent: actor.userAgent,
    action: fact.action,
    ...(fact.subjectType !== undefined ? { subjectType: fact.subjectType, subjectId: fact.subjectId ?? null } : {}),
    ...(fact.details ? { details: fact.details } : {}),
  };
}

/** The audit line of a tenant file applied (onboarding as code): no actor but the system, and the file as its source. */
export function tenantFileEntry(tenantId: string, fact: AuditFact): AuditEntry {
  return {
    tenantId,
    actorType: 'system',
    actorId: null,
    action: fact.action,
    ...(fact.subjectType !== undefined ? { subjectType: fact.subjectType, subjectId: fact.subjectId ?? null } : {}),
    details: { source: 'tenant file', ...fact.details },
  };
}
