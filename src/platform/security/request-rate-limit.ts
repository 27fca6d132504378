import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal.js';
import { sendProblem } from '../http/error-handler.js';

/** Requests per minute allowed to each kind of caller; 0 switches that limit off. */
export interface RequestRatePolicy {
  perAddress: number;
  perTenant: number;
  perApiKey: number;
}

export type RequestRateStore = { kind: 'memory' } | { kind: 'redis'; client: unknown };

interface Quota {
  /** The policy's name in the RateLimit headers (draft-ietf-httpapi-ratelimit-headers). */
  name: 'address' | 'tenant' | 'api-key';
  limiter: RateLimiterAbstract;
  points: number;
  key: (req: { ip?: string; principal?: Principal | null }) => string | null;
}

const WINDOW_SECONDS = 60;

/**
 * The general request budget of every API endpoint: per client address, per tenant and per API
 * key, in fixed one-minute windows shared by every api process through Redis (in memory when
 * there is one process). Sign-in, second-factor and reset failures have their own, stricter
 * brute-force guard; this one keeps a single client or tenant from exhausting the service.
 *
 * A tenant is counted only for a verified bearer token: an API key's tenant is a claim until its
 * hash is checked, and a forged key must not spend a real tenant's budget — it spends its
 * address's budget and its (forged) key's.
 */
export class RequestRateLimit {
  private readonly quotas: Quota[];

  constructor(options: { store: RequestRateStore; policy: RequestRatePolicy }) {
    const create = (keyPrefix: string, points: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS });
      if (options.store.kind === 'memory') return memory;
      // Redis away must not stop the API: each process falls back to counting on its own.
      return new RateLimiterRedis({ storeClient: options.store.client, keyPrefix, points, duration: WINDOW_SECONDS, insuranceLimiter: memory, useRedisPackage: false });
    };
    const { perAddress, perTenant, perApiKey } = options.policy;
    const all: Array<Quota | null> = [
      perAddress > 0 ? { name: 'address', limiter: create('rl:addr', perAddress), points: perAddress, key: (req) => req.ip ?? 'unknown' } : null,
      perTenant > 0
        ? { name: 'tenant', limiter: create('rl:tenant', perTenant), points: perTenant, key: (req) => (req.principal?.kind === 'user' ? req.principal.tenantId : null) }
        : null,
      perApiKey > 0
        ? { name: 'api-key', limiter: create('rl:key', perApiKey), points: perApiKey, key: (req) => (req.principal?.kind === 'api_key' ? req.principal.keyId : null) }
        : null,
    ];
    this.quotas = all.filter((quota): quota is Quota => quota !== null);
  }

  /** Runs after authentication (it needs the principal); health probes are never limited. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      if (this.quotas.length === 0 || req.path.startsWith('/health')) {
        next();
        return;
      }
      const applicable = this.quotas.flatMap((quota) => {
        const key = quota.key(req);
        return key === null ? [] : [{ quota, key }];
      });
      Promise.all(
        applicable.map(({ quota, key }) =>
          quota.limiter.consume(key).then(
            (state) => ({ quota, state, refused: false }),
            (rejection: unknown) => {
              if (rejection instanceof RateLimiterRes) return { quota, state: rejection, refused: true };
              throw rejection;
            },
          ),
        ),
      ).then(
        (outcomes) => {
          if (outcomes.length === 0) {
            next();
            return;
          }
          // The headers speak of the quota closest to running out, or one that has.
          const tightest = outcomes.reduce((a, b) => (Number(b.refused) - Number(a.refused) || a.state.remainingPoints - b.state.remainingPoints) > 0 ? b : a);
          const reset = Math.max(1, Math.ceil(tightest.state.msBeforeNext / 1000));
          res.setHeader('RateLimit-Policy', outcomes.map(({ quota }) => `"${quota.name}";q=${quota.points};w=${WINDOW_SECONDS}`).join(', '));
          res.setHeader('RateLimit', `"${tightest.quota.name}";r=${Math.max(0, tightest.state.remainingPoints)};t=${reset}`);
          if (!tightest.refused) {
            next();
            return;
          }
          res.setHeader('Retry-After', String(reset));
          sendProblem(res, {
            slug: 'rate-limited',
            status: 429,
            title: 'Too many requests',
            detail: `More than ${tightest.quota.points} requests a minute for this ${tightest.quota.name === 'api-key' ? 'API key' : tightest.quota.name}. Try again in ${reset} s.`,
          });
        },
        (error: unknown) => next(error),
      );
    };
  }
}
