import { expect } from 'chai';
import type { Server } from 'node:http';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { addUser, onboardTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { openSse } from '../helpers/sse.js';
import { env } from '../helpers/test-env.js';

interface Instance {
  platform: Platform;
  server: Server;
  baseUrl: string;
}

/**
 * A further api process on the same database, fanning out live news through Redis. Its feeds
 * re-read the database every `heartbeatSeconds`: a long heartbeat leaves pub/sub as the only way
 * an entry can arrive promptly.
 */
async function startInstance(redisUrl: string, heartbeatSeconds: number): Promise<Instance> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: env().dataDir,
    EMBEDDED_POSTGRES_PORT: String(env().config.EMBEDDED_POSTGRES_PORT),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    VALIDATE_RESPONSES: 'true',
    PORT: '0',
    REDIS_URL: redisUrl,
    LIVE_FEED_HEARTBEAT_SECONDS: String(heartbeatSeconds),
  });
  const platform = await buildPlatform(config, env().database, createLogger(config.LOG_LEVEL), { mailer: env().mailer, clock: env().clock });
  const server = platform.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  return { platform, server, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function stopInstance(instance: Instance): Promise<void> {
  instance.server.closeAllConnections();
  await new Promise<void>((resolve) => instance.server.close(() => resolve()));
  await instance.platform.close();
}

describe('incidents: a live feed across api processes (Redis pub/sub, real redis-server)', () => {
  let redis: TestRedis;
  let one: Instance;
  let two: Instance;
  /** A process with a 1 s heartbeat, for what only the heartbeat does. */
  let beating: Instance;

  before(async function () {
    this.timeout(60_000);
    redis = await startRedis();
    one = await startInstance(redis.url, 300);
    two = await startInstance(redis.url, 300);
    beating = await startInstance(redis.url, 1);
  });

  after(async function () {
    this.timeout(30_000);
    await stopInstance(one);
    await stopInstance(two);
    await stopInstance(beating);
    await redis.stop();
  });

  it('shows a subscriber on one process the entries posted through another, in order, and catches up after a reconnect', async function () {
    this.timeout(30_000);
    const t = await onboardTenant('Twee processen');
    const member = await addUser(t, ['member'], 'Lid Live');
    const activated = await call('POST', '/v1/incidents', { token: t.adminToken, body: { title: 'Schaal', type: 'general', severity: 'minor', users: [{ userId: member.id }] } });
    expect(activated.status, activated.text).to.equal(201);
    const id = activated.body.id as string;
    const postThroughTwo = async (text: string) => {
      const reply = await fetch(`${two.baseUrl}/v1/incidents/${id}/entries`, { method: 'POST', headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      expect(reply.status, await reply.clone().text()).to.equal(201);
    };

    const feed = await openSse(`${one.baseUrl}/v1/incidents/${id}/stream`, t.adminToken);
    expect(feed.status).to.equal(200);
    // Give the stream its subscription before posting: the catch-up read covers the rest anyway.
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Heartbeats are 300 s apart: only Redis pub/sub brings each entry over within 2 s.
    for (let i = 1; i <= 20; i++) {
      const posted = performance.now();
      await postThroughTwo(`bericht ${i}`);
      const arrived = (await feed.waitFor(i, 2_000))[i - 1]!;
      expect(arrived.data.text).to.equal(`bericht ${i}`);
      expect(arrived.at - posted, `bericht ${i}`).to.be.below(2_000);
    }
    const events = feed.events;
    expect(events.map((e) => e.data.text)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `bericht ${i + 1}`));
    expect(events.map((e) => Number(e.id))).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 1));
    feed.close();

    // Away while two more are posted through the other process; back with Last-Event-ID on the first.
    await postThroughTwo('gemist 1');
    await postThroughTwo('gemist 2');
    const back = await openSse(`${one.baseUrl}/v1/incidents/${id}/stream`, t.adminToken, { 'last-event-id': '20' });
    expect((await back.waitFor(2)).map((e) => e.data.text)).to.deep.equal(['gemist 1', 'gemist 2']);
    await postThroughTwo('weer live');
    expect((await back.waitFor(3, 2_000))[2]!.data.text).to.equal('weer live');
    back.close();

    // Marking through the first process reaches a member's overview stream on the second.
    const overview = await openSse(`${two.baseUrl}/v1/incidents/${id}/stream?view=overview`, member.token);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const mark = await fetch(`${one.baseUrl}/v1/incidents/${id}/entries/${events[4]!.data.id}/highlight`, { method: 'PUT', headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ important: true, summary: 'Vijfde' }) });
    expect(mark.status).to.equal(200);
    const marked = await overview.waitFor(1, 2_000);
    expect(marked[0]!.data).to.include({ text: 'bericht 5', important: true, summary: 'Vijfde' });
    overview.close();
  });

  it('still delivers an entry whose announcement never arrives, on the next heartbeat read', async function () {
    this.timeout(30_000);
    const t = await onboardTenant('Verloren melding');
    const activated = await call('POST', '/v1/incidents', { token: t.adminToken, body: { title: 'Stil', type: 'general', severity: 'minor' } });
    expect(activated.status, activated.text).to.equal(201);
    const id = activated.body.id as string;
    const feed = await openSse(`${beating.baseUrl}/v1/incidents/${id}/stream`, t.adminToken);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The test's main app shares the database but announces in-process only: nothing reaches `beating`.
    const posted = await call('POST', `/v1/incidents/${id}/entries`, { token: t.adminToken, body: { text: 'Zonder aankondiging' } });
    expect(posted.status, posted.text).to.equal(201);
    const events = await feed.waitFor(1, 5_000);
    expect(events[0]!.data).to.include({ id: posted.body.id, text: 'Zonder aankondiging' });
    feed.close();
  });

  it('ends the feed of a member who is unlinked from the incident, at the next heartbeat', async function () {
    this.timeout(30_000);
    const t = await onboardTenant('Ontkoppeld');
    const member = await addUser(t, ['member'], 'Tijdelijk Lid');
    const activated = await call('POST', '/v1/incidents', { token: t.adminToken, body: { title: 'Kort', type: 'general', severity: 'minor', users: [{ userId: member.id }] } });
    const id = activated.body.id as string;
    const response = await fetch(`${beating.baseUrl}/v1/incidents/${id}/stream`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(response.status).to.equal(200);
    const removed = await call('DELETE', `/v1/incidents/${id}/members/${member.id}`, { token: t.adminToken });
    expect(removed.status, removed.text).to.equal(204);
    // The stream ends by itself (the body completes) instead of staying open.
    const ended = await Promise.race([response.text().then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000))]);
    expect(ended).to.equal(true);
  });
});
