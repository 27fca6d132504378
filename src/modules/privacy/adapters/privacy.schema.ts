import { EntitySchema } from '@mikro-orm/core';
import { ormClass, tenantKey, timestamp, optionalTimestamp } from '../../../platform/database/entity-schema.js';
import { Breach } from '../domain/breach.js';
import { ErasureRecord } from '../domain/erasure.js';
import { PrivacySettings, ProcessorAgreement, RetentionFlag } from '../domain/privacy-settings.js';
import { ProcessingActivity } from '../domain/processing-activity.js';

export const PrivacySettingsSchema = new EntitySchema<PrivacySettings>({
  class: ormClass(PrivacySettings),
  tableName: 'privacy_settings',
  properties: {
    tenantId: { type: 'uuid', primary: true },
    erasePastRetention: { type: 'boolean', default: false },
    deactivatedPurgeMonths: { type: 'integer', default: 6 },
    updatedAt: timestamp,
  },
});

/** No personal data: ids, reasons and times only. */
export const ErasureRecordSchema = new EntitySchema<ErasureRecord>({
  class: ormClass(ErasureRecord),
  tableName: 'erasure_ledger',
  indexes: [{ name: 'erasure_ledger_tenant_time_index', properties: ['tenantId', 'erasedAt'] }],
  properties: {
    ...tenantKey,
    subjectType: { type: 'string', length: 16 },
    subjectId: { type: 'uuid' },
    reason: { type: 'string', length: 32 },
    erasedAt: timestamp,
    requestedBy: { type: 'string', length: 64 },
  },
});

export const RetentionFlagSchema = new EntitySchema<RetentionFlag>({
  class: ormClass(RetentionFlag),
  tableName: 'retention_flags',
  properties: {
    tenantId: { type: 'uuid', primary: true },
    subjectType: { type: 'string', length: 16, primary: true },
    subjectId: { type: 'uuid', primary: true },
    retentionUntil: { type: 'string', columnType: 'date' },
    flaggedAt: timestamp,
  },
});

export const BreachSchema = new EntitySchema<Breach>({
  class: ormClass(Breach),
  tableName: 'breaches',
  indexes: [{ name: 'breaches_tenant_found_index', properties: ['tenantId', 'foundAt'] }],
  properties: {
    ...tenantKey,
    title: { type: 'string', length: 300 },
    description: { type: 'text' },
    foundAt: timestamp,
    dataCategories: { type: 'string[]' },
    peopleAffected: { type: 'integer', nullable: true },
    reportable: { type: 'boolean' },
    reportedToAuthorityAt: optionalTimestamp,
    authorityReference: { type: 'string', length: 100, nullable: true },
    measures: { type: 'text', nullable: true },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
});

export const ProcessingActivitySchema = new EntitySchema<ProcessingActivity>({
  class: ormClass(ProcessingActivity),
  tableName: 'processing_activities',
  properties: {
    ...tenantKey,
    activity: { type: 'string', length: 300 },
    purpose: { type: 'text' },
    dataCategories: { type: 'string[]' },
    specialCategories: { type: 'string[]' },
    legalBasis: { type: 'string', length: 30 },
    retention: { type: 'string', length: 300 },
    processors: { type: 'string[]' },
    recipients: { type: 'string[]' },
    responsible: { type: 'string', length: 200 },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
});

export const ProcessorAgreementSchema = new EntitySchema<ProcessorAgreement>({
  class: ormClass(ProcessorAgreement),
  tableName: 'processor_agreements',
  properties: {
    ...tenantKey,
    version: { type: 'string', length: 50 },
    acceptedByName: { type: 'string', length: 200 },
    acceptedByEmail: { type: 'string', length: 320 },
    acceptedAt: timestamp,
    recordedBy: { type: 'uuid' },
  },
});

export const privacyEntities = [PrivacySettingsSchema, ErasureRecordSchema, RetentionFlagSchema, BreachSchema, ProcessingActivitySchema, ProcessorAgreementSchema];
