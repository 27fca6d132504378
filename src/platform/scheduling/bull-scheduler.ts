import Queue from 'bull';
import { parseDailyAt, type Recurrence, type Scheduler } from './scheduler.js';

/**
 * bull repeatable jobs on Redis: every process may schedule the same task, bull keeps one
 * repeatable job per name and repeat rule, and each occurrence is processed by one worker.
 * Kept apart from the messaging queue: its own queue name and prefix.
 */
export class BullScheduler implements Scheduler {
  private readonly queue: Queue.Queue;
  private readonly tasks = new Map<string, () => Promise<void>>();

  constructor(redisUrl: string, private readonly onError: (name: string, error: unknown) => void, options: { queueName?: string; prefix?: string } = {}) {
    this.queue = new Queue(options.queueName ?? 'schedules', redisUrl, { prefix: options.prefix ?? 'crisis' });
    this.queue.on('failed', (job, error) => this.onError(job.name, error));
  }

  async schedule(name: string, when: Recurrence, task: () => Promise<void>): Promise<void> {
    const repeat = 'everyMs' in when ? { every: when.everyMs } : (() => {
      const { hour, minute } = parseDailyAt(when.dailyAtUtc);
      return { cron: `${minute} ${hour} * * *`, tz: 'UTC' };
    })();
    // A changed rule replaces the old one rather than running both.
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === name && (job.cron !== ('cron' in repeat ? repeat.cron : null) || ('every' in repeat && Number(job.every) !== repeat.every))) {
        await this.queue.removeRepeatableByKey(job.key);
      }
    }
    // bull takes one handler per name and process; a task scheduled again replaces the one it runs.
    if (!this.tasks.has(name)) void this.queue.process(name, 1, () => this.tasks.get(name)!());
    this.tasks.set(name, task);
    await this.queue.add(name, {}, { repeat, jobId: `schedule:${name}`, removeOnComplete: 100, removeOnFail: 100 });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
