import { tableSchema, timestamps, optionalTimestamp, keyUuid } from '../../../platform/database/entity-schema.js';
import { Tenant } from '../domain/tenant.js';

/** Platform-level table: a tenant row is not owned by a tenant, so it has no tenant_id and no RLS. */
export const TenantSchema = tableSchema(Tenant, 'tenants', {
  id: keyUuid,
  slug: { type: 'string', length: 63, unique: true },
  name: { type: 'string', length: 200 },
  locale: { type: 'string', length: 10 },
  timeZone: { type: 'string', length: 64 },
  dpoContact: { type: 'string', length: 300, nullable: true },
  secondFactorPolicy: { type: 'string', length: 16, default: 'optional' },
  primaryColor: { type: 'string', length: 7, nullable: true },
  accentColor: { type: 'string', length: 7, nullable: true },
  logoMediaId: { type: 'uuid', nullable: true },
  status: { type: 'string', length: 16, index: true },
  suspensionReason: { type: 'string', length: 500, nullable: true },
  suspendedAt: optionalTimestamp,
  ...timestamps,
});
