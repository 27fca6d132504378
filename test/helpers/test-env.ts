import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildPlatform, openDatabase, type Database, type Platform } from '../../src/composition.js';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { ensureConsoleBuilt } from '../../src/platform/console-build.js';
import { freePort } from './free-port.js';
import { RecordingMailer } from './recording-mailer.js';
import { RecordingPushSender } from './recording-push.js';
import { TestClock } from './test-clock.js';

export interface TestEnv {
  baseUrl: string;
  config: Config;
  database: Database;
  platform: Platform;
  mailer: RecordingMailer;
  push: RecordingPushSender;
  clock: TestClock;
  dataDir: string;
}

let current: TestEnv | null = null;
let server: Server | null = null;

/**
 * One real PostgreSQL (embedded, in a fresh folder) and one started app for the whole run.
 * Tests talk to the app over real HTTP; each test makes its own tenants, so they do not
 * depend on each other's data.
 */
export async function startTestEnv(): Promise<TestEnv> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crisis-test-'));
  // As root, PostgreSQL runs as the postgres user, which must reach the folder.
  await chmod(dataDir, 0o755);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    VALIDATE_RESPONSES: 'true',
    BODY_LIMIT: '64kb',
    // Tests act as clients behind a proxy on loopback, so X-Forwarded-For can play distinct client addresses.
    TRUST_PROXY: 'loopback',
    PORT: '0',
    // The whole suite speaks from one address and a few tenants; the budget itself is proven
    // in request-rate-limit.spec.ts with an app of its own and small limits.
    RATE_LIMIT_PER_ADDRESS: '1000000',
    RATE_LIMIT_PER_TENANT: '1000000',
    RATE_LIMIT_PER_API_KEY: '1000000',
    PUSH_RETRY_BASE_MS: '50',
    FANOUT_SWEEP_MS: '1000',
    MESSAGE_STATS_INTERVAL_MS: '200',
  });
  const logger = createLogger(config.LOG_LEVEL);
  // Once per source change, not per run: the browser tests need the built console.
  await ensureConsoleBuilt(logger);
  const database = await openDatabase(config, logger);
  const mailer = new RecordingMailer();
  const clock = new TestClock();
  const push = new RecordingPushSender();
  const platform = await buildPlatform(config, database, logger, { mailer, clock, push });
  // The embedded default: api and worker in one process, on the in-process queue.
  platform.startWorker();
  server = platform.app.listen(0, '127.0.0.1');
  // Longer than the client's own idle limit (fetch keeps a connection 4 s): a spec whose set-up
  // blocks this process for a few seconds (building a second platform on a loaded machine) must
  // not find the server closing the pooled connection just as its next request goes out (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server!.once('listening', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  current = { baseUrl: `http://127.0.0.1:${port}`, config, database, platform, mailer, push, clock, dataDir };
  return current;
}

export async function stopTestEnv(): Promise<void> {
  if (!current) return;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await current.platform.close();
  await current.database.stop();
  await rm(current.dataDir, { recursive: true, force: true });
  current = null;
}

/** Cuts every open connection to the test app (a dropped network, as a client sees it); the app keeps running. */
export function cutConnections(): void {
  server?.closeAllConnections();
}

export function env(): TestEnv {
  if (!current) throw new Error('the test environment has not been started (root hooks)');
  return current;
}
