/**
 * npm run rehearsal — production, rehearsed on this machine, after `npm test` in .ci/run.
 *
 * Debian's PostgreSQL and redis-server started on free ports in a temporary folder (Redis with
 * the flags of deploy/compose.yaml); the compiled build run with exactly the environment the
 * Kubernetes manifests give (ConfigMap + Secret + container env, read from deploy/kubernetes),
 * changed only in addresses (ports, the S3 and SMTP endpoints of local stand-ins) and DATA_DIR:
 * the migrations Job as its own process, two api deployments (the second as compose runs it on a
 * 2-core machine: API_PROCESSES=2, a node:cluster primary and two processes) and one worker. Through them: a
 * tenant onboarded, a message the worker fans out, an incident entry posted through one api and
 * received on the other's live feed, a photo uploaded and read back through a signed link. Then
 * SIGTERM to each (to api 2's primary, which passes it on): an upload in flight finishes, open streams end with a retry hint, the worker
 * exits within SHUTDOWN_TIMEOUT_SECONDS, and after a restart nothing is lost.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import pg from 'pg';
import S3rver from 's3rver';
import { SMTPServer } from 'smtp-server';
import webpush from 'web-push';
import { composeFile, kubernetesEnvironment, pgbackrestConfig, pgbackrestConfigText } from '../helpers/deploy-files.js';
import { fakeWebPush, localCertificate } from '../helpers/fake-push-providers.js';
import { freePort } from '../helpers/free-port.js';
import { phonePhoto } from '../helpers/phone-photo.js';

const began = Date.now();
const work = mkdtempSync(path.join(os.tmpdir(), 'crisis-rehearsal-'));
chmodSync(work, 0o755);
const children: ChildProcess[] = [];
const step = (text: string): void => console.log(`[${((Date.now() - began) / 1000).toFixed(1)}s] ${text}`);
const asRoot = process.getuid?.() === 0;

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0]!;
  return path.join(root, version, 'bin', name);
}

/**
 * PostgreSQL refuses to run as root: as root its processes (initdb, the server, pgBackRest) run as
 * the postgres user Debian's package made, spawned with that uid so signals reach the server
 * itself (runuser would swallow the SIGINT of a fast shutdown and turn SIGTERM into SIGKILL).
 */
const postgresUser: { uid?: number; gid?: number } = asRoot
  ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
  : {};

/** A folder the PostgreSQL processes may write. */
function postgresFolder(folder: string): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (asRoot) chownSync(folder, postgresUser.uid!, postgresUser.gid!);
  return folder;
}

function runAsPostgres(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...postgresUser, cwd: work, env: { PATH: process.env.PATH!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}: ${output.slice(-3000)}`))));
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Cluster {
  port: number;
  ownerUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** pgBackRest with the drill's configuration and the repository passphrase. */
  pgbackrest(args: string[]): Promise<string>;
}

async function startPostgres(): Promise<Cluster> {
  const dataDir = path.join(work, 'pgdata');
  const password = randomBytes(16).toString('hex');
  const pwfile = path.join(postgresFolder(path.join(work, 'initdb')), 'pgpass');
  writeFileSync(pwfile, password);
  if (asRoot) chownSync(pwfile, postgresUser.uid!, postgresUser.gid!);
  postgresFolder(dataDir);
  await runAsPostgres(pgBin('initdb'), ['-D', dataDir, '-U', 'crisis_owner', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], {});
  const port = await freePort();
  // pgBackRest as deploy/pgbackrest/pgbackrest.conf has it, but with a local repository: the drill's.
  const backrestDir = postgresFolder(path.join(work, 'pgbackrest'));
  const conf = pgbackrestConfig();
  const global = Object.fromEntries(Object.entries(conf.global!).filter(([key]) => !key.startsWith('repo1-s3-')));
  const drillConf = pgbackrestConfigText({
    global: { ...global, 'repo1-type': 'posix', 'repo1-path': postgresFolder(path.join(backrestDir, 'repository')), 'lock-path': postgresFolder(path.join(backrestDir, 'lock')), 'spool-path': postgresFolder(path.join(backrestDir, 'spool')) },
    crisis: { ...conf.crisis!, 'pg1-path': dataDir, 'pg1-port': String(port), 'pg1-socket-path': dataDir },
  });
  const confFile = path.join(backrestDir, 'pgbackrest.conf');
  writeFileSync(confFile, drillConf);
  if (asRoot) chownSync(confFile, postgresUser.uid!, postgresUser.gid!);
  // The repository passphrase comes from the environment, as the Secret gives it in production.
  const backrestEnv = { PGBACKREST_CONFIG: confFile, PGBACKREST_REPO1_CIPHER_PASS: randomBytes(36).toString('base64'), PGPASSWORD: password };
  // The server settings compose gives PostgreSQL: WAL archived to the repository by pgBackRest.
  const composed = composeFile().services.postgres.command as string[];
  assert.equal(composed[0], 'postgres');
  const args = [...composed.slice(1), '-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
  const base = `postgres://crisis_owner:${password}@127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const server = spawn(pgBin('postgres'), args, { ...postgresUser, cwd: work, env: { PATH: process.env.PATH!, ...backrestEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
    server.stderr.resume();
    children.push(server);
    child = server;
    await until('PostgreSQL', async () => {
      if (server.exitCode !== null) throw new Error(`PostgreSQL exited ${server.exitCode}`);
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      await client.end();
      return true;
    }, 60_000);
  };
  await start();
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  await client.query('create database crisis');
  await client.end();
  return {
    port,
    ownerUrl: `${base}/crisis`,
    start,
    // SIGINT: a fast shutdown (clients cut off, a checkpoint written).
    stop: async () => {
      if (child) await stopChild(child, 'SIGINT');
      child = null;
    },
    pgbackrest: (pgbackrestArgs) => runAsPostgres('pgbackrest', ['--stanza=crisis', ...pgbackrestArgs], backrestEnv),
  };
}

async function startRedis(): Promise<{ url: string }> {
  // The flags compose gives Redis: AOF on, never evict.
  const command = composeFile().services.redis.command as string[];
  assert.equal(command[0], 'redis-server');
  const port = await freePort();
  const child = spawn('redis-server', [...command.slice(1), '--port', String(port), '--bind', '127.0.0.1', '--dir', work], { stdio: 'ignore' });
  children.push(child);
  const { Redis } = await import('ioredis');
  await until('Redis', async () => {
    const client = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    await client.connect();
    const policy = (await client.config('GET', 'maxmemory-policy')) as string[];
    const aof = (await client.config('GET', 'appendonly')) as string[];
    client.disconnect();
    assert.equal(policy[1], 'noeviction');
    assert.equal(aof[1], 'yes');
    return true;
  });
  return { url: `redis://127.0.0.1:${port}` };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; ms: number }> {
  const from = Date.now();
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, ms: 0 });
    child.once('exit', (code) => resolve({ code, ms: Date.now() - from }));
    child.kill(signal);
  });
}

interface AppProcess {
  child: ChildProcess;
  url: string;
  metricsUrl: string;
  log: string[];
}

async function startApp(role: 'api' | 'worker', env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, ['dist/src/main.js', role], {
    env: { PATH: process.env.PATH!, ...env, PORT: String(port), METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const app = { child, url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}`, log };
  await until(`${role} ready`, async () => {
    if (child.exitCode !== null) throw new Error(`${role} exited at start: ${log.join('')}`);
    return (await fetch(`${app.metricsUrl}/health/ready`)).ok;
  }, 180_000).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n${log.join('').slice(-3000)}`);
  });
  return app;
}

function runToEnd(args: string[], env: Record<string, string>, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH!, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(input ?? '');
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited ${code}: ${output.slice(-3000)}`))));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function http(base: string, method: string, route: string, options: { token?: string; body?: unknown; form?: FormData } = {}): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(base + route, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: /json/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : undefined, text };
}

function expectStatus(reply: { status: number; text: string }, status: number): void {
  assert.equal(reply.status, status, reply.text);
}

/** A raw SSE reader: keeps every line, so the retry hint a shutdown sends can be seen. */
function rawStream(url: string, token: string): { text: () => string; ended: Promise<void>; close(): void } {
  const abort = new AbortController();
  let text = '';
  const ended = (async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
    assert.equal(response.status, 200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += value;
    }
  })().catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return { text: () => text, ended, close: () => abort.abort() };
}

async function main(): Promise<void> {
  const database = await startPostgres();
  const redis = await startRedis();
  step(`PostgreSQL on ${database.port}, Redis at ${redis.url} (AOF, noeviction)`);

  const mails: string[] = [];
  const smtpPort = await freePort();
  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'crisis' }),
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        mails.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  const s3Port = await freePort();
  const s3Dir = path.join(work, 's3');
  const bucket = kubernetesEnvironment('crisis-api').env.S3_BUCKET!;
  const s3 = new S3rver({ port: s3Port, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3.run();
  const vapid = webpush.generateVAPIDKeys();
  const tls = localCertificate();
  const pushService = await fakeWebPush(vapid.publicKey, tls);
  const caFile = path.join(work, 'push-ca.pem');
  writeFileSync(caFile, tls.cert);

  // The Secret as an operator fills it; every other value is the manifests' own.
  const secrets = {
    DATABASE_URL: database.ownerUrl,
    REDIS_URL: redis.url,
    SMTP_URL: `smtp://crisis:secret@127.0.0.1:${smtpPort}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_APP_PASSWORD: randomBytes(16).toString('hex'),
    METRICS_TOKEN: randomBytes(16).toString('hex'),
  };
  const dataDir = path.join(work, 'data');
  const environment = (workload: string): Record<string, string> => {
    const { env } = kubernetesEnvironment(workload, secrets);
    return { ...env, S3_ENDPOINT: `http://127.0.0.1:${s3Port}`, DATA_DIR: dataDir, LOG_LEVEL: process.env.REHEARSAL_LOG_LEVEL ?? 'warn', TMPDIR: work };
  };

  const migrationsFrom = Date.now();
  await runToEnd(['dist/src/main.js', 'migrate'], environment('crisis-migrations'));
  step(`migrations Job ran as its own process (${Date.now() - migrationsFrom} ms)`);
  const apiEnv = environment('crisis-api');
  // The worker trusts the stand-in push service's certificate: a process setting, not the app's configuration.
  const workerEnv: Record<string, string> = { ...environment('crisis-worker'), NODE_EXTRA_CA_CERTS: caFile };
  // api 2 runs as compose runs the api on a 2-core machine: API_PROCESSES unset there means one
  // process per core (node:cluster); the Kubernetes manifests keep one per pod (api 1).
  assert.equal(apiEnv.API_PROCESSES, '1');
  assert.equal((composeFile().services.api.environment as Record<string, string>).API_PROCESSES, undefined);
  const clusteredEnv = { ...apiEnv, API_PROCESSES: '2' };
  let api1 = await startApp('api', apiEnv);
  let api2 = await startApp('api', clusteredEnv);
  let worker = await startApp('worker', workerEnv);
  step('two api deployments (one of them as 2 processes, API_PROCESSES=2) and one worker ready');

  const metrics = await fetch(`${api1.metricsUrl}/metrics`, { headers: { authorization: `Bearer ${secrets.METRICS_TOKEN}` } });
  assert.equal(metrics.status, 200);
  assert.equal((await fetch(`${api1.metricsUrl}/metrics`)).status, 401, 'metrics need the token the Secret gives');
  assert.equal((await fetch(`${api1.url}/metrics`)).status, 404, 'no metrics on the public port');
  // api 2's primary answers its metrics port with the sum over both of its processes.
  const clusteredMetrics = await fetch(`${api2.metricsUrl}/metrics`, { headers: { authorization: `Bearer ${secrets.METRICS_TOKEN}` } });
  assert.equal(clusteredMetrics.status, 200);
  const poolMax = /^db_pool_connections\{state="max"\} (\d+)$/m.exec(await clusteredMetrics.text());
  assert.equal(Number(poolMax?.[1]), 2 * Number(apiEnv.DATABASE_POOL_MAX ?? 10), 'pool size summed over the two processes');

  const password = 'ijsvogel-over-de-Linge-2026';
  await runToEnd(['dist/scripts/operator-create.js', '--email', 'ops@platform.example', '--name', 'Operator', '--password-stdin'], apiEnv, `${password}\n`);
  const operator = await http(api1.url, 'POST', '/v1/platform/auth/login', { body: { email: 'ops@platform.example', password } });
  expectStatus(operator, 200);
  const slug = `rehearsal-${randomUUID().slice(0, 6)}`;
  const adminEmail = `admin@${slug}.example`;
  const tenant = await http(api1.url, 'POST', '/v1/platform/tenants', {
    token: operator.body.accessToken,
    body: { name: 'Generale repetitie', slug, locale: 'nl-NL', timeZone: 'Europe/Amsterdam', firstAdmin: { name: 'Eerste Beheerder', email: adminEmail } },
  });
  expectStatus(tenant, 201);
  const mail = await until('the activation mail over SMTP', () => Promise.resolve(mails.find((text) => text.includes(adminEmail))));
  const token = decodeURIComponent(/activate#token=3D([^\s"<]+)|activate#token=([^\s"<]+)/.exec(mail.replace(/=\r?\n/g, ''))!.slice(1).find(Boolean)!);
  expectStatus(await http(api2.url, 'POST', '/v1/auth/activate', { body: { token, password } }), 204);
  const login = await http(api2.url, 'POST', '/v1/auth/login', { body: { tenant: slug, email: adminEmail, password } });
  expectStatus(login, 200);
  const admin = login.body.accessToken as string;
  step('tenant onboarded: operator created by the CLI, activation mail over SMTP, admin signed in on the other api');

  // A message the worker fans out to 40 devices over Web Push.
  const devices = Array.from({ length: 40 }, (_unused, index) => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    return JSON.stringify({ endpoint: `${pushService.url}/push/device-${index}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } });
  });
  for (const device of devices) expectStatus(await http(api1.url, 'POST', '/v1/me/devices', { token: admin, body: { platform: 'web', token: device, appVersion: '1.0.0' } }), 201);
  const me = await http(api1.url, 'GET', `/v1/users?search=${encodeURIComponent(adminEmail)}`, { token: admin });
  const adminId = me.body.items[0].id as string;
  const first = await http(api1.url, 'POST', '/v1/messages', { token: admin, body: { title: 'Oefening', body: 'Eerste bericht', audience: { userIds: [adminId] } } });
  expectStatus(first, 201);
  await until('the first message delivered to every device', async () => {
    const counts = (await http(api2.url, 'GET', `/v1/messages/${first.body.id as string}`, { token: admin })).body.counts;
    return counts.devices.sent === devices.length;
  });
  step(`message fanned out by the worker: ${devices.length} Web Push deliveries`);

  // Incident: entry through api1, received live on api2.
  expectStatus(
    await http(api1.url, 'PUT', '/v1/incident-setup', {
      token: admin,
      body: { types: [{ key: 'brand', name: 'Brand' }], roles: [{ key: 'adviseur', name: 'Adviseur', default: true }], locations: [], classifications: [{ key: 'waarneming', name: 'Waarneming' }], labels: [], allowMemberActivation: false, memberVisibility: 'all' },
    }),
    200,
  );
  const incident = await http(api1.url, 'POST', '/v1/incidents', { token: admin, body: { title: 'Generale repetitie', type: 'brand', severity: 'major', exercise: true, teams: [] } });
  expectStatus(incident, 201);
  const incidentId = incident.body.id as string;
  const feed = rawStream(`${api2.url}/v1/incidents/${incidentId}/stream`, admin);
  await until('the feed connected', () => Promise.resolve(feed.text().includes(': connected')));
  const entry = await http(api1.url, 'POST', `/v1/incidents/${incidentId}/entries`, { token: admin, body: { text: 'Rook in de raadszaal.', classification: 'waarneming' } });
  expectStatus(entry, 201);
  await until('the entry on the other api process’s live feed', () => Promise.resolve(feed.text().includes(entry.body.id as string)));
  step('incident entry posted through api 1 arrived on api 2’s live feed');

  // A photo, read back through a signed link from the other process (files on S3).
  const photo = await phonePhoto(800, 600);
  const form = new FormData();
  form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'raadszaal.jpg');
  const upload = await http(api1.url, 'POST', '/v1/media', { token: admin, form });
  expectStatus(upload, 201);
  const original = await fetch(api2.url + (upload.body.urls.original as string), { headers: { authorization: `Bearer ${admin}` } });
  assert.equal(original.status, 200);
  assert.ok((await original.arrayBuffer()).byteLength > 1000);
  step('photo uploaded through api 1 and read back through a signed link on api 2');

  // SIGTERM api2 while an upload is in flight and the live feed is open.
  const budgetMs = Number(apiEnv.SHUTDOWN_TIMEOUT_SECONDS) * 1000;
  const slowUpload = slowMultipart(api2.url, admin, photo);
  await slowUpload.started;
  const api2Stopped = stopChild(api2.child);
  await new Promise((resolve) => setTimeout(resolve, 300));
  slowUpload.finish();
  const inFlight = await slowUpload.reply.catch(async (error: unknown) => {
    const exit = await api2Stopped;
    throw new Error(`the upload in flight at SIGTERM failed: ${(error as Error).message}; api exited ${exit.code} after ${exit.ms} ms\n${api2.log.join('').slice(-3000)}`);
  });
  assert.equal(inFlight.status, 201, `the upload in flight at SIGTERM finishes: ${inFlight.text}`);
  await feed.ended;
  assert.match(feed.text(), /retry: \d+\n: the server is shutting down/);
  const api2Exit = await api2Stopped;
  assert.equal(api2Exit.code, 0, api2.log.join('').slice(-2000));
  assert.ok(api2Exit.ms < budgetMs, `api exits within SHUTDOWN_TIMEOUT_SECONDS (${api2Exit.ms} ms)`);
  step(`api 2 SIGTERM: upload in flight answered 201, live feed ended with a retry hint, exit 0 in ${api2Exit.ms} ms`);

  // The worker stopped right after a send: the pushes in flight finish and are recorded, what it
  // had not pushed yet is handed back; after the restart every device has each message exactly once.
  // Pushes are told apart by their Web Push topic, which the platform derives from the message id.
  const topicOf = (messageId: string): string => Buffer.from(messageId.replace(/-/g, ''), 'hex').toString('base64url');
  const pushesOf = (messageId: string): string[] => pushService.delivered.filter((push) => push.collapseKey === topicOf(messageId)).map((push) => push.token);
  const second = await http(api1.url, 'POST', '/v1/messages', { token: admin, body: { title: 'Oefening', body: 'Tweede bericht', audience: { userIds: [adminId] } } });
  expectStatus(second, 201);
  const secondId = second.body.id as string;
  await until('the worker picked up the second message', () => Promise.resolve(pushesOf(secondId).length > 0));
  const atSigterm = pushesOf(secondId).length;
  const workerExit = await stopChild(worker.child);
  const atExit = pushesOf(secondId).length;
  assert.equal(workerExit.code, 0, worker.log.join('').slice(-2000));
  assert.ok(workerExit.ms < budgetMs, `worker exits within SHUTDOWN_TIMEOUT_SECONDS (${workerExit.ms} ms)`);
  const api1Exit = await stopChild(api1.child);
  assert.equal(api1Exit.code, 0, api1.log.join('').slice(-2000));
  step(`worker SIGTERM: exit 0 in ${workerExit.ms} ms; api 1: exit 0 in ${api1Exit.ms} ms`);

  // Restart everything: what was stored is there, and the second message reaches every device once.
  api1 = await startApp('api', apiEnv);
  api2 = await startApp('api', clusteredEnv);
  worker = await startApp('worker', workerEnv);
  const relogin = await http(api1.url, 'POST', '/v1/auth/login', { body: { tenant: slug, email: adminEmail, password } });
  expectStatus(relogin, 200);
  const again = relogin.body.accessToken as string;
  await until('the second message delivered to every device after the restart', async () => {
    const counts = (await http(api2.url, 'GET', `/v1/messages/${secondId}`, { token: again })).body.counts;
    return counts.devices.sent === devices.length;
  });
  step(`second message: ${atSigterm} pushes when the worker got SIGTERM, ${atExit} when it exited, ${pushesOf(secondId).length} in all`);
  // Every message so far (the two sent and the incident's call to the admin): each device once.
  const byTopic = new Map<string, string[]>();
  for (const push of pushService.delivered) byTopic.set(String(push.collapseKey), [...(byTopic.get(String(push.collapseKey)) ?? []), push.token]);
  assert.ok(byTopic.has(topicOf(first.body.id as string)) && byTopic.has(topicOf(secondId)));
  for (const [topic, tokens] of byTopic) {
    assert.equal(tokens.length, devices.length, `message with topic ${topic}: ${tokens.length} pushes to ${devices.length} devices`);
    assert.equal(new Set(tokens).size, devices.length, `message with topic ${topic} reached every device once`);
  }
  const entries = await http(api2.url, 'GET', `/v1/incidents/${incidentId}/entries`, { token: again });
  assert.deepEqual(entries.body.items.map((item: { id: string }) => item.id), [entry.body.id]);
  assert.equal(await photoStatus(api1.url, again, inFlight.body.id), 200, 'the upload answered during the shutdown is stored');
  step(`after the restart: entry, photos and messages there; ${byTopic.size} messages, each on every device exactly once`);


  // The restore drill: a backup, a person erased after it, the backup restored into the stopped
  // cluster, the erasure ledger re-applied; the person is gone again and everything else is back.
  const person = await http(api1.url, 'POST', '/v1/users', { token: again, body: { email: `petra.wisselaar@${slug}.example`, name: 'Petra Wisselaar', roles: ['member'] } });
  expectStatus(person, 201);
  const personId = person.body.id as string;
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  const tableRows = async (client: pg.Client): Promise<Record<string, number>> => {
    const tables = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) counts[name] = (await client.query<{ n: number }>(`select count(*)::int as n from "${name}"`)).rows[0]!.n;
    return counts;
  };
  const backupFrom = Date.now();
  await database.pgbackrest(['stanza-create']);
  const atBackup = await tableRows(owner);
  await database.pgbackrest(['--type=full', 'backup']);
  const info = JSON.parse(await database.pgbackrest(['--output=json', 'info'])) as Array<{ backup: Array<{ type: string }>; cipher: string }>;
  assert.equal(info[0]!.cipher, 'aes-256-cbc', 'the repository is encrypted');
  assert.deepEqual(info[0]!.backup.map((backup) => backup.type), ['full']);
  step(`pgBackRest full backup into an encrypted local repository (${Date.now() - backupFrom} ms)`);
  expectStatus(await http(api2.url, 'POST', `/v1/privacy/users/${personId}/erase`, { token: again }), 204);
  expectStatus(await http(api1.url, 'GET', `/v1/users/${personId}`, { token: again }), 404);
  const afterErasure = await tableRows(owner);
  await owner.end();
  for (const app of [api1, api2, worker]) assert.equal((await stopChild(app.child)).code, 0);
  const restoreFrom = Date.now();
  await database.stop();
  // Back to the moment the backup ended (not the end of the archived WAL, which holds the erasure).
  await database.pgbackrest(['--delta', '--type=immediate', '--target-action=promote', 'restore']);
  await database.start();
  const restored = new pg.Client({ connectionString: database.ownerUrl });
  await restored.connect();
  const personBack = await restored.query(`select name from users where id = $1`, [personId]);
  assert.deepEqual(personBack.rows, [{ name: 'Petra Wisselaar' }], 'the restore brought the erased person back');
  step(`backup restored into the stopped cluster (${Date.now() - restoreFrom} ms): the erased person is back`);
  const reapplied = await runToEnd(['dist/scripts/privacy-reapply-erasures.js'], apiEnv);
  assert.match(reapplied, /1 subjects erased again, 1 ledger lines restored from object storage/, reapplied);
  const gone = await restored.query(`select count(*)::int as n from users where id = $1`, [personId]);
  assert.equal(gone.rows[0]!.n, 0, 'erased again');
  const ledger = await restored.query(`select count(*)::int as n from erasure_ledger where subject_id = $1`, [personId]);
  assert.equal(ledger.rows[0]!.n, 1, 'the ledger line is back in the table');
  // Everything else is back: restore + re-applied ledger = the database right after the erasure,
  // table by table (the audit log aside: it records the re-application too).
  const afterwards = await tableRows(restored);
  await restored.end();
  const erasureTouched = Object.keys(atBackup).filter((table) => afterErasure[table] !== atBackup[table] && table !== 'audit_events');
  assert.ok(erasureTouched.includes('users') && erasureTouched.includes('erasure_ledger'), erasureTouched.join(', '));
  assert.deepEqual({ ...afterwards, audit_events: 0 }, { ...afterErasure, audit_events: 0 }, 'restored and re-applied, the database is as it was after the erasure');
  api1 = await startApp('api', apiEnv);
  const signIn = await http(api1.url, 'POST', '/v1/auth/login', { body: { tenant: slug, email: adminEmail, password } });
  expectStatus(signIn, 200);
  const afterRestore = signIn.body.accessToken as string;
  expectStatus(await http(api1.url, 'GET', `/v1/users/${personId}`, { token: afterRestore }), 404);
  const restoredEntries = await http(api1.url, 'GET', `/v1/incidents/${incidentId}/entries`, { token: afterRestore });
  assert.deepEqual(restoredEntries.body.items.map((item: { id: string }) => item.id), [entry.body.id]);
  assert.equal((await http(api1.url, 'GET', `/v1/messages/${secondId}`, { token: afterRestore })).body.counts.devices.sent, devices.length);
  assert.equal(await photoStatus(api1.url, afterRestore, inFlight.body.id), 200, 'the photo is there after the restore');
  step(`restore drill passed: privacy:reapply-erasures erased the person again; ${Object.keys(atBackup).length} tables as before the restore (the erasure changed ${erasureTouched.join(', ')})`);
  assert.equal((await stopChild(api1.child)).code, 0);
  smtp.close();
  await s3.close();
  await pushService.close();
  await database.stop();
  step(`rehearsal passed in ${((Date.now() - began) / 1000).toFixed(1)} s`);
}

/** A stored photo read through a link signed now (links live FILE_LINK_TTL_SECONDS; a slow run outlives the first ones). */
async function photoStatus(base: string, token: string, mediaId: string): Promise<number> {
  const media = await http(base, 'GET', `/v1/media/${mediaId}`, { token });
  expectStatus(media, 200);
  return (await fetch(base + (media.body.urls.original as string), { headers: { authorization: `Bearer ${token}` } })).status;
}

/** A multipart upload whose last bytes wait until finish(): a request in flight when the process is told to stop. */
function slowMultipart(base: string, token: string, photo: Buffer): { started: Promise<void>; finish(): void; reply: Promise<{ status: number; text: string; body: { id: string; urls: Record<string, string> } }> } {
  const boundary = `rehearsal${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="langzaam.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let finish!: () => void;
  const released = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const begun = new Promise<void>((resolve) => (started = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(head);
      controller.enqueue(photo.subarray(0, photo.length - 100));
      started();
      await released;
      controller.enqueue(photo.subarray(photo.length - 100));
      controller.enqueue(tail);
      controller.close();
    },
  });
  const reply = (async () => {
    const response = await fetch(`${base}/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? (JSON.parse(text) as { id: string; urls: Record<string, string> }) : { id: '', urls: {} } };
  })();
  // Awaited later, after the SIGTERM: marked handled now so a failure is reported there, not as a crash.
  reply.catch(() => undefined);
  return { started: begun.then(() => new Promise<void>((resolve) => setTimeout(resolve, 200))), finish, reply };
}

// Stopped from outside (a CI timeout): the servers it started go with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  });
}

main()
  .catch((error: unknown) => {
    console.error(`rehearsal failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    setTimeout(() => process.exit(), 200).unref();
  });
