import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import pg from 'pg';
import { AggregatorRegistry } from 'prom-client';
import type { Config } from '../config/config.js';
import { healthRouter, type ReadinessCheck } from '../http/health.router.js';
import type { Logger } from '../logging/logger.js';
import { metricsApp } from '../metrics/metrics-server.js';
import { isClusterMessage, type SharedDatabase } from './messages.js';

/** A process that died this often within a minute is failing, not unlucky: the primary stops rather than loop. */
const RESTARTS_PER_MINUTE = 5;

export interface ApiPrimaryOptions {
  config: Config;
  logger: Logger;
  database: SharedDatabase & { stop(): Promise<void> };
  /** Listens an app on a port (main's helper, so both roles bind the same way). */
  listen(app: { listen(port: number, host: string): Server }, port: number, host: string): Promise<Server>;
  closeServer(server: Server): Promise<void>;
  started: number;
}

/**
 * The api role as API_PROCESSES processes on one machine (node:cluster). This primary serves no
 * API requests: it prepared the database before (migrations, the embedded server), forks the
 * processes that share PORT, replaces one that dies, and answers METRICS_PORT itself: /metrics
 * summed over the processes, readiness from its own database and Redis checks while at least one
 * process listens. SIGTERM goes on to every process (each drains as a single one would: requests
 * in flight finish, live streams end with a retry hint); the primary exits when they have, 0 when
 * all did cleanly, and within SHUTDOWN_TIMEOUT_SECONDS in any case.
 */
export async function superviseApiProcesses(options: ApiPrimaryOptions): Promise<void> {
  const { config, logger, database } = options;
  const shared: SharedDatabase = { appUrl: database.appUrl, jwtSecret: database.jwtSecret, encryptionKey: database.encryptionKey, location: database.location };
  const listening = new Map<number, number>();
  const restarts: number[] = [];
  let stopping = false;
  let announced = false;
  let failedExit = false;

  const fork = (): Worker => {
    // The environment as the configuration was read from it: building the console at start sets NODE_ENV=production in this process.
    const worker = cluster.fork({ NODE_ENV: config.NODE_ENV });
    worker.on('message', (message: unknown) => {
      if (isClusterMessage(message, 'crisis:database-wanted')) worker.send({ type: 'crisis:database', database: shared });
      if (isClusterMessage(message, 'crisis:listening')) {
        listening.set(worker.id, message.port);
        if (!announced && listening.size === config.API_PROCESSES) {
          announced = true;
          const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${message.port}`;
          logger.info({ url, docs: `${url}/docs`, processes: config.API_PROCESSES, startupMs: Date.now() - options.started }, `API listening on ${url} with ${config.API_PROCESSES} processes (docs: ${url}/docs)`);
        }
      }
    });
    worker.once('exit', (code, signal) => {
      const hadListened = listening.delete(worker.id);
      if (code !== 0) failedExit = true;
      if (stopping) return;
      if (!hadListened) {
        logger.error({ processPid: worker.process.pid, code, signal }, 'an api process stopped before it listened; stopping the others');
        void stop('start-up failure', 1);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - 60_000) restarts.shift();
      if (restarts.length > RESTARTS_PER_MINUTE) {
        logger.error({ restarts: restarts.length }, 'api processes keep dying; stopping');
        void stop('restart loop', 1);
        return;
      }
      logger.error({ processPid: worker.process.pid, code, signal }, 'an api process died; starting another');
      fork();
    });
    return worker;
  };

  const pool = new pg.Pool({ connectionString: database.appUrl, max: 1 });
  pool.on('error', (error) => logger.warn({ err: error }, 'readiness database connection problem'));
  const redis = new Redis(config.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection problem'));
  const readiness: ReadinessCheck[] = [
    { name: 'database', label: 'the database', check: async () => (await pool.query('select 1')).rowCount === 1 },
    { name: 'redis', label: 'Redis', check: async () => (await redis.ping()) === 'PONG' },
    { name: 'processes', label: 'the api processes', check: () => Promise.resolve(listening.size > 0) },
  ];
  const aggregator = new AggregatorRegistry();
  const metricsServer =
    config.METRICS_PORT === undefined
      ? null
      : await options.listen(
          metricsApp({
            registry: { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() },
            token: config.METRICS_TOKEN,
            health: healthRouter(readiness, () => stopping),
          }),
          config.METRICS_PORT,
          config.METRICS_HOST ?? config.HOST,
        );

  const stop = async (reason: string, code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const budgetMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    const began = Date.now();
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    logger.info({ reason, budgetMs, processes: workers.length }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ budgetMs }, 'api processes took longer than SHUTDOWN_TIMEOUT_SECONDS; exiting anyway');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, budgetMs);
    deadline.unref();
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    if (metricsServer) await options.closeServer(metricsServer);
    await pool.end();
    redis.disconnect();
    await database.stop();
    clearTimeout(deadline);
    const exitCode = code !== 0 || failedExit ? 1 : 0;
    logger.info({ reason, shutdownMs: Date.now() - began, exitCode }, 'stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  for (let index = 0; index < config.API_PROCESSES; index += 1) fork();
}
