import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * Every setting the platform reads from the environment, with its default and meaning.
 * The README's configuration table is written from this list; keep them together.
 */
const intIn = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });
const durationSeconds = intIn(1, 31 * 24 * 3600);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: intIn(0, 65535).default(3000),
    API_PROCESSES: intIn(1, 64).optional(),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL role name')
      .default('crisis_app'),
    DATABASE_APP_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional(),
    DATABASE_POOL_MAX: intIn(1, 200).default(10),
    EMBEDDED_POSTGRES_PORT: intIn(1, 65535).default(54329),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SECRETS_ENCRYPTION_KEY: z
      .string()
      .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes as 64 hex characters or base64')
      .optional(),
    TRUST_PROXY: z
      .string()
      .regex(/^(false|true|\d+|loopback|[0-9a-fA-F.:/, ]+)$/, "must be false, true, a hop count, 'loopback' or addresses")
      .default('false'),
    HSTS: z.stringbool().default(false),
    TOTP_ISSUER: z.string().min(1).max(60).default('Crisisplatform'),
    ACCESS_TOKEN_TTL_SECONDS: durationSeconds.default(900),
    ACTIVATION_TOKEN_TTL_HOURS: intIn(1, 24 * 30).default(72),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, "must look like '1mb' or '512kb'")
      .default('1mb'),
    UPLOAD_SPOOL_LIMIT_MB: intIn(1, 1_000_000).default(1024),
    RATE_LIMIT_PER_ADDRESS: intIn(0, 10_000_000).default(3000),
    RATE_LIMIT_PER_TENANT: intIn(0, 10_000_000).default(12000),
    RATE_LIMIT_PER_API_KEY: intIn(0, 10_000_000).default(1200),
    MAIL_TRANSPORT: z.enum(['console', 'smtp']).default('console'),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('Crisis platform <no-reply@localhost>'),
    VALIDATE_RESPONSES: z.stringbool().default(false),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    STORAGE_DRIVER: z.enum(['filesystem', 's3']).default('filesystem'),
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_REGION: z.string().min(1).default('eu-west-1'),
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.stringbool().default(true),
    FILE_LINK_TTL_SECONDS: intIn(10, 24 * 3600).default(300),
    CONTENT_TREE_CACHE_TENANTS: intIn(0, 100_000).default(100),
    LIVE_FEED_HEARTBEAT_SECONDS: intIn(1, 300).default(15),
    PUSH_DRIVER: z.enum(['console', 'providers', 'simulated']).default('console'),
    PUSH_SIMULATED_LATENCY_MS: intIn(0, 10_000).default(20),
    VAPID_PUBLIC_KEY: z.string().min(20).optional(),
    VAPID_PRIVATE_KEY: z.string().min(20).optional(),
    VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https: URL').default('mailto:beheer@localhost'),
    FCM_SERVICE_ACCOUNT_FILE: z.string().min(1).optional(),
    FCM_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
    FCM_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://fcm.googleapis.com'),
    APNS_KEY_FILE: z.string().min(1).optional(),
    APNS_KEY_ID: z.string().min(1).optional(),
    APNS_TEAM_ID: z.string().min(1).optional(),
    APNS_TOPIC: z.string().min(1).optional(),
    APNS_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://api.push.apple.com'),
    PUSH_BATCH_SIZE: intIn(1, 5000).default(500),
    PUSH_CONCURRENCY: intIn(1, 1000).default(100),
    PUSH_MAX_ATTEMPTS: intIn(1, 20).default(5),
    PUSH_RETRY_BASE_MS: intIn(10, 600_000).default(2000),
    PUSH_LEASE_SECONDS: intIn(1, 3600).default(120),
    PUSH_STALE_SECONDS: intIn(1, 24 * 3600).default(300),
    WORKER_CONCURRENCY: intIn(1, 64).default(4),
    FANOUT_SWEEP_MS: intIn(100, 600_000).default(5000),
    MESSAGE_STATS_INTERVAL_MS: intIn(100, 60_000).default(2000),
    SMS_PROVIDER: z.enum(['none', 'cm']).default('none'),
    CM_PRODUCT_TOKEN: z.string().min(1).optional(),
    CM_SENDER: z.string().min(1).max(16).default('Crisis'),
    CM_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://gw.messaging.cm.com'),
    SMS_CALLBACK_SECRET: z.string().min(24).optional(),
    SMS_DAILY_BUDGET: intIn(0, 10_000_000).default(1000),
    SMS_UNANSWERED_AFTER_SECONDS: intIn(0, 24 * 3600).default(600),
    SMS_DEFAULT_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code (NL)').default('NL'),
    SMS_BATCH_SIZE: intIn(1, 1000).default(100),
    SMS_CONCURRENCY: intIn(1, 64).default(4),
    SMS_MAX_ATTEMPTS: intIn(1, 50).default(5),
    EMAIL_FALLBACK: z.stringbool().default(false),
    EMAIL_FALLBACK_MAX_ATTEMPTS: intIn(1, 50).default(5),
    METRICS_PORT: intIn(0, 65535).optional(),
    METRICS_HOST: z.string().min(1).optional(),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    SHUTDOWN_TIMEOUT_SECONDS: intIn(1, 600).default(25),
    MIGRATE_ON_START: z.stringbool().default(true),
    SSE_RETRY_MS: intIn(100, 600_000).default(2000),
    RETENTION_RUN_AT_UTC: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (UTC)').default('03:15'),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.DATABASE_APP_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_APP_PASSWORD'],
        message: 'is required when DATABASE_URL is set (the password of the application role)',
      });
    }
    if (env.API_PROCESSES !== undefined && env.API_PROCESSES > 1 && !env.REDIS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_PROCESSES'],
        message: 'above 1 needs REDIS_URL: live feeds, rate limits and queues are shared between the processes through Redis',
      });
    }
    if (env.MAIL_TRANSPORT === 'smtp' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAIL_TRANSPORT=smtp' });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.STORAGE_DRIVER === 's3') {
      for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when STORAGE_DRIVER=s3' });
      }
    }
    if (env.PUSH_DRIVER === 'providers') {
      const groups = [
        ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'],
        ['FCM_SERVICE_ACCOUNT_FILE'],
        ['APNS_KEY_FILE', 'APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_TOPIC'],
      ] as const;
      if (!groups.some((names) => names.every((name) => env[name]))) {
        ctx.addIssue({ code: 'custom', path: ['PUSH_DRIVER'], message: 'providers needs at least one provider configured (VAPID_*, FCM_SERVICE_ACCOUNT_FILE or APNS_*)' });
      }
    }
    if (env.SMS_PROVIDER === 'cm') {
      for (const name of ['CM_PRODUCT_TOKEN', 'SMS_CALLBACK_SECRET'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when SMS_PROVIDER=cm' });
      }
    }
    if (env.NODE_ENV === 'production' && !env.SECRETS_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SECRETS_ENCRYPTION_KEY'], message: 'is required when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required when NODE_ENV=production (the embedded database is for development)',
      });
    }
  });

export type Config = Omit<z.infer<typeof schema>, 'API_PROCESSES'> & { PUBLIC_URL: string; API_PROCESSES: number };

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; the first problem found is reported as one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const given = relevant[variable];
    const shown = given === undefined ? 'not set' : isSecret(variable) ? 'value hidden' : `got '${given}'`;
    throw new ConfigError(variable, `${lowerFirst(issue.message)} (${shown})`);
  }
  const config = parsed.data;
  return { ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, API_PROCESSES: apiProcesses(config) };
}

/**
 * Unset: every core in production, where Redis carries what the processes share; one process
 * without Redis (in-process queues and live feeds cannot span processes) and in development and tests.
 */
function apiProcesses(config: z.infer<typeof schema>): number {
  if (config.API_PROCESSES !== undefined) return config.API_PROCESSES;
  return config.NODE_ENV === 'production' && config.REDIS_URL ? Math.min(64, availableParallelism()) : 1;
}

function isSecret(variable: string): boolean {
  return /SECRET|PASSWORD|URL/.test(variable);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Names, defaults and meanings, for the README table and `npm run config:doc`. */
export const configDocumentation: ReadonlyArray<{ name: keyof z.infer<typeof schema>; default: string; meaning: string }> = [
  { name: 'NODE_ENV', default: 'development', meaning: 'development, test or production; production requires DATABASE_URL, JWT_SECRET and SECRETS_ENCRYPTION_KEY' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'interface the API listens on (0.0.0.0 in containers)' },
  { name: 'PORT', default: '3000', meaning: 'TCP port of the API (0 picks a free one)' },
  {
    name: 'API_PROCESSES',
    default: '(production with REDIS_URL: the number of cores; else 1)',
    meaning: 'api processes on this machine, sharing PORT (node:cluster: one primary that migrates and serves METRICS_PORT, the rest serve requests); above 1 needs REDIS_URL',
  },
  { name: 'PUBLIC_URL', default: 'http://localhost:PORT', meaning: 'address users reach the API on; used in activation links' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'pino log level' },
  { name: 'LOG_FORMAT', default: '(pretty at a terminal outside production, else json)', meaning: 'json (one JSON object per line) or pretty (pino-pretty, for people)' },
  { name: 'DATA_DIR', default: './data', meaning: 'folder for the embedded database and generated development secrets' },
  { name: 'DATABASE_URL', default: '(unset: embedded PostgreSQL)', meaning: 'PostgreSQL URL of the schema owner; migrations run as this role' },
  { name: 'DATABASE_APP_ROLE', default: 'crisis_app', meaning: 'role the application connects as: not owner, no superuser, no BYPASSRLS' },
  { name: 'DATABASE_APP_PASSWORD', default: '(generated for embedded)', meaning: 'password of DATABASE_APP_ROLE; required with DATABASE_URL' },
  { name: 'DATABASE_POOL_MAX', default: '10', meaning: 'connections in the application pool' },
  { name: 'EMBEDDED_POSTGRES_PORT', default: '54329', meaning: 'port of the embedded PostgreSQL when DATABASE_URL is unset' },
  { name: 'JWT_SECRET', default: '(generated in DATA_DIR for development)', meaning: 'HMAC key for access tokens, at least 32 characters' },
  { name: 'SECRETS_ENCRYPTION_KEY', default: '(generated in DATA_DIR for development)', meaning: 'AES-256-GCM key for secrets at rest (TOTP seeds): 64 hex characters or base64 of 32 bytes' },
  { name: 'TRUST_PROXY', default: 'false', meaning: "express 'trust proxy': which proxies' X-Forwarded-For to believe for the client address (rate limits, audit)" },
  { name: 'HSTS', default: 'false', meaning: 'send Strict-Transport-Security on every response; without it only on requests that came over TLS (directly or per TRUST_PROXY)' },
  { name: 'TOTP_ISSUER', default: 'Crisisplatform', meaning: 'issuer name shown in authenticator apps' },
  { name: 'ACCESS_TOKEN_TTL_SECONDS', default: '900', meaning: 'lifetime of an access token' },
  { name: 'ACTIVATION_TOKEN_TTL_HOURS', default: '72', meaning: 'validity of an account activation link' },
  { name: 'BODY_LIMIT', default: '1mb', meaning: 'largest JSON request body; larger bodies get 413' },
  { name: 'RATE_LIMIT_PER_ADDRESS', default: '3000', meaning: 'requests a minute from one client address to the API (429 with Retry-After and RateLimit headers beyond it; 0: off); an address shared by a whole organisation (NAT) needs room' },
  { name: 'RATE_LIMIT_PER_TENANT', default: '12000', meaning: 'requests a minute of all signed-in users of one organisation together (0: off)' },
  { name: 'RATE_LIMIT_PER_API_KEY', default: '1200', meaning: 'requests a minute with one API key (0: off)' },
  { name: 'UPLOAD_SPOOL_LIMIT_MB', default: '1024', meaning: 'temporary disk space for all uploads being received at once (per process); beyond it an upload gets 503 with Retry-After' },
  { name: 'MAIL_TRANSPORT', default: 'console', meaning: 'console (logs mails) or smtp' },
  { name: 'SMTP_URL', default: '(none)', meaning: 'smtp(s)://user:pass@host:port; required with MAIL_TRANSPORT=smtp' },
  { name: 'MAIL_FROM', default: 'Crisis platform <no-reply@localhost>', meaning: 'sender of platform mail' },
  { name: 'REDIS_URL', default: '(unset: in-process)', meaning: 'Redis for shared rate-limit counters (and queues); without it the single-process defaults are used' },
  { name: 'STORAGE_DRIVER', default: 'filesystem', meaning: 'where uploaded files live: filesystem (DATA_DIR/files) or s3 (any S3-compatible store)' },
  { name: 'S3_ENDPOINT', default: '(AWS)', meaning: 'endpoint of an S3-compatible store (MinIO, Ceph, ...)' },
  { name: 'S3_REGION', default: 'eu-west-1', meaning: 'S3 region' },
  { name: 'S3_BUCKET', default: '(none)', meaning: 'bucket for uploaded files; required with STORAGE_DRIVER=s3' },
  { name: 'S3_ACCESS_KEY_ID', default: '(none)', meaning: 'S3 access key; required with STORAGE_DRIVER=s3' },
  { name: 'S3_SECRET_ACCESS_KEY', default: '(none)', meaning: 'S3 secret key; required with STORAGE_DRIVER=s3' },
  { name: 'S3_FORCE_PATH_STYLE', default: 'true', meaning: 'path-style bucket addressing (needed by most S3-compatible stores)' },
  { name: 'FILE_LINK_TTL_SECONDS', default: '300', meaning: 'how long a signed per-user file link works' },
  {
    name: 'CONTENT_TREE_CACHE_TENANTS',
    default: '100',
    meaning: "tenants whose published content tree each process keeps parsed in memory for members' views (0: none)",
  },
  { name: 'PUSH_DRIVER', default: 'console', meaning: 'console (logs pushes), providers (Web Push, FCM, APNs: each platform whose settings are given) or simulated (load tests)' },
  { name: 'VAPID_PUBLIC_KEY', default: '(none)', meaning: 'Web Push VAPID public key (npx web-push generate-vapid-keys)' },
  { name: 'VAPID_PRIVATE_KEY', default: '(none)', meaning: 'Web Push VAPID private key' },
  { name: 'VAPID_SUBJECT', default: 'mailto:beheer@localhost', meaning: 'Web Push contact of the sender (mailto: or https:)' },
  { name: 'FCM_SERVICE_ACCOUNT_FILE', default: '(none)', meaning: 'Google service-account key file (JSON) for FCM HTTP v1' },
  { name: 'FCM_TOKEN_URL', default: '(token_uri of the key file)', meaning: 'OAuth token endpoint for the service-account grant' },
  { name: 'FCM_ENDPOINT', default: 'https://fcm.googleapis.com', meaning: 'FCM API base address' },
  { name: 'APNS_KEY_FILE', default: '(none)', meaning: 'APNs token-auth signing key (.p8)' },
  { name: 'APNS_KEY_ID', default: '(none)', meaning: 'key id of the .p8 key' },
  { name: 'APNS_TEAM_ID', default: '(none)', meaning: 'Apple developer team id' },
  { name: 'APNS_TOPIC', default: '(none)', meaning: 'bundle id of the iOS app' },
  { name: 'APNS_ENDPOINT', default: 'https://api.push.apple.com', meaning: 'APNs address (api.sandbox.push.apple.com for development builds)' },
  { name: 'PUSH_BATCH_SIZE', default: '500', meaning: 'devices per delivery job' },
  { name: 'PUSH_CONCURRENCY', default: '100', meaning: 'pushes in flight at once within one delivery job' },
  { name: 'PUSH_MAX_ATTEMPTS', default: '5', meaning: 'attempts per device before a delivery fails' },
  { name: 'PUSH_RETRY_BASE_MS', default: '2000', meaning: 'first retry delay of a delivery job; doubles each retry' },
  { name: 'PUSH_LEASE_SECONDS', default: '120', meaning: 'a delivery claimed by a worker that stays silent this long is queued again' },
  { name: 'PUSH_STALE_SECONDS', default: '300', meaning: 'a queued delivery not picked up this long is enqueued again' },
  { name: 'WORKER_CONCURRENCY', default: '4', meaning: 'delivery jobs a worker runs at once' },
  { name: 'FANOUT_SWEEP_MS', default: '5000', meaning: 'how often the worker looks for due (scheduled) messages and lost deliveries' },
  { name: 'PUSH_SIMULATED_LATENCY_MS', default: '20', meaning: 'with PUSH_DRIVER=simulated (load tests): every push succeeds after this many ms' },
  { name: 'MESSAGE_STATS_INTERVAL_MS', default: '2000', meaning: 'how often a live message-statistics stream re-reads the counts' },
  { name: 'SMS_PROVIDER', default: 'none', meaning: 'none (nobody falls back to SMS) or cm (CM.com business messaging gateway, JSON)' },
  { name: 'CM_PRODUCT_TOKEN', default: '(none)', meaning: 'CM.com product token (required with SMS_PROVIDER=cm)' },
  { name: 'CM_SENDER', default: 'Crisis', meaning: 'sender id shown on the phone (up to 11 characters, or a number)' },
  { name: 'CM_ENDPOINT', default: 'https://gw.messaging.cm.com', meaning: 'CM.com gateway base address' },
  { name: 'SMS_CALLBACK_SECRET', default: '(none)', meaning: 'secret in the delivery-report callback path /v1/callbacks/sms/<secret> given to the provider (at least 24 characters; required with SMS_PROVIDER=cm)' },
  { name: 'SMS_DAILY_BUDGET', default: '1000', meaning: 'texts per tenant per UTC day; the rest are recorded as budget_exhausted and not sent' },
  { name: 'SMS_UNANSWERED_AFTER_SECONDS', default: '600', meaning: 'a call-up recipient with a working device who has not answered this long after being called gets a text too (0: only those push cannot reach)' },
  { name: 'SMS_DEFAULT_COUNTRY', default: 'NL', meaning: 'country of phone numbers written without one (0612345678)' },
  { name: 'SMS_BATCH_SIZE', default: '100', meaning: 'texts per provider request' },
  { name: 'SMS_CONCURRENCY', default: '4', meaning: 'provider requests in flight at once' },
  { name: 'SMS_MAX_ATTEMPTS', default: '5', meaning: "a text the provider does not take (unreachable, 5xx, 429) is handed over again on later sweeps, at most this often in all; then it is recorded as failed with the provider's reason, outside the day's budget" },
  {
    name: 'EMAIL_FALLBACK',
    default: 'false',
    meaning: 'true: call-up recipients push does not reach (as for SMS, and after SMS_UNANSWERED_AFTER_SECONDS without an answer) also get a mail with their answer link, through the mail transport',
  },
  { name: 'EMAIL_FALLBACK_MAX_ATTEMPTS', default: '5', meaning: "a mail the mail server refuses is tried again on later sweeps, at most this often in all; then it is recorded as failed with the server's reason" },
  { name: 'VALIDATE_RESPONSES', default: 'false', meaning: 'also validate responses against the OpenAPI spec (on in tests)' },
  { name: 'METRICS_PORT', default: '(unset: no metrics server)', meaning: 'port of the side server with /metrics (Prometheus) and the health endpoints; never routed publicly (0 picks a free one)' },
  { name: 'METRICS_HOST', default: '(HOST)', meaning: 'interface the metrics server listens on' },
  { name: 'METRICS_TOKEN', default: '(none)', meaning: 'when set, a scrape needs Authorization: Bearer <token> (openssl rand -hex 32)' },
  {
    name: 'SHUTDOWN_TIMEOUT_SECONDS',
    default: '25',
    meaning: 'on SIGTERM: how long in-flight requests and running delivery jobs may take before the process exits anyway (keep below the orchestrator grace period)',
  },
  {
    name: 'MIGRATE_ON_START',
    default: 'true',
    meaning: 'api and worker migrate the schema at start; false where a separate step does (`node dist/src/main.js migrate`, the Kubernetes Job): then a pending migration stops the start',
  },
  { name: 'SSE_RETRY_MS', default: '2000', meaning: 'retry hint sent to live streams ended by a shutdown: when clients reconnect' },
  { name: 'RETENTION_RUN_AT_UTC', default: '03:15', meaning: 'time of day (UTC, HH:MM) of the daily retention run (bull repeatable job with REDIS_URL, in-process timer without)' },
];
