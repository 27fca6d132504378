import { tenantOwnedSchema, timestamp } from '../database/entity-schema.js';
import { AuditEvent } from './audit-event.js';

/** Append-only: the application role may insert and read, never update or delete (see bootstrap). */
export const AuditEventSchema = tenantOwnedSchema(AuditEvent, 'audit_events', {
  occurredAt: timestamp,
  action: { type: 'string', length: 100 },
  actorType: { type: 'string', length: 16 },
  actorId: { type: 'string', length: 64, nullable: true },
  subjectType: { type: 'string', length: 32, nullable: true },
  subjectId: { type: 'string', length: 64, nullable: true },
  clientAddress: { type: 'string', length: 64, nullable: true },
  userAgent: { type: 'string', length: 300, nullable: true },
  details: { type: 'json' },
}, {
  indexes: [
    { name: 'audit_events_tenant_time_index', properties: ['tenantId', 'occurredAt'] },
    { name: 'audit_events_tenant_subject_index', properties: ['tenantId', 'subjectId'] },
    { name: 'audit_events_tenant_actor_index', properties: ['tenantId', 'actorId'] },
  ],
});
