import { EntitySchema, type Constructor } from '@mikro-orm/core';
import { ActivationToken } from '../domain/activation-token.js';
import { Operator } from '../domain/operator.js';
import { User } from '../domain/user.js';

export const UserSchema = new EntitySchema<User>({
  class: User as unknown as Constructor<User>,
  tableName: 'users',
  uniques: [{ name: 'users_tenant_email_unique', properties: ['tenantId', 'email'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', index: true },
    email: { type: 'string', length: 320 },
    name: { type: 'string', length: 200 },
    roles: { type: 'string[]' },
    status: { type: 'string', length: 16 },
    passwordHash: { type: 'string', length: 200, nullable: true, lazy: true },
    activatedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export const ActivationTokenSchema = new EntitySchema<ActivationToken>({
  class: ActivationToken as unknown as Constructor<ActivationToken>,
  tableName: 'activation_tokens',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', index: true },
    userId: { type: 'uuid', index: true },
    secretHash: { type: 'string', length: 64, unique: true },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    usedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

/** Platform-level: operators belong to no tenant. */
export const OperatorSchema = new EntitySchema<Operator>({
  class: Operator as unknown as Constructor<Operator>,
  tableName: 'operators',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', length: 320, unique: true },
    name: { type: 'string', length: 200 },
    passwordHash: { type: 'string', length: 200 },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    lastLoginAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});
