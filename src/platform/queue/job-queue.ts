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
  close(): Promise<void>;
}

export interface JobQueues {
  queue<T>(name: string, options: QueueOptions): JobQueue<T>;
  close(): Promise<void>;
}
