import { tableSchema, timestamp, keyUuid } from '../database/entity-schema.js';

/** The first answer to a POST sent with an Idempotency-Key, kept for replay until it expires. */
export class IdempotencyRecord {
  tenantId!: string;
  /** Who sent it: `user:<id>` or `api_key:<id>`; a key is only ever looked up for its own sender. */
  principal!: string;
  key!: string;
  /** SHA-256 over the request (method, path, query, body): the same key with another request is refused. */
  fingerprint!: string;
  status!: number;
  /** The answer's JSON exactly as sent (so a replay is byte for byte the same), sealed with the server's key. */
  body!: string | null;
  headers!: Record<string, string>;
  createdAt!: Date;
  expiresAt!: Date;
}

export const IdempotencyRecordSchema = tableSchema(IdempotencyRecord, 'idempotency_keys', {
  tenantId: keyUuid,
  principal: { type: 'string', length: 80, primary: true },
  key: { type: 'string', length: 255, primary: true },
  fingerprint: { type: 'string', length: 64 },
  status: { type: 'integer' },
  body: { type: 'text', nullable: true },
  headers: { type: 'json' },
  createdAt: timestamp,
  expiresAt: timestamp,
}, {
  indexes: [{ name: 'idempotency_keys_expiry_index', properties: ['tenantId', 'expiresAt'] }],
});
