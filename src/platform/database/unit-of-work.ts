import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityData, EntityManager, Knex, MetadataStorage, MikroORM } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './orm-config.js';

/** The transaction's own node-postgres client, as far as rows() uses it. */
interface WireClient {
  query(text: string): Promise<WireResult | WireResult[]>;
}
interface WireResult {
  rows: unknown[];
}

interface Waiting {
  text: string;
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

interface Scope {
  /** Null in a transaction of raw statements only (runRawReads()). */
  em: EntityManager | null;
  tenantId: string | null;
  /** The tenant whose binding (set_config) has not been sent yet: it goes out with the first read. */
  unbound: string | null;
  /** Raw reads asked for in the same turn of the event loop, sent as one round trip. */
  waiting: Waiting[];
  /** The round trip on the wire or scheduled, if any (never rejects): the client runs one query at a time. */
  sending: Promise<void>;
  client: WireClient | null;
  /** A transaction of raw statements whose BEGIN is still to go out, in front of its first statement. */
  unbegun: boolean;
  /** Committed with its final statement (finalRows()): nothing more may be sent. */
  ended: boolean;
  /** Something is still written after the work's final statement (holdCommit()): that statement goes out without the COMMIT. */
  held: boolean;
  deferred: Array<{ tenantId: string; work: () => Promise<void> }>;
  committed: Array<() => void>;
  beforeCommit: Array<() => Promise<void>>;
  /** Statements written with the commit (writeWithCommit()), SQL with their parameters inlined. */
  withCommit: string[];
}

/**
 * One transaction per request or job, on a fresh fork of the entity manager, with the tenant
 * bound twice: as the ORM filter's argument and, with set_config(..., true) (the SET LOCAL form),
 * as the setting the row-level security policies read. Being transaction-local, the setting can
 * never travel with a pooled connection into the next request.
 */
export class UnitOfWork {
  private readonly storage = new AsyncLocalStorage<Scope>();

  constructor(private readonly orm: MikroORM) {}

  /** Runs `work` in a new transaction, bound to `tenantId` (or to no tenant, for platform work). */
  run<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
    return this.transaction(tenantId, false, work);
  }

  /**
   * Like run(), but the tenant binding is not a round trip of its own: it is sent in front of
   * the first raw read (rows()), as a request's access gates do. Until then em() refuses, so
   * nothing can reach the database unbound; bound() sends the binding alone if need be.
   */
  runBindingWithFirstRead<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.transaction(tenantId, true, work);
  }

  /**
   * A transaction of raw statements only (rows()), without the ORM's transaction machinery: one
   * pooled connection, BEGIN sent with the tenant binding and the first reads, COMMIT at the end.
   * For requests read on every screen (their gates, a lean read, a read audit); em() refuses
   * here, so anything that needs the ORM runs through run() instead. The same afterCommit(),
   * afterwards() and beforeCommit() as run().
   */
  runRawReads<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.settle(async (deferred, committed) => {
      const pool = this.orm.em.getConnection().getKnex().client as Knex.Client;
      const client = (await pool.acquireConnection()) as WireClient;
      const scope: Scope = { em: null, tenantId, unbound: tenantId, waiting: [], sending: Promise.resolve(), client, unbegun: true, ended: false, held: false, deferred, committed, beforeCommit: [], withCommit: [] };
      try {
        return await this.storage.run(scope, async () => {
          const value = await this.settled(scope, work);
          await this.writePending(scope, true);
          // Nothing sent (a refusal before any read), or committed with the final statement: nothing to end.
          if (!scope.unbegun && !scope.ended) await this.enqueue(scope, 'commit');
          return value;
        });
      } catch (error) {
        await scope.sending;
        if (!scope.unbegun) await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        await pool.releaseConnection(client);
      }
    });
  }

  private transaction<T>(tenantId: string | null, lazily: boolean, work: () => Promise<T>): Promise<T> {
    return this.settle((deferred, committed) => {
      const fork = this.orm.em.fork({ clear: true, useContext: false });
      return fork.transactional(async (em) => {
        const scope: Scope = { em, tenantId: null, unbound: null, waiting: [], sending: Promise.resolve(), client: null, unbegun: false, ended: false, held: false, deferred, committed, beforeCommit: [], withCommit: [] };
        return this.storage.run(scope, async () => {
          if (tenantId && lazily) {
            em.setFilterParams(TENANT_FILTER, { tenantId });
            scope.tenantId = tenantId;
            scope.unbound = tenantId;
          } else if (tenantId) await this.enterTenant(tenantId);
          const value = await this.settled(scope, work);
          await this.writePending(scope);
          return value;
        });
      });
    });
  }

  /**
   * The work's outcome once nothing it asked of rows() is still to go out: a refusal thrown while
   * another read waited for its round trip must not leave that read to run after the rollback, or
   * on a connection back in the pool.
   */
  private async settled<T>(scope: Scope, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      await scope.sending;
    }
  }

  /** Runs a transaction, then tells who waits for its commit and runs its deferred work. */
  private async settle<T>(transaction: (deferred: Scope['deferred'], committed: Scope['committed']) => Promise<T>): Promise<T> {
    const deferred: Scope['deferred'] = [];
    const committed: Scope['committed'] = [];
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await transaction(deferred, committed) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // Committed: tell whoever waits for it, whatever the deferred work below comes to.
    if (outcome.ok) for (const notify of committed) notify();
    // Outside the finished transaction, so its connection is back in the pool first: a request
    // that held one connection while waiting for a second could starve the pool under load.
    for (const job of deferred) {
      try {
        await this.storage.exit(() => this.run(job.tenantId, job.work));
      } catch (error) {
        if (outcome.ok) outcome = { ok: false, error };
      }
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * A notification for others once the current transaction has committed (a live feed's "new
   * entries"), so no one is told of rows they cannot read yet. Dropped when it rolls back.
   */
  afterCommit(notify: () => void): void {
    this.scope().committed.push(notify);
  }

  /**
   * Work that must be committed whatever becomes of the current transaction (the audit entry of
   * a refused sign-in, the revocation of a session whose refresh token was reused). It runs in a
   * transaction of its own once the current one has ended, committed or rolled back.
   */
  afterwards(tenantId: string, work: () => Promise<void>): void {
    const scope = this.storage.getStore();
    if (!scope) throw new Error('no unit of work is active: run this inside UnitOfWork.run()');
    scope.deferred.push({ tenantId, work });
  }

  /**
   * Writing that belongs to the current transaction but need not happen at once (a page's read
   * audit, as one multi-row insert): it runs inside the transaction once the work is done, before
   * the commit, and before a switch to another tenant, so it is written under the tenant (and the
   * row-level security setting) it was recorded for. A failure rolls the transaction back.
   */
  beforeCommit(write: () => Promise<void>): void {
    this.scope().beforeCommit.push(write);
  }

  /**
   * A write the current transaction commits, sent in the commit's own round trip where it can be
   * (a transaction of raw statements: the statements, then COMMIT, in one round trip), otherwise
   * just before the commit. Nothing answers it: a failure fails the work and rolls everything back
   * (PostgreSQL runs nothing of a round trip after a failed statement, so not its COMMIT either).
   * For writes a response makes but does not read back: a sync's snapshot, a page's read audit.
   */
  writeWithCommit(sql: string, params: readonly unknown[] = []): void {
    const scope = this.scope();
    if (scope.ended) throw new Error('this transaction was committed with its final statement (finalRows()): nothing more can be sent in it');
    scope.withCommit.push(params.length ? this.orm.em.getPlatform().formatQuery(sql, [...params]) : sql);
  }

  /** `commitToo`: a transaction of raw statements, whose COMMIT goes out with the last writes. */
  private async writePending(scope: Scope, commitToo = false): Promise<void> {
    while (scope.beforeCommit.length) for (const write of scope.beforeCommit.splice(0)) await write();
    if (!scope.withCommit.length) return;
    const statements = scope.withCommit.splice(0);
    // Asked for in one turn, so they go out in one round trip.
    const written = Promise.all(statements.map((text) => this.enqueue(scope, text)));
    if (commitToo) {
      const committed = this.enqueue(scope, 'commit');
      scope.ended = true;
      await Promise.all([written, committed]);
    } else {
      await written;
    }
  }

  /**
   * Switches the current transaction to another tenant: the operator's "create tenant" writes the
   * new tenant's first admin this way. Pending changes are flushed under the previous tenant first.
   */
  async enterTenant(tenantId: string): Promise<void> {
    const scope = this.scope();
    await this.bound();
    const em = this.em();
    await em.flush();
    await this.writePending(scope);
    await em.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
    em.setFilterParams(TENANT_FILTER, { tenantId });
    scope.tenantId = tenantId;
  }

  /** The entity manager of the current transaction; outside one, or before the tenant is bound, this is a programming error. */
  em(): EntityManager {
    const scope = this.scope();
    if (!scope.em) throw new Error('this transaction is of raw statements only (runRawReads()): read through rows(), or run it with run()');
    if (scope.unbound) throw new Error('the tenant is not bound yet: read through rows() or await bound() first');
    return scope.em;
  }

  /** Resolves once the tenant binding of the current transaction has been sent (at once if it has). */
  async bound(): Promise<void> {
    const scope = this.scope();
    if (!scope.unbound) return;
    await this.enqueue(scope, 'select 1');
  }

  /**
   * Rows of one SQL read (`?` placeholders, inlined as the ORM's execute() does) on the
   * transaction's own connection, without the ORM's query building or hydration: for reads on
   * every request, where that costs more than PostgreSQL does. Reads asked for in the same turn
   * of the event loop (the access gates of a request) go out together, in one round trip, behind
   * the tenant binding if it is still to be sent. Rows come as the ORM's connection types them:
   * times as PostgreSQL's text (the ORM's own choice), json parsed, arrays as arrays.
   */
  rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const scope = this.scope();
    return this.enqueue(scope, params.length ? this.orm.em.getPlatform().formatQuery(sql, [...params]) : sql) as Promise<T[]>;
  }

  /**
   * The work's final statement, as rows(): in a transaction of raw statements (runRawReads()) with
   * nothing left to write (no beforeCommit() or writeWithCommit() write, no holdCommit()), COMMIT goes out behind it in
   * the same round trip, so a lock it takes is held only while PostgreSQL runs it and commits, not
   * while this process gets round to the answer (under load, that is where the time goes). The
   * transaction is then over: any statement after it fails, and so does the work, though what the
   * transaction wrote stays committed. Elsewhere the commit comes at the end of the work as usual.
   */
  finalRows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const scope = this.scope();
    const rows = this.rows<T>(sql, params);
    if (scope.em || scope.held || scope.beforeCommit.length || scope.withCommit.length) return rows;
    // Asked for in the same turn, so it goes out in the same round trip; no answer to give.
    void this.enqueue(scope, 'commit').catch(() => undefined);
    scope.ended = true;
    return rows;
  }

  /**
   * Keeps the commit for the end of the current work, even where a final statement could take it
   * along (finalRows()): for a write that comes after it, such as a keyed POST's stored answer.
   */
  holdCommit(): void {
    this.scope().held = true;
  }

  private enqueue(scope: Scope, text: string): Promise<unknown[]> {
    if (scope.ended) return Promise.reject(new Error('this transaction was committed with its final statement (finalRows()): nothing more can be sent in it'));
    const answered = new Promise<unknown[]>((resolve, reject) => scope.waiting.push({ text, resolve, reject }));
    if (scope.waiting.length === 1) {
      // After the round trip before it, and a tick later, so what else is asked for meanwhile goes along.
      scope.sending = scope.sending.then(() => new Promise<void>((ticked) => process.nextTick(ticked))).then(() => this.send(scope));
    }
    return answered;
  }

  private async send(scope: Scope): Promise<void> {
    const batch = scope.waiting.splice(0);
    if (!batch.length) return;
    try {
      const binding = scope.unbound;
      const begin = scope.unbegun;
      const texts = batch.map((w) => w.text);
      if (binding) texts.unshift(this.orm.em.getPlatform().formatQuery(`select set_config('app.tenant_id', ?, true)`, [binding]));
      if (begin) texts.unshift('begin');
      scope.client ??= await this.connectionOf(scope.em);
      scope.unbegun = false;
      const result = await scope.client.query(texts.join(';\n'));
      const results = Array.isArray(result) ? result : [result];
      if (begin) results.shift();
      if (binding) {
        results.shift();
        scope.unbound = null;
      }
      batch.forEach((w, i) => w.resolve(results[i]?.rows ?? []));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  private async connectionOf(em: EntityManager | null): Promise<WireClient> {
    const transaction = em?.getTransactionContext<Knex.Transaction>();
    if (!transaction) throw new Error('rows() runs inside the unit of work\'s transaction only');
    // Knex hands out the connection its transaction holds, not one from the pool.
    return (await (transaction.client as Knex.Client).acquireConnection()) as WireClient;
  }

  /** The ORM's mapping of the entities (for RowMapping), which needs no transaction. */
  metadata(): MetadataStorage {
    return this.orm.getMetadata();
  }

  /** An entity's properties as the ORM stores them (what a flush would write), which needs no transaction either. */
  storedValues<T extends object>(entity: T): EntityData<T> {
    return this.orm.em.getComparator().prepareEntity(entity);
  }

  tenantId(): string | null {
    return this.storage.getStore()?.tenantId ?? null;
  }

  private scope(): Scope {
    const scope = this.storage.getStore();
    if (!scope) throw new Error('no unit of work is active: run this inside UnitOfWork.run()');
    return scope;
  }
}
