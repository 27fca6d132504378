import { AuditEventSchema } from '../platform/audit/audit.schema.js';
import { IdempotencyRecordSchema } from '../platform/idempotency/idempotency.schema.js';
import type { PlatformModule } from '../platform/container/platform-module.js';
import { contentModule } from './content/module.js';
import { incidentsModule } from './incidents/module.js';
import { messagingModule } from './messaging/module.js';
import { privacyModule } from './privacy/module.js';
import { tenantsModule } from './tenants/module.js';
import { usersModule } from './users/module.js';

/** Every module of the platform, in the order their routes are mounted. */
export const modules: PlatformModule[] = [tenantsModule, usersModule, contentModule, messagingModule, incidentsModule, privacyModule];

/** Every table: the platform's own (audit, idempotency keys) and each module's. */
export const entities = [AuditEventSchema, IdempotencyRecordSchema, ...modules.flatMap((module) => module.entities)];
