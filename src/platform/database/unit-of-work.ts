import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './orm-config.js';

interface Scope {
  em: EntityManager;
  tenantId: string | null;
  deferred: Array<{ tenantId: string; work: () => Promise<void> }>;
  committed: Array<() => void>;
  beforeCommit: Array<() => Promise<void>>;
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
  async run<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
    const fork = this.orm.em.fork({ clear: true, useContext: false });
    const deferred: Scope['deferred'] = [];
    const committed: Scope['committed'] = [];
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      const value = await fork.transactional(async (em) => {
        const scope: Scope = { em, tenantId: null, deferred, committed, beforeCommit: [] };
        return this.storage.run(scope, async () => {
          if (tenantId) await this.enterTenant(tenantId);
          const value = await work();
          await this.writePending(scope);
          return value;
        });
      });
      outcome = { ok: true, value };
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

  private async writePending(scope: Scope): Promise<void> {
    while (scope.beforeCommit.length) for (const write of scope.beforeCommit.splice(0)) await write();
  }

  /**
   * Switches the current transaction to another tenant: the operator's "create tenant" writes the
   * new tenant's first admin this way. Pending changes are flushed under the previous tenant first.
   */
  async enterTenant(tenantId: string): Promise<void> {
    const scope = this.scope();
    await scope.em.flush();
    await this.writePending(scope);
    await scope.em.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
    scope.em.setFilterParams(TENANT_FILTER, { tenantId });
    scope.tenantId = tenantId;
  }

  /** The entity manager of the current transaction; outside one, this is a programming error. */
  em(): EntityManager {
    return this.scope().em;
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
