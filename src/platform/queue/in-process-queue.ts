import { NamedQueues, retryDelay, type JobQueue, type JobSpec, type QueueOptions, type QueueStats } from './job-queue.js';

interface Pending<T> {
  id: string;
  data: T;
  attempt: number;
  addedAt: number;
}

/**
 * The queue of the single-process default: jobs live in memory and run in the same process.
 * Nothing survives a restart, which is fine because the callers keep their truth in PostgreSQL
 * and find unfinished work again from there.
 */
export class InProcessQueue<T> implements JobQueue<T> {
  private readonly waiting: Pending<T>[] = [];
  private readonly known = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: ((data: T) => Promise<void>) | null = null;
  private concurrency = 1;
  private running = 0;
  private closed = false;

  constructor(readonly name: string, private readonly options: QueueOptions, private readonly onError: (error: unknown) => void) {}

  addBulk(jobs: ReadonlyArray<JobSpec<T>>): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`queue ${this.name} is closed`));
    for (const job of jobs) {
      if (this.known.has(job.id)) continue;
      this.known.add(job.id);
      this.waiting.push({ id: job.id, data: job.data, attempt: 1, addedAt: Date.now() });
    }
    this.pump();
    return Promise.resolve();
  }

  process(concurrency: number, handler: (data: T) => Promise<void>): void {
    this.handler = handler;
    this.concurrency = concurrency;
    this.pump();
  }

  pendingCount(): Promise<number> {
    return Promise.resolve(this.known.size);
  }

  stats(): Promise<QueueStats> {
    const waiting = this.waiting.length;
    return Promise.resolve({
      queue: this.name,
      waiting,
      active: this.running,
      delayed: this.timers.size,
      oldestWaitingSince: waiting > 0 ? Math.min(...this.waiting.map((job) => job.addedAt)) : null,
    });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    return Promise.resolve();
  }

  private pump(): void {
    while (this.handler && !this.closed && this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.run(job, this.handler);
    }
  }

  private async run(job: Pending<T>, handler: (data: T) => Promise<void>): Promise<void> {
    try {
      await handler(job.data);
      this.known.delete(job.id);
    } catch (error) {
      if (job.attempt >= this.options.attempts || this.closed) {
        this.known.delete(job.id);
        this.onError(error);
      } else {
        // + 1 ms: a timer may fire up to a millisecond early against the wall clock, and a provider's Retry-After is a floor.
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.waiting.push({ ...job, attempt: job.attempt + 1 });
          this.pump();
        }, retryDelay(this.options.backoffMs, job.attempt, error) + 1);
        timer.unref();
        this.timers.add(timer);
      }
    } finally {
      this.running--;
      this.pump();
    }
  }
}

export class InProcessQueues extends NamedQueues {
  constructor(private readonly onError: (error: unknown) => void) {
    super();
  }

  protected open(name: string, options: QueueOptions): JobQueue<unknown> {
    return new InProcessQueue<unknown>(name, options, this.onError);
  }
}
