import type { Actor } from '../auth/actor.js';
import type { AuditEntry } from './audit-event.js';
import type { AuditLog } from './audit-log.js';
import { personalDataRead } from './personal-data-read.js';

/**
 * Records that a response shows these people's personal data: one `personal_data.read` entry per
 * person shown (so "who saw the data of X" is one indexed query on subject), none for the
 * caller's own data. A list page writes one entry per person on that page, in one multi-row insert
 * at the end of the request's transaction; bulk exports write one `privacy.export.*` entry instead.
 */
export function recordPersonalDataReads(
  audit: AuditLog,
  actor: Actor,
  subjectType: 'user' | 'contact',
  subjectIds: Iterable<string>,
  category: string,
): void {
  audit.recordAll(personalDataReads(actor, subjectType, subjectIds, category));
}

/** The entries recordPersonalDataReads() records, for a response that shows people of several kinds in one insert. */
export function personalDataReads(actor: Actor, subjectType: 'user' | 'contact', subjectIds: Iterable<string>, category: string): AuditEntry[] {
  const reader = { tenantId: actor.tenantId, actorType: actor.actorType, actorId: actor.actorId, clientAddress: actor.clientAddress, userAgent: actor.userAgent };
  const entries: AuditEntry[] = [];
  for (const id of new Set(subjectIds)) {
    if (subjectType === 'user' && id === actor.userId) continue;
    entries.push(personalDataRead(reader, { type: subjectType, id }, category));
  }
  return entries;
}
