import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { assertUnreachable } from '../domain/errors.js';
import { TooManyAttempts, type BruteForceGuard, type GuardedAction } from './brute-force.js';

/**
 * All durations are whole seconds: the Redis limiter floors them, and a block shorter than a second
 * would be stored without expiry, i.e. for ever.
 */
export interface BruteForcePolicy {
  /** Failures in a row on one account that start a lockout. */
  maxConsecutiveFailures: number;
  /** How long an account's failures are remembered when no success or lockout intervenes. */
  failureMemorySeconds: number;
  /** The first lockout; each further one within `lockoutHistorySeconds` lasts twice as long. */
  lockoutBaseSeconds: number;
  lockoutMaxSeconds: number;
  /** The window in which lockouts count towards the back-off; a fixed window from the first one. */
  lockoutHistorySeconds: number;
  /** Failures from one address, across all accounts, that block the address; an address shared by many users (NAT, proxy) needs room. */
  addressFailuresPerHour: number;
  addressBlockSeconds: number;
}

export const defaultBruteForcePolicy: BruteForcePolicy = {
  maxConsecutiveFailures: 5,
  failureMemorySeconds: 24 * 3600,
  lockoutBaseSeconds: 60,
  lockoutMaxSeconds: 3600,
  lockoutHistorySeconds: 24 * 3600,
  addressFailuresPerHour: 100,
  addressBlockSeconds: 3600,
};

/** Memory is for a single process (and tests); replicas must share Redis or each would allow its own quota. */
export type BruteForceStore = { kind: 'memory' } | { kind: 'redis'; client: unknown };

interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

interface ActionLimiters {
  account: RateLimiterAbstract;
  lockouts: RateLimiterAbstract;
  address: RateLimiterAbstract;
}

const actions: readonly GuardedAction[] = ['login', 'second_factor', 'password_reset'];

/**
 * Lockouts are applied with the limiter's own block() rather than its blockDuration option, because
 * the account's block lengthens with each lockout and because the failure that reaches the limit
 * should start the lockout, not the one after it. A key is blocked when its consumed points exceed
 * the limiter's points, which is exactly what block() stores.
 */
export class RateLimiterBruteForceGuard implements BruteForceGuard {
  private readonly policy: BruteForcePolicy;
  private readonly limiters: Record<GuardedAction, ActionLimiters>;

  constructor(options: { store: BruteForceStore; policy?: Partial<BruteForcePolicy> }) {
    this.policy = { ...defaultBruteForcePolicy, ...options.policy };
    for (const [name, value] of Object.entries(this.policy)) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`brute-force policy ${name} must be a positive whole number, got ${value}`);
    }
    const create = limiterFactory(options.store);
    const p = this.policy;
    const forAction = (action: GuardedAction): ActionLimiters => ({
      account: create({ keyPrefix: `bf:${action}:acct`, points: p.maxConsecutiveFailures, duration: p.failureMemorySeconds }),
      // Only ever raised with penalty(), which never rejects, so its points are no limit.
      lockouts: create({ keyPrefix: `bf:${action}:acct-lockouts`, points: Number.MAX_SAFE_INTEGER, duration: p.lockoutHistorySeconds }),
      address: create({ keyPrefix: `bf:${action}:addr`, points: p.addressFailuresPerHour, duration: 3600 }),
    });
    this.limiters = Object.fromEntries(actions.map((action) => [action, forAction(action)])) as Record<GuardedAction, ActionLimiters>;
  }

  async assertAllowed(action: GuardedAction, keys: { account: string; address: string }): Promise<void> {
    const { account, address } = this.limiters[action];
    const [accountRes, addressRes] = await Promise.all([account.get(keys.account), address.get(keys.address)]);
    throwIfLocked(Math.max(blockedFor(account, accountRes), blockedFor(address, addressRes)));
  }

  async recordFailure(action: GuardedAction, keys: { account: string; address: string }): Promise<void> {
    const limiters = this.limiters[action];
    // Both are counted even when one is already locked, so an attacker cannot spend one limit to spare the other.
    const [account, address] = await Promise.all([
      this.failAccount(limiters, keys.account),
      this.failAddress(limiters, keys.address),
    ]);
    throwIfLocked(Math.max(account, address));
  }

  async recordSuccess(action: GuardedAction, keys: { account: string; address: string }): Promise<void> {
    // The lockout history stays, so an attacker who lets the owner sign in between rounds still backs off.
    await this.limiters[action].account.delete(keys.account);
  }

  /** Seconds the account is now locked for, or 0. */
  private async failAccount({ account, lockouts }: ActionLimiters, key: string): Promise<number> {
    const failure = await consume(account, key);
    // Rejected means a concurrent failure already locked it; the caller is locked out all the same.
    if (failure.rejected) return retryAfterSeconds(failure.res);
    if (failure.res.consumedPoints < account.points) return 0;
    const history = await lockouts.penalty(key);
    const seconds = Math.min(this.policy.lockoutBaseSeconds * 2 ** (history.consumedPoints - 1), this.policy.lockoutMaxSeconds);
    return retryAfterSeconds(await account.block(key, seconds));
  }

  private async failAddress({ address }: ActionLimiters, key: string): Promise<number> {
    const failure = await consume(address, key);
    if (failure.rejected) return retryAfterSeconds(failure.res);
    if (failure.res.consumedPoints < address.points) return 0;
    return retryAfterSeconds(await address.block(key, this.policy.addressBlockSeconds));
  }
}

function limiterFactory(store: BruteForceStore): LimiterFactory {
  switch (store.kind) {
    case 'memory':
      return (options) => new RateLimiterMemory(options);
    case 'redis':
      return (options) => new RateLimiterRedis({ ...options, storeClient: store.client });
    default:
      return assertUnreachable(store);
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<{ res: RateLimiterRes; rejected: boolean }> {
  try {
    return { res: await limiter.consume(key), rejected: false };
  } catch (reason) {
    // The library rejects with its result when the points are spent, and with an Error when the store fails.
    if (reason instanceof RateLimiterRes) return { res: reason, rejected: true };
    throw reason;
  }
}

/**
 * The memory store drops an expired key on a timer, so a late timer can show an expired block with
 * msBeforeNext at or below zero; that key is free again.
 */
function blockedFor(limiter: RateLimiterAbstract, res: RateLimiterRes | null): number {
  if (res === null || res.consumedPoints <= limiter.points || res.msBeforeNext <= 0) return 0;
  return retryAfterSeconds(res);
}

function retryAfterSeconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

function throwIfLocked(seconds: number): void {
  if (seconds > 0) throw new TooManyAttempts(seconds);
}
