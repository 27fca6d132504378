import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { buildPlatform, openDatabase } from './composition.js';
import { superviseApiProcesses } from './platform/cluster/api-primary.js';
import { announceListening, databaseFromPrimary, shareMetrics } from './platform/cluster/api-worker.js';
import type { SharedDatabase } from './platform/cluster/messages.js';
import { ConfigError, loadConfig } from './platform/config/config.js';
import { createLogger, describeError, logFormatFor } from './platform/logging/logger.js';
import { ensureConsoleBuilt } from './platform/console-build.js';
import { retentionSweep } from './modules/privacy/module.js';
import { BullScheduler } from './platform/scheduling/bull-scheduler.js';
import { TimerScheduler } from './platform/scheduling/timer-scheduler.js';

/**
 * Entry point: `api` (default) serves HTTP, `worker` runs the background work (message
 * fan-out and delivery), `migrate` brings the schema up to date and stops. Without REDIS_URL the api runs the worker too, on in-process queues:
 * one process for the embedded default. Reads and checks configuration first: a bad value
 * stops the process with one line that names the variable.
 */
async function main(): Promise<void> {
  const role = process.argv[2] ?? 'api';
  if (role !== 'api' && role !== 'worker' && role !== 'migrate') {
    console.error(`Unknown process role '${role}'. Use: api, worker or migrate`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL, undefined, {
    format: logFormatFor({ logFormat: config.LOG_FORMAT, nodeEnv: config.NODE_ENV, isTTY: process.stdout.isTTY }),
  });
  const started = Date.now();
  // One of API_PROCESSES api processes: the primary prepared the database and serves the metrics port.
  const clustered = role === 'api' && cluster.isWorker;
  let database: SharedDatabase & { stop(): Promise<void> };
  if (clustered) {
    database = { ...(await databaseFromPrimary()), stop: () => Promise.resolve() };
  } else {
    // The migrations step (a Job before a rollout): migrate, confine the application role, ensure RLS, stop.
    database = await openDatabase(role === 'migrate' ? { ...config, MIGRATE_ON_START: true } : config, logger);
    logger.info({ data: database.location, embedded: !config.DATABASE_URL }, `database ready; data lives in ${database.location}`);
  }
  if (role === 'migrate') {
    await database.stop();
    logger.info({ ms: Date.now() - started }, 'migrations done');
    process.exit(0);
  }
  if (role === 'api' && !clustered) await ensureConsoleBuilt(logger);
  if (role === 'api' && config.API_PROCESSES > 1 && cluster.isPrimary) {
    await superviseApiProcesses({ config, logger, database, listen, closeServer, started });
    return;
  }
  const platform = await buildPlatform(config, database, logger);
  if (clustered) shareMetrics(platform.metrics.registry);
  // Daily jobs: a bull repeatable job with Redis (one run across all processes), else an in-process timer.
  const onJobError = (name: string, error: unknown) => logger.error({ err: error, job: name }, 'scheduled job failed');
  const scheduler = config.REDIS_URL ? new BullScheduler(config.REDIS_URL, onJobError) : new TimerScheduler(onJobError);
  const sweep = retentionSweep(platform.container);
  await scheduler.schedule('privacy.retention', { dailyAtUtc: config.RETENTION_RUN_AT_UTC }, async () => {
    try {
      const outcome = await sweep.execute();
      platform.metrics.retentionRun(outcome);
      logger.info(outcome, 'retention run finished');
    } catch (error) {
      platform.metrics.retentionRun('failed');
      throw error;
    }
  });
  // Expired Idempotency-Key answers (kept IDEMPOTENCY_KEY_HOURS) go hourly.
  await scheduler.schedule('platform.idempotency-keys', { everyMs: 3600_000 }, async () => {
    const outcome = await platform.idempotencyKeys.sweep();
    logger.info(outcome, 'expired idempotency keys removed');
  });
  const metricsServer = config.METRICS_PORT === undefined || clustered ? null : await listen(platform.metricsApp, config.METRICS_PORT, config.METRICS_HOST ?? config.HOST);
  if (metricsServer) logger.info({ port: portOf(metricsServer) }, 'metrics and health on their own port');

  const server: Server | null = role === 'api' ? await listen(platform.app, config.PORT, config.HOST) : null;
  if (role === 'worker' || !config.REDIS_URL) platform.startWorker();
  if (server && clustered) {
    announceListening(portOf(server));
    logger.debug({ startupMs: Date.now() - started }, 'api process listening');
  } else if (server) {
    const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${portOf(server)}`;
    logger.info({ url, docs: `${url}/docs`, startupMs: Date.now() - started }, `API listening on ${url} (docs: ${url}/docs)`);
  } else {
    logger.info({ queues: config.REDIS_URL ? 'redis' : 'in-process', startupMs: Date.now() - started }, 'worker running');
  }

  /**
   * SIGTERM: readiness fails at once and live streams end with a retry hint (clients reconnect
   * elsewhere with Last-Event-ID); no new connections are taken, requests in flight finish;
   * running delivery jobs start no new push, record the pushes in flight and hand back the rest
   * (bull's close waits for them), so no device is pushed twice because of a stop. Past
   * SHUTDOWN_TIMEOUT_SECONDS the process exits anyway, with status 1 (claims still held then go
   * back to the queue after PUSH_LEASE_SECONDS).
   */
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const budgetMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    const began = Date.now();
    logger.info({ signal, budgetMs, openStreams: platform.openStreams() }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ budgetMs }, 'shutdown took longer than SHUTDOWN_TIMEOUT_SECONDS; exiting anyway');
      process.exit(1);
    }, budgetMs);
    deadline.unref();
    platform.drain();
    await Promise.all([server ? closeServer(server) : Promise.resolve(), metricsServer ? closeServer(metricsServer) : Promise.resolve()]);
    await scheduler.close();
    await platform.close();
    await database.stop();
    clearTimeout(deadline);
    logger.info({ signal, shutdownMs: Date.now() - began }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The primary is gone (killed outright): nothing hands this process connections any more.
  if (clustered) process.on('disconnect', () => void stop('primary gone'));
}

function listen(app: { listen(port: number, host: string): Server }, port: number, host: string): Promise<Server> {
  const server = app.listen(port, host);
  return new Promise((resolve, reject) => server.once('listening', () => resolve(server)).once('error', reject));
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Stops taking connections and resolves when the requests in flight have been answered. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // A keep-alive connection that goes idle after its last answer is closed at once rather than at its timeout.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
  });
}

main().catch((error: unknown) => {
  console.error(`Start-up failed: ${describeError(error)}`);
  process.exit(1);
});
