import { DomainError } from '../domain/errors.js';

export class TooManyAttempts extends DomainError {
  readonly code = 'AUTH.TOO_MANY_ATTEMPTS';
  readonly kind = 'rate_limited' as const;
  constructor(readonly retryAfterSeconds: number) {
    super('Too many attempts', `Too many failed attempts. Try again in ${humanDuration(retryAfterSeconds)}.`);
  }
}

/** What is being guessed at: sign-in, the second factor, password reset. Each has its own counters. */
export type GuardedAction = 'login' | 'second_factor' | 'password_reset';

export interface BruteForceGuard {
  /** Throws TooManyAttempts when the account or the client address is locked out for this action. */
  assertAllowed(action: GuardedAction, keys: { account: string; address: string }): Promise<void>;
  /** Counts a failure; throws TooManyAttempts when this failure started a lockout. */
  recordFailure(action: GuardedAction, keys: { account: string; address: string }): Promise<void>;
  /** A success clears the account's consecutive failures (not the address's). */
  recordSuccess(action: GuardedAction, keys: { account: string; address: string }): Promise<void>;
}

/** Rounded up, so a user who waits as long as told is never turned away again. */
function humanDuration(seconds: number): string {
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return plural(Math.ceil(seconds / 60), 'minute');
  return plural(Math.ceil(seconds / 3600), 'hour');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
