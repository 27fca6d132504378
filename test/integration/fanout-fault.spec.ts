import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { MESSAGING_APP } from '../../src/modules/messaging/module.js';
import type { SendMessage } from '../../src/modules/messaging/application/send-message.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { fakeFcm } from '../helpers/fake-push-providers.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { env } from '../helpers/test-env.js';
import { eventually } from '../helpers/eventually.js';

const RECIPIENTS = 2000;

const PUSH_BATCH_SIZE = 100;
const PUSH_CONCURRENCY = 20;
const WORKER_CONCURRENCY = 2;

/**
 * The fan-out survives what bull alone does not: 2,000 recipients on Android (FCM adapter against
 * the local provider, 20 ms per push), the worker process killed halfway, Redis flushed, a new
 * worker started. Every recipient-device ends up delivered and recorded as sent. A device is pushed
 * twice only if its push had gone out without its outcome committed at the kill (it was still
 * claimed, `sending`); a job records its outcomes when it ends, so there are at most
 * PUSH_BATCH_SIZE × WORKER_CONCURRENCY of those, and each repeat carries the same collapse key and
 * notification tag, so the device replaces the notification instead of showing a second one.
 */
describe('fan-out fault: worker killed halfway and Redis flushed (real redis-server and PostgreSQL)', function () {
  this.timeout(180_000);
  let redis: TestRedis;
  let api: Platform;
  let tenant: OnboardedTenant;
  let owner: pg.Client;
  let fcm: Awaited<ReturnType<typeof fakeFcm>>;
  let dir: string;
  const children: ChildProcess[] = [];
  // Read by the provider on every push: a test may slow it down.
  const fcmOptions = { latencyMs: 20 };

  before(async () => {
    await env().platform.stopWorker();
    redis = await startRedis();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fcm = await fakeFcm(publicKey, fcmOptions);
    dir = mkdtempSync(path.join(os.tmpdir(), 'fanout-fault-'));
    writeFileSync(
      path.join(dir, 'service-account.json'),
      JSON.stringify({ project_id: 'fault-test', client_email: 'push@fault-test.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), token_uri: fcm.tokenUrl }),
    );
    // The api side: the same database, queues on the test's Redis, no worker of its own.
    api = await buildPlatform({ ...env().config, REDIS_URL: redis.url, PUSH_BATCH_SIZE: 100 }, env().database, createLogger('silent'));
    tenant = await onboardTenant('Storingstest');
    owner = new pg.Client({ connectionString: env().database.ownerUrl });
    await owner.connect();
    await owner.query('begin');
    await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
    await owner.query(
      `insert into users (id, tenant_id, email, name, roles, status, created_at, updated_at)
       select gen_random_uuid(), $1, 'lid' || n || '@storing.test', 'Lid ' || n, '{member}', 'active', now(), now() from generate_series(1, $2::int) n`,
      [tenant.id, RECIPIENTS],
    );
    await owner.query(
      `insert into push_devices (id, tenant_id, user_id, platform, token, app_version, created_at, updated_at)
       select gen_random_uuid(), $1, id, 'android', 'fcm-' || id, '2.4.1', now(), now() from users where tenant_id = $1 and email like 'lid%'`,
      [tenant.id],
    );
    await owner.query('commit');
  });

  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await api?.close();
    await owner?.end();
    await fcm?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
    env().platform.startWorker();
  });

  function startWorker(settings: Record<string, string> = {}): ChildProcess {
    const database = new URL(env().database.appUrl);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_WORKER_LOG_LEVEL ?? 'silent',
        DATA_DIR: env().dataDir,
        DATABASE_URL: env().database.ownerUrl,
        DATABASE_APP_PASSWORD: decodeURIComponent(database.password),
        REDIS_URL: redis.url,
        PUSH_DRIVER: 'providers',
        FCM_SERVICE_ACCOUNT_FILE: path.join(dir, 'service-account.json'),
        FCM_ENDPOINT: fcm.url,
        PUSH_BATCH_SIZE: String(PUSH_BATCH_SIZE),
        PUSH_CONCURRENCY: String(PUSH_CONCURRENCY),
        WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
        PUSH_LEASE_SECONDS: '5',
        FANOUT_SWEEP_MS: '300',
        ...settings,
      },
      stdio: process.env.TEST_WORKER_LOG_LEVEL ? 'inherit' : 'ignore',
    });
    children.push(child);
    return child;
  }

  async function deliveries(): Promise<Map<string, number>> {
    await owner.query('begin');
    await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
    const rows = await owner.query<{ status: string; count: number }>(`select status, count(*)::int as count from push_deliveries where tenant_id = $1 group by status`, [tenant.id]);
    await owner.query('commit');
    return new Map(rows.rows.map((row) => [row.status, row.count]));
  }

  it(`delivers every recipient-device; at most ${PUSH_BATCH_SIZE * WORKER_CONCURRENCY} (batch size × worker concurrency) are pushed twice, only ones claimed and unrecorded at the kill, each time with the same collapse key and notification tag`, async () => {
    const first = startWorker();
    const send = api.container.get<SendMessage>(MESSAGING_APP.SendMessage);
    const message = await api.uow.run(tenant.id, async () => {
      const sent = await send.execute({ tenantId: tenant.id, senderType: 'user', senderId: tenant.adminId, title: 'Opkomst', body: 'Iedereen naar de verzamelplaats.', priority: 'urgent', audience: { everyone: true, groupIds: [], userIds: [] } });
      if (!sent.ok) throw sent.error;
      return sent.value;
    });
    expect(message.recipientCount).to.equal(RECIPIENTS + 1);

    await eventually('half of the pushes', () => fcm.delivered.length >= RECIPIENTS / 2, 90_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
    const atKill = await deliveries();
    const inDoubt = new Set(
      (
        await (async () => {
          await owner.query('begin');
          await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
          const rows = await owner.query<{ token: string }>(
            `select d.token from push_deliveries p join push_devices d on d.tenant_id = p.tenant_id and d.id = p.device_id where p.tenant_id = $1 and p.status = 'sending'`,
            [tenant.id],
          );
          await owner.query('commit');
          return rows.rows;
        })()
      ).map((row) => row.token),
    );
    expect(atKill.get('sent') ?? 0, `the kill came halfway: ${JSON.stringify([...atKill])}, ${fcm.delivered.length} pushed`).to.be.within(1, RECIPIENTS - 1);
    const deliveredAtKill = fcm.delivered.length;

    // A shutdown budget shorter than the next test's job: that test stops this worker gracefully.
    startWorker({ SHUTDOWN_TIMEOUT_SECONDS: '4' });
    await eventually('every delivery recorded as sent', async () => (await deliveries()).get('sent') === RECIPIENTS, 120_000);

    const byToken = new Map<string, number>();
    for (const push of fcm.delivered) byToken.set(push.token, (byToken.get(push.token) ?? 0) + 1);
    expect(byToken.size, 'every device got the message').to.equal(RECIPIENTS);
    const repeated = [...byToken].filter(([, count]) => count > 1).map(([token]) => token);
    for (const token of repeated) expect(inDoubt.has(token), `${token} was pushed twice but was not in flight at the kill`).to.equal(true);
    expect(repeated.length, `repeated devices (unrecorded at the kill: ${inDoubt.size})`).to.be.at.most(PUSH_BATCH_SIZE * WORKER_CONCURRENCY);
    expect(Math.max(...byToken.values())).to.equal(repeated.length > 0 ? 2 : 1);
    // A repeat carries the same collapse key, so the device shows one notification.
    const keys = new Map<string, Set<string | null>>();
    for (const push of fcm.delivered) keys.set(push.token, (keys.get(push.token) ?? new Set()).add(push.collapseKey));
    for (const token of repeated) expect([...keys.get(token)!], `collapse keys of the repeated ${token}`).to.have.length(1).and.not.include(null);
    // ...and the same notification tag (the message id), so a repeat replaces the one already shown.
    const tags = new Set(fcm.delivered.map((push) => (JSON.parse(push.body) as { message: { android: { notification: { tag: string } } } }).message.android.notification.tag));
    expect([...tags]).to.deep.equal([message.id]);
    expect([...keys.values()].every((set) => set.size === 1)).to.equal(true);
    expect(fcm.delivered.length - deliveredAtKill, 'the new worker pushed only what was left').to.be.at.most(RECIPIENTS - deliveredAtKill + inDoubt.size);
    const final = await deliveries();
    expect(final.get('failed') ?? 0).to.equal(0);
    expect(final.get('queued') ?? 0).to.equal(0);
  });

  it('a graceful stop (SIGTERM) in the middle of a job longer than the shutdown budget: pushes in flight are recorded, the rest handed back; after a restart every device has the message exactly once', async () => {
    // The worker the previous test left running, with a 4 s budget; one job of 100 devices, 20
    // pushes at a time, 1.5 s each: 7.5 s of pushing.
    const worker = children.at(-1)!;
    expect(worker.exitCode).to.equal(null);
    fcmOptions.latencyMs = 1500;
    await owner.query('begin');
    await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
    const ids = (await owner.query<{ id: string }>(`select id from users where tenant_id = $1 and email like 'lid%' order by email limit $2`, [tenant.id, PUSH_BATCH_SIZE])).rows.map((row) => row.id);
    await owner.query('commit');
    const send = api.container.get<SendMessage>(MESSAGING_APP.SendMessage);
    const message = await api.uow.run(tenant.id, async () => {
      const sent = await send.execute({ tenantId: tenant.id, senderType: 'user', senderId: tenant.adminId, title: 'Tweede oproep', body: 'Nog niet iedereen is er.', priority: 'urgent', audience: { everyone: false, groupIds: [], userIds: ids } });
      if (!sent.ok) throw sent.error;
      return sent.value;
    });
    const tagOf = (push: { body: string }) => (JSON.parse(push.body) as { message: { android: { notification: { tag: string } } } }).message.android.notification.tag;
    const pushes = () => fcm.delivered.filter((push) => tagOf(push) === message.id);
    const statuses = async (): Promise<Map<string, number>> => {
      await owner.query('begin');
      await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
      const rows = await owner.query<{ status: string; count: number }>(`select status, count(*)::int as count from push_deliveries where tenant_id = $1 and message_id = $2 group by status`, [tenant.id, message.id]);
      await owner.query('commit');
      return new Map(rows.rows.map((row) => [row.status, row.count]));
    };
    await eventually('the job under way', () => pushes().length >= PUSH_CONCURRENCY, 60_000);
    const from = Date.now();
    worker.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => worker.once('exit', resolve));
    const atStop = await statuses();
    expect(code, `exit status after ${Date.now() - from} ms`).to.equal(0);
    expect(atStop.get('sending') ?? 0, 'no claim outlives the stop').to.equal(0);
    expect(atStop.get('sent'), 'every push handed to the provider is recorded').to.equal(pushes().length);
    expect(atStop.get('queued') ?? 0, 'the rest is handed back').to.equal(ids.length - pushes().length).and.to.be.above(0);

    fcmOptions.latencyMs = 20;
    startWorker();
    await eventually('every device sent', async () => (await statuses()).get('sent') === ids.length, 60_000);
    const byToken = new Map<string, number>();
    for (const push of pushes()) byToken.set(push.token, (byToken.get(push.token) ?? 0) + 1);
    expect(byToken.size, 'every device got the message').to.equal(ids.length);
    expect(Math.max(...byToken.values()), 'and none twice').to.equal(1);
  });
});

describe('fan-out while Redis is away', function () {
  this.timeout(60_000);

  it('still accepts the message without holding up the sender; the row waits in PostgreSQL until a worker’s sweep delivers it', async () => {
    const redis = await startRedis();
    let redisRunning = true;
    const api = await buildPlatform({ ...env().config, REDIS_URL: redis.url }, env().database, createLogger('silent'));
    try {
      const tenant = await onboardTenant('Redis weg');
      const owner = new pg.Client({ connectionString: env().database.ownerUrl });
      await owner.connect();
      try {
        await owner.query('begin');
        await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
        await owner.query(
          `insert into push_devices (id, tenant_id, user_id, platform, token, app_version, created_at, updated_at) values (gen_random_uuid(), $1, $2, 'android', 'fcm-admin', '2.4.1', now(), now())`,
          [tenant.id, tenant.adminId],
        );
        await owner.query('commit');
        await redis.stop();
        redisRunning = false;
        const send = api.container.get<SendMessage>(MESSAGING_APP.SendMessage);
        const started = Date.now();
        const message = await api.uow.run(tenant.id, async () => {
          const sent = await send.execute({ tenantId: tenant.id, senderType: 'user', senderId: tenant.adminId, title: 'Test', body: 'Redis is weg.', audience: { everyone: true, groupIds: [], userIds: [] } });
          if (!sent.ok) throw sent.error;
          return sent.value;
        });
        expect(Date.now() - started).to.be.below(10_000);
        expect(message.status).to.equal('sent');
        const state = async (): Promise<{ deliveries: string[]; outbox: number }> => {
          await owner.query('begin');
          await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenant.id]);
          const rows = await owner.query<{ status: string }>(`select status from push_deliveries where tenant_id = $1 and message_id = $2`, [tenant.id, message.id]);
          const outbox = await owner.query(`select 1 from message_outbox where tenant_id = $1`, [tenant.id]);
          await owner.query('commit');
          return { deliveries: rows.rows.map((row) => row.status), outbox: outbox.rowCount ?? 0 };
        };
        expect((await state()).outbox).to.equal(0);
        // The queue never got the job; the sweep of a running worker (the suite's embedded one,
        // on its in-process queue) finds the queued row in PostgreSQL and delivers it.
        await eventually('the sweep to deliver the waiting row', async () => (await state()).deliveries.join() === 'sent', 20_000);
        expect(env().push.to('fcm-admin')).to.have.length(1);
      } finally {
        await owner.end();
      }
    } finally {
      await api.close().catch(() => undefined);
      if (redisRunning) await redis.stop();
    }
  });
});
