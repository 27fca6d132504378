import 'reflect-metadata';
import { consoleDistDir } from './platform/console-build.js';
import { consoleRouter } from './platform/http/console.js';
import { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { FileTypeFromBytes } from './adapters/media/file-type-detector.js';
import { SharpImageProcessor } from './adapters/media/sharp-image-processor.js';
import { FilesystemStorage } from './adapters/storage/filesystem-storage.js';
import { S3Storage } from './adapters/storage/s3-storage.js';
import type { ObjectStorage } from './platform/media/ports.js';
import type { Express } from 'express';
import { Container } from 'inversify';
import { modules, entities } from './modules/index.js';
import { AccessTokens } from './platform/auth/access-tokens.js';
import type { Config } from './platform/config/config.js';
import { PLATFORM } from './platform/container/tokens.js';
import { assertApplicationRoleIsConfined, prepareDatabase } from './platform/database/bootstrap.js';
import { loadOrCreateDevSecrets } from './platform/database/dev-secrets.js';
import { startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { ormOptions } from './platform/database/orm-config.js';
import { UnitOfWork } from './platform/database/unit-of-work.js';
import { systemClock, type Clock } from './platform/domain/clock.js';
import { EventBus } from './platform/events/event-bus.js';
import { auditRouter } from './platform/audit/audit.router.js';
import type { AuditLog } from './platform/audit/audit-log.js';
import { MikroOrmAuditLog } from './platform/audit/mikro-orm-audit-log.js';
import { SecretBox } from './platform/crypto/secret-box.js';
import type { BruteForceGuard } from './platform/security/brute-force.js';
import { RateLimiterBruteForceGuard } from './platform/security/rate-limiter-brute-force-guard.js';
import { RequestRateLimit } from './platform/security/request-rate-limit.js';
import { createHttpApp } from './platform/http/app.js';
import { createPassport, type Passport } from './platform/http/authentication.js';
import { loadSpec } from './platform/http/contract.js';
import { Endpoints, type AccessGate } from './platform/http/endpoint.js';
import { IdempotencyKeys } from './platform/idempotency/idempotency.js';
import { SpoolBudget } from './platform/http/multipart.js';
import { healthRouter, type ReadinessCheck } from './platform/http/health.router.js';
import { OpenStreams } from './platform/http/open-streams.js';
import { PlatformMetrics, type PoolUse } from './platform/metrics/metrics.js';
import { metricsApp } from './platform/metrics/metrics-server.js';
import type { Logger } from './platform/logging/logger.js';
import { ConsoleMailer } from './platform/mail/console-mailer.js';
import type { Mailer } from './platform/mail/mailer.js';
import { SmtpMailer } from './platform/mail/smtp-mailer.js';
import { InProcessLiveChannel, type LiveChannel } from './platform/live/live-channel.js';
import { RedisLiveChannel } from './platform/live/redis-live-channel.js';
import { pushSender } from './adapters/push/push-from-config.js';
import type { PushSender } from './platform/push/ports.js';
import { BullQueues } from './platform/queue/bull-queue.js';
import { InProcessQueues } from './platform/queue/in-process-queue.js';
import type { JobQueues } from './platform/queue/job-queue.js';

export interface Database {
  ownerUrl: string;
  appUrl: string;
  jwtSecret: string;
  encryptionKey: string;
  /** Where the data lives, for the start-up log. */
  location: string;
  stop(): Promise<void>;
}

/**
 * The database the platform runs on: DATABASE_URL when set, else an embedded PostgreSQL in
 * DATA_DIR. Either way the schema is migrated, RLS is ensured and the application role checked.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let ownerUrl: string;
  let appPassword: string;
  let location: string;
  let stop = async (): Promise<void> => {};
  const devSecrets =
    !config.DATABASE_URL || !config.JWT_SECRET || !config.SECRETS_ENCRYPTION_KEY ? await loadOrCreateDevSecrets(config.DATA_DIR) : null;
  if (config.DATABASE_URL) {
    ownerUrl = config.DATABASE_URL;
    appPassword = config.DATABASE_APP_PASSWORD!;
    const url = new URL(config.DATABASE_URL);
    location = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_POSTGRES_PORT,
      password: devSecrets!.postgresPassword,
      logger,
    });
    ownerUrl = embedded.ownerUrl;
    appPassword = devSecrets!.appPassword;
    location = embedded.dataDirectory;
    stop = () => embedded.stop();
  }
  try {
    const access = await prepareDatabase({
      ownerUrl,
      appRole: config.DATABASE_APP_ROLE,
      appPassword,
      manageAppRolePassword: !config.DATABASE_URL,
      entities,
      logger,
      migrate: config.MIGRATE_ON_START || !config.DATABASE_URL,
    });
    await assertApplicationRoleIsConfined(access.appUrl);
    return {
      ownerUrl,
      appUrl: access.appUrl,
      jwtSecret: config.JWT_SECRET ?? devSecrets!.jwtSecret,
      encryptionKey: config.SECRETS_ENCRYPTION_KEY ?? devSecrets!.encryptionKey,
      location,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface PlatformOverrides {
  mailer?: Mailer;
  clock?: Clock;
  bruteForce?: BruteForceGuard;
  push?: PushSender;
}

export interface Platform {
  app: Express;
  container: Container;
  orm: MikroORM;
  uow: UnitOfWork;
  /** Stored answers of keyed POSTs; its sweep removes the expired ones. */
  idempotencyKeys: IdempotencyKeys;
  /** Starts the background work of the `worker` role (queue consumers, sweeps) in this process. */
  startWorker(): void;
  stopWorker(): Promise<void>;
  metrics: PlatformMetrics;
  /** The side server's app (METRICS_PORT): /metrics and the health endpoints. */
  metricsApp: Express;
  /** First step of a graceful shutdown: readiness fails, live streams end with a retry hint, running delivery jobs wind down. */
  drain(): void;
  /** Server-sent event streams open now. */
  openStreams(): number;
  close(): Promise<void>;
}

/** Wires every module onto the database, as the application role. */
export async function buildPlatform(config: Config, database: Pick<Database, 'appUrl' | 'jwtSecret' | 'encryptionKey'>, logger: Logger, overrides: PlatformOverrides = {}): Promise<Platform> {
  // Counters shared by every API process need Redis; one process can keep them in memory.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  // ioredis reconnects by itself; a lost connection is worth a log line, not a crash.
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection problem'));
  const orm = await MikroORM.init(ormOptions({ clientUrl: database.appUrl, entities, poolMax: config.DATABASE_POOL_MAX }));
  const uow = new UnitOfWork(orm);
  const clock = overrides.clock ?? systemClock;
  const tokens = new AccessTokens(database.jwtSecret, config.ACCESS_TOKEN_TTL_SECONDS, clock);
  const passport = createPassport(tokens);

  const container = new Container();
  container.bind(PLATFORM.Config).toConstantValue(config);
  container.bind(PLATFORM.Logger).toConstantValue(logger);
  container.bind(PLATFORM.UnitOfWork).toConstantValue(uow);
  container.bind(PLATFORM.Clock).toConstantValue(clock);
  container.bind(PLATFORM.EventBus).toConstantValue(new EventBus());
  container.bind(PLATFORM.AccessTokens).toConstantValue(tokens);
  container.bind(PLATFORM.Passport).toConstantValue(passport);
  const audit = new MikroOrmAuditLog(uow, clock);
  container.bind<AuditLog>(PLATFORM.AuditLog).toConstantValue(audit);
  const secretBox = new SecretBox(database.encryptionKey);
  container.bind(PLATFORM.SecretBox).toConstantValue(secretBox);
  container.bind(PLATFORM.ObjectStorage).toConstantValue(objectStorage(config));
  container.bind(PLATFORM.ImageProcessor).toConstantValue(new SharpImageProcessor());
  container.bind(PLATFORM.FileTypeDetector).toConstantValue(new FileTypeFromBytes());
  // Live feeds fan out through Redis when several api processes share it; in-process otherwise.
  const live: LiveChannel = config.REDIS_URL
    ? new RedisLiveChannel(config.REDIS_URL, (error) => logger.warn({ err: error }, 'redis live channel problem'))
    : new InProcessLiveChannel();
  container.bind<LiveChannel>(PLATFORM.LiveChannel).toConstantValue(live);
  // File links get a key of their own, derived from the token secret, so neither can stand in for the other.
  container.bind(PLATFORM.FileLinkSecret).toConstantValue(createHmac('sha256', database.jwtSecret).update('file-links').digest('base64url'));
  container
    .bind<BruteForceGuard>(PLATFORM.BruteForceGuard)
    .toConstantValue(
      overrides.bruteForce ??
        new RateLimiterBruteForceGuard({ store: redis ? { kind: 'redis', client: redis } : { kind: 'memory' } }),
    );
  container
    .bind(PLATFORM.Mailer)
    .toConstantValue(
      overrides.mailer ?? (config.MAIL_TRANSPORT === 'smtp' ? new SmtpMailer(config.SMTP_URL!, config.MAIL_FROM) : new ConsoleMailer(logger)),
    );
  // Queues live in Redis when there is one (api and worker processes share them), else in this process.
  const queues: JobQueues = config.REDIS_URL
    ? new BullQueues(config.REDIS_URL, (error) => logger.warn({ err: error }, 'queue problem'), config.SHUTDOWN_TIMEOUT_SECONDS * 1000)
    : new InProcessQueues((error) => logger.warn({ err: error }, 'job failed for good'));
  container.bind(PLATFORM.JobQueues).toConstantValue(queues);
  const streams = new OpenStreams();
  const metrics = new PlatformMetrics({ pool: () => poolUse(orm), queues, openStreams: () => streams.size });
  container.bind(PLATFORM.PushSender).toConstantValue(metrics.countPushes(overrides.push ?? (await pushSender(config, logger)), providerName(config)));
  let gates: AccessGate[] | null = null;
  const idempotencyKeys = new IdempotencyKeys(uow, secretBox);
  const endpoints = new Endpoints(
    uow,
    () => (gates ??= container.getAll<AccessGate>(PLATFORM.AccessGate)),
    (error, req) => logger.error({ err: error, reqId: req.id, url: req.originalUrl }, 'file stream broke after its headers were sent; response cut off'),
    streams,
    idempotencyKeys,
  );
  container.bind(PLATFORM.Endpoints).toConstantValue(endpoints);
  container.bind(PLATFORM.UploadSpool).toConstantValue(new SpoolBudget(config.UPLOAD_SPOOL_LIMIT_MB * 2 ** 20));
  container.loadSync(...modules.map((module) => module.bindings));
  for (const module of modules) module.subscriptions?.(container);

  const readiness: ReadinessCheck[] = [
    { name: 'database', label: 'the database', check: async () => (await orm.em.getConnection().execute('select 1')).length === 1 },
  ];
  if (redis) readiness.push({ name: 'redis', label: 'Redis', check: async () => (await redis.ping()) === 'PONG' });
  let draining = false;
  const health = () => healthRouter(readiness, () => draining);
  const app = createHttpApp({
    logger,
    requestMetrics: metrics.httpMiddleware(),
    spec: loadSpec(),
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    validateResponses: config.VALIDATE_RESPONSES,
    hstsAlways: config.HSTS,
    passport: container.get<Passport>(PLATFORM.Passport),
    rateLimit: new RequestRateLimit({
      store: redis ? { kind: 'redis', client: redis } : { kind: 'memory' },
      policy: { perAddress: config.RATE_LIMIT_PER_ADDRESS, perTenant: config.RATE_LIMIT_PER_TENANT, perApiKey: config.RATE_LIMIT_PER_API_KEY },
    }).middleware(),
    problemTypes: Object.fromEntries(modules.flatMap((module) => Object.entries(module.problems ?? {}))),
    pages: [...modules.flatMap((module) => (module.pages ? [module.pages()] : [])), consoleRouter(consoleDistDir())],
    beforeValidation: modules.flatMap((module) => (module.beforeValidation ? [module.beforeValidation(container)] : [])),
    routers: [
      health(),
      ...modules.flatMap((module) => (module.router ? [module.router(container)] : [])),
      auditRouter(container.get<Endpoints>(PLATFORM.Endpoints), audit),
    ],
    operations: container.get<Endpoints>(PLATFORM.Endpoints).routes,
  });
  const workers: Array<{ start(): void; drain?(): void; stop(): Promise<void> }> = [];
  return {
    app,
    container,
    orm,
    uow,
    idempotencyKeys,
    startWorker: () => {
      for (const module of modules) {
        if (!module.worker) continue;
        const worker = module.worker(container);
        worker.start();
        workers.push(worker);
      }
    },
    stopWorker: async () => {
      for (const worker of workers.splice(0)) await worker.stop();
    },
    metrics,
    metricsApp: metricsApp({ registry: metrics.registry, token: config.METRICS_TOKEN, health: health() }),
    drain: () => {
      draining = true;
      for (const worker of workers) worker.drain?.();
      streams.endAll(config.SSE_RETRY_MS);
    },
    openStreams: () => streams.size,
    close: async () => {
      for (const worker of workers) await worker.stop();
      await queues.close();
      redis?.disconnect();
      await live.close();
      await orm.close(true);
    },
  };
}

/** The knex pool (tarn) under MikroORM, for the pool gauges. */
function poolUse(orm: MikroORM): PoolUse | null {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
  if (!pool) return null;
  return { used: () => pool.numUsed(), free: () => pool.numFree(), pendingAcquires: () => pool.numPendingAcquires(), max: pool.max };
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** The provider label of push metrics: the adapter that serves the device's platform. */
function providerName(config: Config): (notification: { platform: 'web' | 'android' | 'ios' }) => string {
  if (config.PUSH_DRIVER !== 'providers') return () => config.PUSH_DRIVER;
  const providers = { web: 'webpush', android: 'fcm', ios: 'apns' } as const;
  return (notification) => providers[notification.platform];
}

/** Files on local disk in DATA_DIR by default; any S3-compatible store when STORAGE_DRIVER=s3. */
function objectStorage(config: Config): ObjectStorage {
  if (config.STORAGE_DRIVER === 's3') {
    return new S3Storage({
      region: config.S3_REGION,
      bucket: config.S3_BUCKET!,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    });
  }
  return new FilesystemStorage(path.resolve(config.DATA_DIR, 'files'));
}
