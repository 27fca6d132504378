import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { buildPlatform, type Platform } from '../../src/composition.js';
import type { Config } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { onboardTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { RecordingMailer } from '../helpers/recording-mailer.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { env } from '../helpers/test-env.js';

interface Started {
  platform: Platform;
  server: ReturnType<Platform['app']['listen']>;
  base: string;
}

/** An app of its own on the suite's database, with small budgets the rest of the suite never sees. */
async function startWith(overrides: Partial<Config>): Promise<Started> {
  const config = { ...env().config, ...overrides } as Config;
  const platform = await buildPlatform(config, env().database, createLogger('silent'), { mailer: new RecordingMailer(), clock: env().clock });
  const server = platform.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { platform, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(started: Started): Promise<void> {
  started.server.closeAllConnections();
  await new Promise((resolve) => started.server.close(resolve));
  await started.platform.close();
}

/** The suite's app runs behind a trusted loopback proxy, so X-Forwarded-For plays the client address. */
function get(base: string, path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, { headers });
}

describe('the general request budget: per client address, per organisation, per API key', () => {
  it('answers 429 problem+json with Retry-After and RateLimit headers once an address has spent its minute, and only for that address', async function () {
    this.timeout(60_000);
    const app = await startWith({ RATE_LIMIT_PER_ADDRESS: 5, RATE_LIMIT_PER_TENANT: 0, RATE_LIMIT_PER_API_KEY: 0 });
    try {
      const from = { 'x-forwarded-for': '198.51.100.7' };
      for (let i = 0; i < 5; i += 1) {
        const ok = await get(app.base, '/v1/tenant', from);
        expect(ok.status, 'within the budget: the request goes on (401: no token)').to.equal(401);
        expect(ok.headers.get('ratelimit')).to.equal(`"address";r=${4 - i};t=${ok.headers.get('ratelimit')!.split('t=')[1]}`);
        expect(ok.headers.get('ratelimit-policy')).to.equal('"address";q=5;w=60');
      }
      const refused = await get(app.base, '/v1/tenant', from);
      expect(refused.status).to.equal(429);
      expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).to.be.within(1, 60);
      expect(refused.headers.get('ratelimit')).to.equal(`"address";r=0;t=${retryAfter}`);
      expect(await refused.json()).to.include({ type: '/problems/rate-limited', status: 429, title: 'Too many requests' });

      // Another address has its own budget; health probes are never counted.
      expect((await get(app.base, '/v1/tenant', { 'x-forwarded-for': '198.51.100.8' })).status).to.equal(401);
      expect((await get(app.base, '/health/live', from)).status).to.equal(200);
      // The problem type describes itself.
      expect((await call('GET', '/problems/rate-limited')).body).to.include({ status: 429 });
    } finally {
      await stop(app);
    }
  });

  it('counts the signed-in users of one organisation together, whatever their addresses, and no other organisation', async function () {
    this.timeout(60_000);
    const busy = await onboardTenant('Drukke Organisatie');
    const quiet = await onboardTenant('Rustige Organisatie');
    const app = await startWith({ RATE_LIMIT_PER_ADDRESS: 0, RATE_LIMIT_PER_TENANT: 4, RATE_LIMIT_PER_API_KEY: 0 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await get(app.base, '/v1/tenant', { authorization: `Bearer ${busy.adminToken}`, 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
      }
      expect(statuses).to.deep.equal([200, 200, 200, 200, 429, 429]);
      const other = await get(app.base, '/v1/tenant', { authorization: `Bearer ${quiet.adminToken}`, 'x-forwarded-for': '203.0.113.1' });
      expect(other.status).to.equal(200);
      expect(other.headers.get('ratelimit-policy')).to.equal('"tenant";q=4;w=60');
    } finally {
      await stop(app);
    }
  });

  it('gives each API key its own budget; a forged key spends no organisation’s budget', async function () {
    this.timeout(60_000);
    const t = await onboardTenant('Koppelingen Organisatie');
    const created = await call('POST', '/v1/api-keys', { token: t.adminToken, body: { name: 'HR-koppeling', scopes: ['users:read'] } });
    expect(created.status, created.text).to.equal(201);
    const key = created.body.key as string;
    const app = await startWith({ RATE_LIMIT_PER_ADDRESS: 0, RATE_LIMIT_PER_TENANT: 2, RATE_LIMIT_PER_API_KEY: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await get(app.base, '/v1/users', { 'x-api-key': key })).status);
      expect(statuses).to.deep.equal([200, 200, 200, 429]);
      // A key that claims this tenant but is not its key: refused as unknown, and the tenant's
      // users still have their whole budget.
      const forged = `cpk_00000000-0000-4000-8000-000000000000.${t.id}.${'x'.repeat(43)}`;
      for (let i = 0; i < 3; i += 1) expect((await get(app.base, '/v1/users', { 'x-api-key': forged })).status).to.equal(401);
      expect((await get(app.base, '/v1/tenant', { authorization: `Bearer ${t.adminToken}` })).status).to.equal(200);
      expect((await get(app.base, '/v1/tenant', { authorization: `Bearer ${t.adminToken}` })).status).to.equal(200);
    } finally {
      await stop(app);
    }
  });

  describe('with Redis', () => {
    let redis: TestRedis;
    before(async function () {
      this.timeout(30_000);
      redis = await startRedis();
    });
    after(async () => {
      await redis.stop();
    });

    it('shares one budget between api processes', async function () {
      this.timeout(60_000);
      const settings = { REDIS_URL: redis.url, RATE_LIMIT_PER_ADDRESS: 4, RATE_LIMIT_PER_TENANT: 0, RATE_LIMIT_PER_API_KEY: 0 };
      const first = await startWith(settings);
      const second = await startWith(settings);
      try {
        const from = { 'x-forwarded-for': '192.0.2.44' };
        const statuses: number[] = [];
        for (let i = 0; i < 3; i += 1) {
          statuses.push((await get(first.base, '/v1/tenant', from)).status);
          statuses.push((await get(second.base, '/v1/tenant', from)).status);
        }
        expect(statuses).to.deep.equal([401, 401, 401, 401, 429, 429]);
      } finally {
        await stop(first);
        await stop(second);
      }
    });
  });
});
