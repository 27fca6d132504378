import { createHash } from 'node:crypto';
import type { Request } from 'express';
import canonicalize from 'canonicalize';
import type { UnitOfWork } from '../database/unit-of-work.js';
import { DomainError } from '../domain/errors.js';

/**
 * How long the first answer to a keyed POST is kept for replay. The IETF draft leaves the
 * expiry to the server and asks that it be published; Stripe keeps keys for 24 hours, and a
 * device that lost its signal retries within minutes or, at worst, when it is back the next day.
 */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** What a tenant endpoint answers (the same shape as Endpoints' Reply, without importing it). */
export interface KeyedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class IdempotencyKeyInUse extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY.IN_USE';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Idempotency key in use', 'A request with this Idempotency-Key is still being processed. Send it again once the first has been answered: its answer is then replayed.');
  }
}

export class IdempotencyKeyReused extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY.REUSED';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('Idempotency key reused', 'This Idempotency-Key was sent before with another request (another path or body). Make a new key for a new request.');
  }
}

export class IdempotencyKeyMalformed extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY.MALFORMED';
  readonly kind = 'invalid' as const;
  override readonly fields = [{ pointer: '/headers/idempotency-key', detail: 'must be 1 to 255 visible ASCII characters, bare or as a quoted structured-field string' }];
  constructor() {
    super('Invalid request', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters, bare or as a quoted structured-field string.');
  }
}

/** A structured-field string (the draft's form: "…", without escapes) or a bare token (Stripe's form). */
const QUOTED = /^"([ !#-[\]-~]{1,255})"$/;
const BARE = /^[!#-~]{1,255}$/;

export function parseIdempotencyKey(header: string): string | null {
  const value = header.trim();
  return QUOTED.exec(value)?.[1] ?? (BARE.test(value) ? value : null);
}

/**
 * What makes two requests "the same request": method, path, query and body (for a file upload,
 * its size, name, declared type and a digest of its first bytes), as RFC 8785 canonical JSON.
 */
export function requestFingerprint(req: Request): string {
  const upload = req.upload
    ? { size: req.upload.size, name: req.upload.fileName, type: req.upload.declaredType, head: createHash('sha256').update(req.upload.head).digest('hex') }
    : null;
  const document = { method: req.method, path: req.originalUrl.split('?')[0], query: { ...(req.query as object) }, body: (req.body as unknown) ?? null, upload };
  return createHash('sha256').update(canonicalize(document) ?? '', 'utf8').digest('hex');
}

/**
 * The Idempotency-Key header for tenant POSTs (draft-ietf-httpapi-idempotency-key-header): the
 * first answer is stored in the request's own transaction, beside what the request wrote, so
 * once it is committed a retry — also one after the answer was lost on the way — gets that
 * answer again (with Idempotent-Replayed: true) and nothing is done twice. A key belongs to its
 * tenant and sender. A request that fails stores nothing: it changed nothing, so it may simply
 * be sent again.
 */
export class IdempotencyKeys {
  constructor(
    private readonly uow: UnitOfWork,
    /**
     * Seals stored answers: some carry a secret shown once (a new API key, a TOTP seed, recovery
     * codes), which must not lie readable in the database for a day. Bound to the key's owner.
     */
    private readonly box: { seal(plaintext: string, aad?: string): string; open(sealed: string, aad?: string): string },
    private readonly hours = IDEMPOTENCY_KEY_HOURS,
  ) {}

  /** Runs `handler` at most once per key, inside the current tenant transaction. */
  async around(req: Request, sender: { tenantId: string; actorType: string; actorId: string }, handler: () => Promise<KeyedReply>): Promise<KeyedReply> {
    const header = req.method === 'POST' ? req.get('idempotency-key') : undefined;
    if (header === undefined) return handler();
    const key = parseIdempotencyKey(header);
    if (key === null) throw new IdempotencyKeyMalformed();
    const principal = `${sender.actorType}:${sender.actorId}`;
    const owner = `idempotency|${sender.tenantId}|${principal}|${key}`;
    // Its answer is written after the handler, in the same transaction: the handler's last statement must not commit it.
    this.uow.holdCommit();
    const fingerprint = requestFingerprint(req);
    // Held until this transaction ends, so a second request with the key while the first runs is
    // told so at once (409) instead of waiting; once the first has committed, its answer is found.
    // The stored answer is asked for in the same round trip, and counts only when the lock was had.
    // Raw SQL skips the ORM's tenant filter: the tenant is in the WHERE (and RLS holds anyway).
    const [[lock], [stored]] = await Promise.all([
      this.uow.rows<{ locked: boolean }>('select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as locked', [owner]),
      this.uow.rows<{ fingerprint: string; status: number; body: string | null; headers: Record<string, string> }>(
        'select fingerprint, status, body, headers from idempotency_keys where tenant_id = ? and principal = ? and key = ? and expires_at > now()',
        [sender.tenantId, principal, key],
      ),
    ]);
    if (!lock?.locked) throw new IdempotencyKeyInUse();
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
      const body = stored.body === null ? null : this.box.open(stored.body, owner);
      return { status: stored.status, ...(body === null ? {} : { body: JSON.parse(body) as unknown }), headers: { ...stored.headers, 'idempotent-replayed': 'true' } };
    }
    const reply = await handler();
    await this.uow.rows(
      `insert into idempotency_keys (tenant_id, principal, key, fingerprint, status, body, headers, created_at, expires_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, now(), now() + make_interval(hours => ?))
       on conflict (tenant_id, principal, key) do update set fingerprint = excluded.fingerprint, status = excluded.status, body = excluded.body,
         headers = excluded.headers, created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [sender.tenantId, principal, key, fingerprint, reply.status, reply.body === undefined ? null : this.box.seal(JSON.stringify(reply.body), owner), JSON.stringify(reply.headers ?? {}), this.hours],
    );
    return reply;
  }

  /** The retention sweep: removes expired keys, tenant by tenant (row-level security holds here too). */
  async sweep(): Promise<{ tenants: number; removed: number }> {
    const tenants = await this.uow.run(null, () => this.uow.em().execute<Array<{ id: string }>>('select id from tenants'));
    let removed = 0;
    for (const { id } of tenants) {
      removed += await this.uow.run(id, async () => {
        const rows = await this.uow.em().execute<Array<{ key: string }>>('delete from idempotency_keys where tenant_id = ? and expires_at <= now() returning key', [id]);
        return rows.length;
      });
    }
    return { tenants: tenants.length, removed };
  }
}
