import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { metricsApp } from '../../src/platform/metrics/metrics-server.js';
import { addUser, onboardTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { eventually } from '../helpers/eventually.js';
import { startRedis } from '../helpers/redis-server.js';
import { openSse } from '../helpers/sse.js';
import { env } from '../helpers/test-env.js';

async function serve(app: { listen(port: number, host: string): Server }): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The value of one sample line of a Prometheus scrape, e.g. sample(text, 'db_pool_connections{state="max"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics and health: /metrics on its own port, readiness follows PostgreSQL and Redis', () => {
  let side: { url: string; close(): Promise<void> };

  before(async () => {
    side = await serve(env().platform.metricsApp);
  });
  after(async () => {
    await side.close();
  });

  it('exposes request durations by route and status, pool use, queue depth and age, pushes by provider and outcome, open streams and event-loop lag', async function () {
    this.timeout(30_000);
    const tenant = await onboardTenant('Metingen');
    const member = await addUser(tenant, ['member'], 'Mila Meter');
    expect((await call('POST', '/v1/me/devices', { token: member.token, body: { platform: 'android', token: `fcm-${randomUUID()}`, appVersion: '2.4.1' } })).status).to.equal(201);
    const sent = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'Meting', body: 'Tekst', audience: { userIds: [member.id] } } });
    expect(sent.status, sent.text).to.equal(201);
    const stream = await openSse(`${env().baseUrl}/v1/messages/${sent.body.id as string}/stats/stream?seconds=30`, tenant.adminToken);
    expect(stream.status).to.equal(200);
    await eventually('the push went out', () => env().push.sent.some((push) => push.data.messageId === sent.body.id));

    const scrape = await fetch(`${side.url}/metrics`);
    expect(scrape.status).to.equal(200);
    expect(scrape.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await scrape.text();
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/v1/messages",status="201"}')).to.be.at.least(1);
    expect(sample(text, 'db_pool_connections{state="max"}')).to.equal(env().config.DATABASE_POOL_MAX);
    expect(sample(text, 'db_pool_connections{state="used"}')).to.be.a('number');
    expect(text).to.match(/^queue_jobs\{queue="[^"]+",state="waiting"\} \d+$/m);
    expect(text).to.match(/^queue_oldest_waiting_seconds\{queue="[^"]+"\} [\d.e+-]+$/m);
    expect(sample(text, 'push_deliveries_total{provider="console",outcome="sent"}')).to.be.at.least(1);
    expect(sample(text, 'live_streams_open')).to.be.at.least(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).to.be.a('number');
    stream.close();
    await eventually('the stream is counted as closed', () => env().platform.openStreams() === 0);
    const after = await (await fetch(`${side.url}/metrics`)).text();
    expect(after, 'the route template, never the raw path').to.match(/http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/v1\/messages\/:messageId\/stats\/stream",status="200"\}/);
  });

  it('records retention runs by outcome, with the tenants done and failed', async () => {
    env().platform.metrics.retentionRun({ tenants: 3, failed: 1 });
    env().platform.metrics.retentionRun('failed');
    const text = await (await fetch(`${side.url}/metrics`)).text();
    expect(sample(text, 'retention_runs_total{outcome="partial"}')).to.be.at.least(1);
    expect(sample(text, 'retention_runs_total{outcome="failed"}')).to.be.at.least(1);
    expect(sample(text, 'retention_last_run_tenants{result="failed"}')).to.equal(1);
    expect(sample(text, 'retention_last_run_timestamp_seconds')).to.be.closeTo(Date.now() / 1000, 60);
  });

  it('is not part of the public API, and asks for the token when one is configured', async () => {
    const publicly = await call('GET', '/metrics');
    expect(publicly.status).to.equal(404);
    const guarded = await serve(metricsApp({ registry: env().platform.metrics.registry, token: 'a-scrape-token-of-32-characters!', health: (await import('express')).Router() }));
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).to.equal(401);
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-32-characters!!!' } })).status).to.equal(401);
      const allowed = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer a-scrape-token-of-32-characters!' } });
      expect(allowed.status).to.equal(200);
      expect(await allowed.text()).to.include('http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });

  it('readiness fails when Redis or PostgreSQL cannot be reached; liveness does not', async function () {
    this.timeout(30_000);
    const redis = await startRedis();
    let platform: Platform | null = null;
    let http: { url: string; close(): Promise<void> } | null = null;
    let redisRunning = true;
    try {
      const config = loadConfig({ ...process.env, NODE_ENV: 'test', REDIS_URL: redis.url, DATA_DIR: env().dataDir, LOG_LEVEL: 'silent', SHUTDOWN_TIMEOUT_SECONDS: '2' });
      platform = await buildPlatform(config, env().database, createLogger('silent'));
      http = await serve(platform.metricsApp);
      const ready = await fetch(`${http.url}/health/ready`);
      expect(ready.status).to.equal(200);
      expect(await ready.json()).to.deep.equal({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });

      await redis.stop();
      redisRunning = false;
      const withoutRedis = await eventually('readiness notices Redis is gone', async () => {
        const reply = await fetch(`${http!.url}/health/ready`);
        return reply.status === 503 ? ((await reply.json()) as { detail: string }) : null;
      });
      expect(withoutRedis.detail).to.equal('Redis cannot be reached.');
      expect((await fetch(`${http.url}/health/live`)).status).to.equal(200);

      // The pool closed is the database gone, as far as this process can tell.
      await platform.orm.close(true);
      const neither = await fetch(`${http.url}/health/ready`);
      expect(neither.status).to.equal(503);
      expect(((await neither.json()) as { detail: string }).detail).to.equal('The database and Redis cannot be reached.');
      expect((await fetch(`${http.url}/health/live`)).status).to.equal(200);

      platform.drain();
      const draining = await fetch(`${http.url}/health/ready`);
      expect(((await draining.json()) as { detail: string }).detail).to.equal('The process is shutting down.');
    } finally {
      await http?.close();
      await platform?.close().catch(() => undefined);
      if (redisRunning) await redis.stop();
    }
  });
});
