import { expect } from 'chai';
import { Redis } from 'ioredis';
import { TooManyAttempts } from '../../src/platform/security/brute-force.js';
import { RateLimiterBruteForceGuard } from '../../src/platform/security/rate-limiter-brute-force-guard.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

describe('brute-force guard on real Redis (several API processes share the counters)', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];

  before(async () => {
    redis = await startRedis();
  });

  after(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    await redis.stop();
  });

  function guard(): RateLimiterBruteForceGuard {
    const client = new Redis(redis.url, { enableOfflineQueue: false });
    clients.push(client);
    return new RateLimiterBruteForceGuard({ store: { kind: 'redis', client } });
  }

  it('locks an account after five failures spread over two processes, and tells how long', async () => {
    const first = guard();
    const second = guard();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const keys = { account: 'tenant-x/m.devries@example.test', address: '203.0.113.9' };
    for (let i = 0; i < 4; i++) await (i % 2 ? first : second).recordFailure('login', keys);
    let thrown: unknown = null;
    try {
      await first.recordFailure('login', keys);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(TooManyAttempts);
    expect((thrown as TooManyAttempts).retryAfterSeconds).to.be.within(55, 60);
    let blocked: unknown = null;
    try {
      await second.assertAllowed('login', keys);
    } catch (error) {
      blocked = error;
    }
    expect(blocked).to.be.instanceOf(TooManyAttempts);
    await second.assertAllowed('login', { account: 'tenant-x/ander@example.test', address: '203.0.113.9' });
  });
});
