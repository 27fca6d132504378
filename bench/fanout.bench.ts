/**
 * npm run bench:fanout
 * The messaging fan-out at organisation scale: a tenant of 100,000 users with one Android device
 * each, one message to everyone. Real embedded PostgreSQL, a real redis-server and bull; the api
 * side is this process (SendMessage through the same use case as POST /v1/messages), the worker
 * is a separate `npm run worker` process whose FCM adapter pushes to a local provider that
 * answers after 20 ms (test/helpers/fake-push-providers.ts).
 * Prints: time until every recipient row is written and every job enqueued, the delivery rate of
 * the one worker, and the peak memory (RSS high-water mark) of api and worker.
 * Target (issue): persisted and enqueued < 10 s; > 5,000 devices/s per worker.
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildPlatform, openDatabase } from '../src/composition.js';
import type { SendMessage } from '../src/modules/messaging/application/send-message.js';
import { MESSAGING_APP } from '../src/modules/messaging/module.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { fakeFcm } from '../test/helpers/fake-push-providers.js';
import { freePort } from '../test/helpers/free-port.js';
import { startRedis } from '../test/helpers/redis-server.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const LATENCY_MS = 20;
/** BENCH_PUSH=simulated: the worker's push adapter only waits 20 ms (no HTTP); else FCM over HTTP. */
const simulated = process.env.BENCH_PUSH === 'simulated';

async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-fanout-'));
  await chmod(dataDir, 0o755);
  const redis = await startRedis();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fcm = await fakeFcm(publicKey, { latencyMs: LATENCY_MS });
  await writeFile(
    path.join(dataDir, 'service-account.json'),
    JSON.stringify({ project_id: 'bench', client_email: 'push@bench.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), token_uri: fcm.tokenUrl }),
  );
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'silent', PORT: '0', REDIS_URL: redis.url, RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_TENANT: '0', RATE_LIMIT_PER_API_KEY: '0' });
  const logger = createLogger('silent');
  const database = await openDatabase(config, logger);
  const platform = await buildPlatform(config, database, logger);
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  let worker: ReturnType<typeof spawn> | null = null;
  try {
    const tenantId = randomUUID();
    const adminId = randomUUID();
    const seeded = Date.now();
    await owner.query(
      `insert into tenants (id, slug, name, locale, time_zone, dpo_contact, status, suspension_reason, suspended_at, created_at, updated_at, second_factor_policy)
       values ($1, 'bench-fanout', 'Bench fan-out', 'nl', 'Europe/Amsterdam', null, 'active', null, null, now(), now(), 'optional')`,
      [tenantId],
    );
    await owner.query(
      `insert into users (id, tenant_id, email, name, roles, status, activated_at, created_at, updated_at)
       select case when n = 0 then $3::uuid else gen_random_uuid() end, $1, 'user' || n || '@bench.test', 'User ' || n, case when n = 0 then '{admin}'::text[] else '{member}'::text[] end, 'active', now(), now(), now()
         from generate_series(0, $2::int - 1) n`,
      [tenantId, USERS, adminId],
    );
    await owner.query(
      `insert into push_devices (id, tenant_id, user_id, platform, token, app_version, created_at, updated_at)
       select gen_random_uuid(), tenant_id, id, 'android', 'fcm-' || id, '2.4.1', now(), now() from users where tenant_id = $1`,
      [tenantId],
    );
    await owner.query('analyze');
    console.log(`seeded ${USERS} users with one device each in ${Date.now() - seeded} ms`);

    const database_ = new URL(database.appUrl);
    worker = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
        DATABASE_URL: database.ownerUrl,
        DATABASE_APP_PASSWORD: decodeURIComponent(database_.password),
        REDIS_URL: redis.url,
        PUSH_DRIVER: simulated ? 'simulated' : 'providers',
        PUSH_SIMULATED_LATENCY_MS: String(LATENCY_MS),
        FCM_SERVICE_ACCOUNT_FILE: path.join(dataDir, 'service-account.json'),
        FCM_ENDPOINT: fcm.url,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // Let the worker start (migrations check, connections) before the clock runs.
    await new Promise((resolve) => setTimeout(resolve, 8000));

    let apiPeak = process.memoryUsage().rss;
    const sampler = setInterval(() => (apiPeak = Math.max(apiPeak, process.memoryUsage().rss)), 20);
    const send = platform.container.get<SendMessage>(MESSAGING_APP.SendMessage);
    const started = Date.now();
    await platform.uow.run(tenantId, async () => {
      const sent = await send.execute({ tenantId, senderType: 'user', senderId: adminId, title: 'Ontruiming', body: 'Verlaat het gebouw.', priority: 'urgent', audience: { everyone: true, groupIds: [], userIds: [] } });
      if (!sent.ok) throw sent.error;
    });
    const enqueuedMs = Date.now() - started;
    clearInterval(sampler);
    console.log(`persisted (message, ${USERS} recipients, outbox, ${USERS} delivery rows) and enqueued: ${enqueuedMs} ms`);

    // Progress from PostgreSQL (what the worker recorded), polled every 100 ms.
    let firstAt = 0;
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const rows = await owner.query<{ n: number }>(`select count(*)::int as n from push_deliveries where tenant_id = $1 and status = 'sent'`, [tenantId]);
      const sent = rows.rows[0]!.n;
      if (!firstAt && sent > 0) firstAt = Date.now();
      if (sent >= USERS || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const recordedAt = Date.now();
    const workerPeak = await peakRss(worker.pid!);
    const rate = (USERS / ((recordedAt - firstAt) / 1000)).toFixed(0);
    if (!simulated) console.log(`the provider received ${fcm.delivered.length} pushes for ${new Set(fcm.delivered.map((d) => d.token)).size} devices, at ${LATENCY_MS} ms each`);
    console.log(`first delivery recorded after ${firstAt - started} ms; all ${USERS} recorded as sent after ${recordedAt - started} ms`);
    console.log(`delivery rate, one worker (${simulated ? `simulated adapter, ${LATENCY_MS} ms` : 'FCM adapter over HTTP to the local provider'}): ${rate} devices/s`);
    console.log(`peak RSS: api ${(apiPeak / 1024 / 1024).toFixed(0)} MiB, worker ${workerPeak.toFixed(0)} MiB`);
    console.log(`load average before ${loadBefore.toFixed(2)}, after ${os.loadavg()[0]!.toFixed(2)} (2 cores, shared)`);
  } finally {
    worker?.kill('SIGKILL');
    await owner.end();
    await platform.close();
    await database.stop();
    await fcm.close();
    await redis.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
