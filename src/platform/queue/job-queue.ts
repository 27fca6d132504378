/**
 * The queue port: named queues of jobs with ids, retried with exponential backoff. A job's id
 * is chosen by the producer, so adding a job whose id is still queued is a no-op. Delivery is
 * at least once: a job may run again after a crash, so handlers must be idempotent.
 * Adapters: bull on Redis (REDIS_URL set) and an in-process queue (embedded default).
 */
export interface JobSpec<T> {
  id: string;
  data: T;
}

/**
 * Thrown by a handler whose work must not run again before `retryAfterMs` has passed (a push
 * provider's Retry-After): the retry waits that long, or the backoff's delay if that is longer.
 */
export class RetryLater extends Error {
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
    this.name = 'RetryLater';
  }
}

/** The wait before the next run after the `failedAttempt`-th run (1-based) failed with `error`. */
export function retryDelay(backoffMs: number, failedAttempt: number, error: unknown): number {
  const backoff = backoffMs * 2 ** (failedAttempt - 1);
  return error instanceof RetryLater ? Math.max(backoff, error.retryAfterMs) : backoff;
}

export interface QueueOptions {
  /** How often a failing job runs in all, the first run included. */
  attempts: number;
  /** First retry delay; each further retry waits twice as long. */
  backoffMs: number;
}

export interface JobQueue<T> {
  readonly name: string;
  addBulk(jobs: ReadonlyArray<JobSpec<T>>): Promise<void>;
  /** Starts consuming (a worker process); a handler that throws is retried with backoff. */
  process(concurrency: number, handler: (data: T) => Promise<void>): void;
  /** Jobs waiting, delayed or running: 0 means nothing is in flight anywhere. */
  pendingCount(): Promise<number>;
  /** Depth and age for monitoring: how many wait, run or are delayed, and since when the oldest waits. */
  stats(): Promise<QueueStats>;
  close(): Promise<void>;
}

export interface QueueStats {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  /** When the job waiting longest was added (ms since the epoch); null when none waits. */
  oldestWaitingSince: number | null;
}

export interface JobQueues {
  queue<T>(name: string, options: QueueOptions): JobQueue<T>;
  stats(): Promise<QueueStats[]>;
  close(): Promise<void>;
}

/**
 * An adapter's queues by name, each opened on first use: every producer and consumer of one
 * name in the process shares one queue (and, on Redis, one connection set). An adapter says only
 * how it opens a queue.
 */
export abstract class NamedQueues implements JobQueues {
  private readonly queues = new Map<string, JobQueue<unknown>>();

  protected abstract open(name: string, options: QueueOptions): JobQueue<unknown>;

  queue<T>(name: string, options: QueueOptions): JobQueue<T> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.open(name, options);
      this.queues.set(name, queue);
    }
    return queue as JobQueue<T>;
  }

  stats(): Promise<QueueStats[]> {
    return Promise.all([...this.queues.values()].map((queue) => queue.stats()));
  }

  async close(): Promise<void> {
    for (const queue of this.queues.values()) await queue.close();
  }
}
