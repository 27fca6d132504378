import type { Server } from 'node:http';
import { buildPlatform, openDatabase } from './composition.js';
import { ConfigError, loadConfig } from './platform/config/config.js';
import { createLogger, describeError, logFormatFor } from './platform/logging/logger.js';
import { retentionSweep } from './modules/privacy/module.js';
import { BullScheduler } from './platform/scheduling/bull-scheduler.js';
import { TimerScheduler } from './platform/scheduling/timer-scheduler.js';

/**
 * Entry point: `api` (default) serves HTTP, `worker` runs the background work (message
 * fan-out and delivery). Without REDIS_URL the api runs the worker too, on in-process queues:
 * one process for the embedded default. Reads and checks configuration first: a bad value
 * stops the process with one line that names the variable.
 */
async function main(): Promise<void> {
  const role = process.argv[2] ?? 'api';
  if (role !== 'api' && role !== 'worker') {
    console.error(`Unknown process role '${role}'. Use: api or worker`);
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
  const database = await openDatabase(config, logger);
  logger.info({ data: database.location, embedded: !config.DATABASE_URL }, `database ready; data lives in ${database.location}`);
  const platform = await buildPlatform(config, database, logger);
  // Daily jobs: a bull repeatable job with Redis (one run across all processes), else an in-process timer.
  const onJobError = (name: string, error: unknown) => logger.error({ err: error, job: name }, 'scheduled job failed');
  const scheduler = config.REDIS_URL ? new BullScheduler(config.REDIS_URL, onJobError) : new TimerScheduler(onJobError);
  const sweep = retentionSweep(platform.container);
  await scheduler.schedule('privacy.retention', { dailyAtUtc: config.RETENTION_RUN_AT_UTC }, async () => {
    const outcome = await sweep.execute();
    logger.info(outcome, 'retention run finished');
  });

  let stopping = false;
  if (role === 'worker') {
    platform.startWorker();
    logger.info({ queues: config.REDIS_URL ? 'redis' : 'in-process', startupMs: Date.now() - started }, 'worker running');
    const stopWorker = async (signal: string): Promise<void> => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      await platform.close();
      await database.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void stopWorker('SIGINT'));
    process.on('SIGTERM', () => void stopWorker('SIGTERM'));
    return;
  }
  if (!config.REDIS_URL) platform.startWorker();

  const server: Server = platform.app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  logger.info({ url, docs: `${url}/docs`, startupMs: Date.now() - started }, `API listening on ${url} (docs: ${url}/docs)`);

  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await scheduler.close();
    await platform.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Start-up failed: ${describeError(error)}`);
  process.exit(1);
});
