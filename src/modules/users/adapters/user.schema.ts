import { tableSchema, tenantOwnedSchema, timestamps, timestamp, optionalTimestamp, keyUuid } from '../../../platform/database/entity-schema.js';
import { ActivationToken } from '../domain/activation-token.js';
import { ApiKey, RecoveryCode } from '../domain/api-key.js';
import { Group, GroupMembership } from '../domain/group.js';
import { Operator } from '../domain/operator.js';
import { DeviceSession, RefreshToken } from '../domain/session.js';
import { User } from '../domain/user.js';

export const UserSchema = tenantOwnedSchema(User, 'users', {
  email: { type: 'string', length: 320 },
  name: { type: 'string', length: 200 },
  phone: { type: 'string', length: 40, nullable: true },
  jobTitle: { type: 'string', length: 200, nullable: true },
  location: { type: 'string', length: 200, nullable: true },
  roles: { type: 'string[]' },
  status: { type: 'string', length: 16 },
  passwordHash: { type: 'string', length: 200, nullable: true, lazy: true },
  totpSecretSealed: { type: 'string', length: 300, nullable: true, lazy: true },
  totpPendingSealed: { type: 'string', length: 300, nullable: true, lazy: true },
  totpEnabledAt: optionalTimestamp,
  totpLastStep: { type: 'integer', nullable: true, lazy: true },
  activatedAt: optionalTimestamp,
  deactivatedAt: optionalTimestamp,
  retentionUntil: { type: 'string', columnType: 'date', nullable: true },
  legalBasis: { type: 'string', length: 30, nullable: true },
  legalBasisNote: { type: 'string', length: 1000, nullable: true },
  purgedAt: optionalTimestamp,
  ...timestamps,
}, {
  uniques: [{ name: 'users_tenant_email_unique', properties: ['tenantId', 'email'] }],
});

export const GroupSchema = tenantOwnedSchema(Group, 'groups', {
  name: { type: 'string', length: 200 },
  type: { type: 'string', length: 16 },
  description: { type: 'text', nullable: true },
  ...timestamps,
}, {
  uniques: [{ name: 'groups_tenant_name_unique', properties: ['tenantId', 'name'] }],
});

export const GroupMembershipSchema = tableSchema(GroupMembership, 'group_members', {
  tenantId: keyUuid,
  groupId: keyUuid,
  userId: keyUuid,
  addedAt: timestamp,
}, {
  indexes: [{ name: 'group_members_tenant_user_index', properties: ['tenantId', 'userId'] }],
});

export const ActivationTokenSchema = tenantOwnedSchema(ActivationToken, 'activation_tokens', {
  userId: { type: 'uuid', index: true },
  purpose: { type: 'string', length: 20, default: 'activation' },
  secretHash: { type: 'string', length: 64 },
  expiresAt: timestamp,
  usedAt: optionalTimestamp,
  createdAt: timestamp,
}, {
  // Per tenant is enough: a token names its tenant and is looked up with it.
  uniques: [{ name: 'activation_tokens_tenant_secret_hash_unique', properties: ['tenantId', 'secretHash'] }],
});

export const DeviceSessionSchema = tenantOwnedSchema(DeviceSession, 'device_sessions', {
  userId: { type: 'uuid' },
  deviceName: { type: 'string', length: 100, nullable: true },
  platform: { type: 'string', length: 16, nullable: true },
  appVersion: { type: 'string', length: 30, nullable: true },
  createdAt: timestamp,
  lastSeenAt: timestamp,
  revokedAt: optionalTimestamp,
  revokeReason: { type: 'string', length: 40, nullable: true },
}, {
  indexes: [{ name: 'device_sessions_tenant_user_index', properties: ['tenantId', 'userId'] }],
});

export const RefreshTokenSchema = tenantOwnedSchema(RefreshToken, 'refresh_tokens', {
  sessionId: { type: 'uuid', index: true },
  tokenHash: { type: 'string', length: 64 },
  createdAt: timestamp,
  rotatedAt: optionalTimestamp,
}, {
  // Per tenant is enough: a refresh token names its tenant and is looked up with it.
  uniques: [{ name: 'refresh_tokens_tenant_token_hash_unique', properties: ['tenantId', 'tokenHash'] }],
});

export const ApiKeySchema = tenantOwnedSchema(ApiKey, 'api_keys', {
  name: { type: 'string', length: 100 },
  scopes: { type: 'string[]' },
  secretHash: { type: 'string', length: 64, lazy: true },
  createdBy: { type: 'uuid' },
  createdAt: timestamp,
  lastUsedAt: optionalTimestamp,
  revokedAt: optionalTimestamp,
});

export const RecoveryCodeSchema = tenantOwnedSchema(RecoveryCode, 'recovery_codes', {
  userId: { type: 'uuid' },
  codeHash: { type: 'string', length: 64 },
  usedAt: optionalTimestamp,
}, {
  indexes: [{ name: 'recovery_codes_tenant_user_index', properties: ['tenantId', 'userId'] }],
});

/** Platform-level: operators belong to no tenant. */
export const OperatorSchema = tableSchema(Operator, 'operators', {
  id: keyUuid,
  email: { type: 'string', length: 320, unique: true },
  name: { type: 'string', length: 200 },
  passwordHash: { type: 'string', length: 200 },
  createdAt: timestamp,
  lastLoginAt: optionalTimestamp,
});

export const userEntities = [
  UserSchema,
  GroupSchema,
  GroupMembershipSchema,
  ActivationTokenSchema,
  DeviceSessionSchema,
  RefreshTokenSchema,
  ApiKeySchema,
  RecoveryCodeSchema,
  OperatorSchema,
];
