import Bull from 'bull';
import { NamedQueues, retryDelay, type JobQueue, type JobSpec, type QueueOptions, type QueueStats } from './job-queue.js';

/**
 * Queues on Redis through bull, shared by every api and worker process. Finished jobs are
 * removed, so a later re-add under the same id runs again; a job still queued or running
 * keeps its id and a re-add is a no-op.
 */
export class BullQueue<T> implements JobQueue<T> {
  constructor(private readonly queue: Bull.Queue<T>, private readonly closeTimeoutMs = 2000) {}

  get name(): string {
    return this.queue.name;
  }

  async addBulk(jobs: ReadonlyArray<JobSpec<T>>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(jobs.map((job) => ({ data: job.data, opts: { jobId: job.id } })));
  }

  process(concurrency: number, handler: (data: T) => Promise<void>): void {
    void this.queue.process(concurrency, (job) => handler(job.data));
  }

  async pendingCount(): Promise<number> {
    const counts = await this.queue.getJobCounts();
    return counts.waiting + counts.active + counts.delayed + ((counts as { paused?: number }).paused ?? 0);
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.queue.getJobCounts();
    // Ascending from the tail of bull's wait list: the job waiting longest.
    const [oldest] = await this.queue.getWaiting(0, 0);
    return { queue: this.name, waiting: counts.waiting, active: counts.active, delayed: counts.delayed, oldestWaitingSince: oldest?.timestamp ?? null };
  }

  async close(): Promise<void> {
    // bull's close lets running jobs finish and waits for Redis; a process shutting down while
    // Redis is away, or behind a job that never ends, must not hang past its shutdown budget.
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.closeTimeoutMs)));
    const outcome = await Promise.race([this.queue.close().then(() => 'closed' as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') for (const client of this.queue.clients) client.disconnect();
  }
}

export class BullQueues extends NamedQueues {
  constructor(
    private readonly redisUrl: string,
    private readonly onError: (error: unknown) => void,
    /** How long close() waits for running jobs before it lets go of Redis. */
    private readonly closeTimeoutMs = 2000,
  ) {
    super();
  }

  protected open(name: string, options: QueueOptions): JobQueue<unknown> {
    const bull = new Bull<unknown>(name, this.redisUrl, {
      // Exponential backoff, stretched to a RetryLater's wait (a provider's Retry-After).
      settings: { backoffStrategies: { retryLater: (attemptsMade: number, error: Error) => retryDelay(options.backoffMs, attemptsMade, error) } },
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'retryLater' },
        removeOnComplete: true,
        removeOnFail: true,
      },
    });
    bull.on('error', (error) => this.onError(error));
    bull.on('failed', (_job, error) => this.onError(error));
    return new BullQueue<unknown>(bull, this.closeTimeoutMs);
  }
}
