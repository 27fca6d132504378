/** When a recurring task runs: daily at a UTC time ("03:15"), or every so many milliseconds. */
export type Recurrence = { dailyAtUtc: string } | { everyMs: number };

/**
 * Recurring background tasks (the daily retention run). Small on purpose: a name, when, and what
 * to do. With Redis, a bull repeatable job runs each occurrence once across every process; in
 * the embedded single-process default, an in-process timer.
 */
export interface Scheduler {
  schedule(name: string, when: Recurrence, task: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export function parseDailyAt(value: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`not a time of day (HH:MM): ${value}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Milliseconds from `now` to the next occurrence of a daily UTC time (never 0: today's has passed if equal). */
export function msUntilDaily(value: string, now: Date): number {
  const { hour, minute } = parseDailyAt(value);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}
