import type { ActorType, AuditEntry } from './audit-event.js';

/**
 * The audit entry for a response that shows someone else's personal data (GDPR accountability):
 * who read which subject's data of which category, when (the entry's time) and from where.
 * Every module records it with `audit.record(personalDataRead(...))` in the reading request.
 */
export function personalDataRead(
  reader: { tenantId: string; actorType: ActorType; actorId: string; clientAddress: string | null; userAgent: string | null },
  subject: { type: 'user' | 'contact'; id: string },
  category: string,
): AuditEntry {
  return {
    tenantId: reader.tenantId,
    action: 'personal_data.read',
    actorType: reader.actorType,
    actorId: reader.actorId,
    subjectType: subject.type,
    subjectId: subject.id,
    clientAddress: reader.clientAddress,
    userAgent: reader.userAgent,
    details: { category },
  };
}
