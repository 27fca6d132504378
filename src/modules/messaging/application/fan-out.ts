import type { PushOutcome } from '../../../platform/push/ports.js';
import { RetryLater } from '../../../platform/queue/job-queue.js';
import type { Message } from '../domain/message.js';
import type { DeliveryJob, DeliveryResult } from '../ports.js';
import type { MessagingDeps } from './deps.js';

const ENQUEUE_TIMEOUT_MS = 3000;

/**
 * Reliable fan-out. PostgreSQL is the truth: the outbox says which messages must go out, and a
 * delivery row per message and device (the delivery key) says what each device got. The queue
 * only carries batches of device ids; losing it (a Redis flush, a killed worker) loses nothing,
 * because `recover` finds undelivered rows again and enqueues them anew.
 */
export class FanOut {
  private stopping = false;

  constructor(private readonly d: Pick<MessagingDeps, 'messages' | 'recipients' | 'outbox' | 'deliveries' | 'queue' | 'people' | 'push' | 'tenants' | 'transactions' | 'clock' | 'settings' | 'onError'>) {}

  /**
   * The worker is stopping: running jobs start no new push. What is in flight finishes and is
   * recorded; what was claimed but not pushed is handed back. So a graceful stop never pushes a
   * device twice (a claim held past the process would be pushed again after its lease) and,
   * however long the jobs, ends in the time of one push.
   */
  windDown(): void {
    this.stopping = true;
  }

  /**
   * Moves the tenant's due outbox entries into delivery jobs: writes the delivery rows (one per
   * recipient's active device) and removes the entry in one transaction, then adds the jobs, with
   * ids derived from message and batch (a repeated add of a job still queued adds nothing).
   */
  dispatchDue(tenantId: string): Promise<number> {
    return this.d.transactions.run(tenantId, () => this.dispatchInCurrentTransaction(tenantId));
  }

  /** The same, in the transaction that is already open for the tenant. */
  async dispatchInCurrentTransaction(tenantId: string): Promise<number> {
    {
      const now = this.d.clock.now();
      const due = await this.d.outbox.takeDue(tenantId, now, 20);
      let devices = 0;
      for (const messageId of due) {
        const message = await this.d.messages.byId(tenantId, messageId, { forUpdate: true });
        if (message && message.status !== 'cancelled') {
          if (message.status === 'scheduled') {
            // A scheduled message reaches whom its audience reaches now, as it goes out.
            const userIds = await this.d.people.audienceIds(tenantId, message.audience);
            await this.d.recipients.addAll(tenantId, messageId, userIds, now);
            message.recipientCount = userIds.length;
          }
          message.markSent(now);
          const deviceIds = await this.d.deliveries.createFor(tenantId, messageId, now);
          this.enqueueAfterCommit(tenantId, this.batches(tenantId, messageId, `d${message.dispatchRound}`, deviceIds));
          devices += deviceIds.length;
        }
        await this.d.outbox.remove(tenantId, messageId);
      }
      return devices;
    }
  }

  /** Delivery rows for recipients added since (a later wave), enqueued once committed; repeated, it adds nothing. */
  async pushToNewRecipients(tenantId: string, message: Message, round: string): Promise<number> {
    const deviceIds = await this.d.deliveries.createFor(tenantId, message.id, this.d.clock.now());
    this.enqueueAfterCommit(tenantId, this.batches(tenantId, message.id, round, deviceIds));
    return deviceIds.length;
  }

  /** Dispatches the tenant's due outbox entries once the current transaction has committed; a failure is the sweep's to repair. */
  dispatchAfterCommit(tenantId: string): void {
    this.d.transactions.afterwards(tenantId, () =>
      this.dispatchDue(tenantId).then(
        () => undefined,
        (error: unknown) => this.d.onError(error, 'dispatch after commit'),
      ),
    );
  }

  /**
   * Finds deliveries that no job will serve any more and enqueues them again: queued rows whose
   * job is gone (queued before `idleSince`, a moment the queue was seen empty, or waiting too
   * long) and rows claimed by a worker that has been silent past its lease.
   */
  recover(tenantId: string, idleSince: Date | null): Promise<number> {
    return this.d.transactions.run(tenantId, () => this.recoverInCurrentTransaction(tenantId, idleSince));
  }

  private async recoverInCurrentTransaction(tenantId: string, idleSince: Date | null): Promise<number> {
    {
      const now = this.d.clock.now();
      const found = await this.d.deliveries.rediscover(tenantId, {
        at: now,
        idleSince,
        staleBefore: new Date(now.getTime() - this.d.settings.staleSeconds * 1000),
        leaseBefore: new Date(now.getTime() - this.d.settings.leaseSeconds * 1000),
      });
      let count = 0;
      for (const group of found) {
        const message = await this.d.messages.byId(tenantId, group.messageId, { forUpdate: true });
        if (!message) continue;
        message.dispatchRound += 1;
        this.enqueueAfterCommit(tenantId, this.batches(tenantId, group.messageId, `r${message.dispatchRound}`, group.deviceIds));
        count += group.deviceIds.length;
      }
      return count;
    }
  }

  /**
   * One job: claims its queued deliveries (committed before any push, so a second worker skips
   * them), pushes each with a bounded concurrency, and records every outcome in one write at the
   * end. Deliveries that should be tried again go back to queued and the job fails, so the queue
   * retries it with exponential backoff, or after the provider's Retry-After if that is longer; the
   * retry serves only what is still queued. A worker killed mid-job leaves its claimed rows to the
   * sweep, which pushes them again after the lease: each repeat carries the same collapse id and
   * notification tag, so the device replaces what it shows instead of showing it twice.
   * (Recording outcomes as they come instead bounds the repeats, but measured at a quarter of the
   * throughput: 2,000 instead of 8,400 devices/s per worker.)
   */
  async deliver(job: DeliveryJob): Promise<void> {
    const claimed = await this.d.transactions.run(job.tenantId, async () => {
      const message = await this.d.messages.byId(job.tenantId, job.messageId);
      if (!message || message.status !== 'sent') return null;
      const deliveries = await this.d.deliveries.claim(job.tenantId, job.messageId, job.deviceIds, this.d.clock.now());
      return { message, deliveries };
    });
    if (!claimed || claimed.deliveries.length === 0) return;
    const { message, deliveries } = claimed;
    const results: DeliveryResult[] = new Array<DeliveryResult>(deliveries.length);
    let next = 0;
    // The longest Retry-After a provider asked for in this job: the queue's retry waits at least that long.
    let retryAfterMs = 0;
    const worker = async (): Promise<void> => {
      while (next < deliveries.length && !this.stopping) {
        const index = next++;
        const delivery = deliveries[index]!;
        let outcome: PushOutcome;
        try {
          outcome = await this.d.push.send({
            platform: delivery.platform,
            token: delivery.token,
            title: message.title,
            body: message.pushText(),
            priority: message.priority,
            deliveryKey: `${message.id}:${delivery.deviceId}`,
            tag: message.id,
            data: { messageId: message.id, kind: message.isCallUp() ? 'call_up' : 'message' },
          });
        } catch (error) {
          outcome = { status: 'retry', reason: error instanceof Error ? error.message : String(error) };
        }
        if (outcome.status === 'retry' && outcome.retryAfterSeconds) retryAfterMs = Math.max(retryAfterMs, outcome.retryAfterSeconds * 1000);
        results[index] = { deviceId: delivery.deviceId, outcome: outcome.status, reason: outcome.status === 'sent' ? null : outcome.reason };
      }
    };
    // A slow provider must not make the claims look abandoned: renew the lease while pushing.
    const claimedIds = deliveries.map((delivery) => delivery.deviceId);
    const renewal = setInterval(() => {
      this.d.transactions
        .run(job.tenantId, () => this.d.deliveries.renew(job.tenantId, job.messageId, claimedIds, this.d.clock.now()))
        .catch((error: unknown) => this.d.onError(error, 'renew delivery claims'));
    }, (this.d.settings.leaseSeconds * 1000) / 3);
    try {
      await Promise.all(Array.from({ length: Math.min(this.d.settings.pushConcurrency, deliveries.length) }, worker));
    } finally {
      clearInterval(renewal);
    }
    // Slots left empty were never pushed: the worker is stopping, and hands them back.
    const pushed = results.filter((result): result is DeliveryResult => result !== undefined);
    const unpushed = deliveries.filter((_delivery, index) => results[index] === undefined).map((delivery) => delivery.deviceId);
    const { retrying } = await this.d.transactions.run(job.tenantId, async () => {
      await this.d.deliveries.release(job.tenantId, job.messageId, unpushed);
      return this.d.deliveries.record(job.tenantId, job.messageId, pushed, this.d.clock.now(), this.d.settings.maxAttempts);
    });
    if (retrying > 0) {
      const reason = `${retrying} of ${deliveries.length} pushes of message ${job.messageId} will be retried`;
      throw retryAfterMs > 0 ? new RetryLater(`${reason} after the provider's Retry-After of ${retryAfterMs} ms`, retryAfterMs) : new Error(reason);
    }
  }

  /** One pass over every tenant: due outbox entries, then lost deliveries. */
  async sweep(): Promise<void> {
    // Only rows queued before the queue was seen empty lack a job: a row queued again after it
    // (a push retried after the provider's Retry-After, its job delayed) must wait for its job.
    const observedAt = this.d.clock.now();
    const idleSince = (await this.d.queue.pendingCount()) === 0 ? observedAt : null;
    for (const tenantId of await this.d.transactions.run(null, () => this.d.tenants.activeIds())) {
      try {
        // One short transaction per tenant: due outbox entries, then lost deliveries.
        await this.d.transactions.run(tenantId, async () => {
          await this.dispatchInCurrentTransaction(tenantId);
          await this.recoverInCurrentTransaction(tenantId, idleSince);
        });
      } catch (error) {
        this.d.onError(error, `fan-out sweep of tenant ${tenantId}`);
      }
    }
  }

  /**
   * Jobs are added once their rows are committed, so a worker never looks for rows it cannot see
   * yet. Should the process die in between (or Redis be away), the rows stay queued and the sweep
   * enqueues them again.
   */
  private enqueueAfterCommit(tenantId: string, jobs: Array<{ id: string; data: DeliveryJob }>): void {
    if (jobs.length === 0) return;
    this.d.transactions.afterwards(tenantId, async () => {
      // A queue that cannot be reached must not hold up the sender (bull waits for Redis to come back).
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the queue did not accept the jobs in time')), ENQUEUE_TIMEOUT_MS);
      });
      try {
        await Promise.race([this.d.queue.enqueue(jobs), timeout]);
      } catch (error) {
        this.d.onError(error, 'enqueue delivery jobs');
      } finally {
        clearTimeout(timer);
      }
    });
  }

  private batches(tenantId: string, messageId: string, round: string, deviceIds: readonly string[]): Array<{ id: string; data: DeliveryJob }> {
    const jobs: Array<{ id: string; data: DeliveryJob }> = [];
    const size = this.d.settings.batchSize;
    for (let start = 0; start < deviceIds.length; start += size) {
      jobs.push({ id: `${messageId}:${round}:${start / size}`, data: { tenantId, messageId, deviceIds: deviceIds.slice(start, start + size) } });
    }
    return jobs;
  }
}

/** The worker's loop: a sweep now and then, never two at once, until stopped. Each pass runs its sweeps in order (call-up waves, then the fan-out). */
export class FanOutSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly sweeps: ReadonlyArray<{ sweep(): Promise<void> }>;

  constructor(fanOut: { sweep(): Promise<void> } | ReadonlyArray<{ sweep(): Promise<void> }>, private readonly intervalMs: number, private readonly onError: (error: unknown, context: string) => void) {
    this.sweeps = Array.isArray(fanOut) ? fanOut : [fanOut as { sweep(): Promise<void> }];
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweeps
        .reduce<Promise<void>>((previous, next) => previous.then(() => next.sweep()), Promise.resolve())
        .catch((error: unknown) => this.onError(error, 'fan-out sweep'))
        .finally(() => {
          this.running = null;
          this.schedule(this.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
