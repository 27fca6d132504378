import { tableSchema, tenantOwnedSchema, timestamps, timestamp, optionalTimestamp, keyUuid } from '../../../platform/database/entity-schema.js';
import { Breach } from '../domain/breach.js';
import { ErasureRecord } from '../domain/erasure.js';
import { PrivacySettings, ProcessorAgreement, RetentionFlag } from '../domain/privacy-settings.js';
import { ProcessingActivity } from '../domain/processing-activity.js';

export const PrivacySettingsSchema = tableSchema(PrivacySettings, 'privacy_settings', {
  tenantId: keyUuid,
  erasePastRetention: { type: 'boolean', default: false },
  deactivatedPurgeMonths: { type: 'integer', default: 6 },
  updatedAt: timestamp,
});

/** No personal data: ids, reasons and times only. */
export const ErasureRecordSchema = tenantOwnedSchema(ErasureRecord, 'erasure_ledger', {
  subjectType: { type: 'string', length: 16 },
  subjectId: { type: 'uuid' },
  reason: { type: 'string', length: 32 },
  erasedAt: timestamp,
  requestedBy: { type: 'string', length: 64 },
}, {
  indexes: [{ name: 'erasure_ledger_tenant_time_index', properties: ['tenantId', 'erasedAt'] }],
});

export const RetentionFlagSchema = tableSchema(RetentionFlag, 'retention_flags', {
  tenantId: keyUuid,
  subjectType: { type: 'string', length: 16, primary: true },
  subjectId: keyUuid,
  retentionUntil: { type: 'string', columnType: 'date' },
  flaggedAt: timestamp,
});

export const BreachSchema = tenantOwnedSchema(Breach, 'breaches', {
  title: { type: 'string', length: 300 },
  description: { type: 'text' },
  foundAt: timestamp,
  dataCategories: { type: 'string[]' },
  peopleAffected: { type: 'integer', nullable: true },
  reportable: { type: 'boolean' },
  reportedToAuthorityAt: optionalTimestamp,
  authorityReference: { type: 'string', length: 100, nullable: true },
  measures: { type: 'text', nullable: true },
  ...timestamps,
}, {
  indexes: [{ name: 'breaches_tenant_found_index', properties: ['tenantId', 'foundAt'] }],
});

export const ProcessingActivitySchema = tenantOwnedSchema(ProcessingActivity, 'processing_activities', {
  activity: { type: 'string', length: 300 },
  purpose: { type: 'text' },
  dataCategories: { type: 'string[]' },
  specialCategories: { type: 'string[]' },
  legalBasis: { type: 'string', length: 30 },
  retention: { type: 'string', length: 300 },
  processors: { type: 'string[]' },
  recipients: { type: 'string[]' },
  responsible: { type: 'string', length: 200 },
  ...timestamps,
});

export const ProcessorAgreementSchema = tenantOwnedSchema(ProcessorAgreement, 'processor_agreements', {
  version: { type: 'string', length: 50 },
  acceptedByName: { type: 'string', length: 200 },
  acceptedByEmail: { type: 'string', length: 320 },
  acceptedAt: timestamp,
  recordedBy: { type: 'uuid' },
});

export const privacyEntities = [PrivacySettingsSchema, ErasureRecordSchema, RetentionFlagSchema, BreachSchema, ProcessingActivitySchema, ProcessorAgreementSchema];
