import { msUntilDaily, type Recurrence, type Scheduler } from './scheduler.js';

/** In-process timers: the embedded default, one process, nothing to share. A run never overlaps the previous one. */
export class TimerScheduler implements Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly onError: (name: string, error: unknown) => void, private readonly now: () => Date = () => new Date()) {}

  schedule(name: string, when: Recurrence, task: () => Promise<void>): Promise<void> {
    const delay = () => ('everyMs' in when ? when.everyMs : msUntilDaily(when.dailyAtUtc, this.now()));
    const arm = () => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        task()
          .catch((error: unknown) => this.onError(name, error))
          .finally(arm);
      }, delay());
      timer.unref();
      this.timers.add(timer);
    };
    arm();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    return Promise.resolve();
  }
}
