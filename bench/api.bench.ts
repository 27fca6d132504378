/**
 * npm run bench
 * Figures for the platform skeleton on this machine, printed as a table:
 *  - start-up of `npm start` to /health/ready, on a fresh data folder (initdb) and on an existing one;
 *  - throughput and latency of tenant requests, each one a transaction with SET LOCAL and RLS.
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/free-port.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Activation links the console mail transport logs, newest last. */
const activationTokens: string[] = [];

async function startApi(dataDir: string, port: number, pgPort: number): Promise<{ readyMs: number; stop: () => Promise<void> }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'api'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(pgPort), LOG_LEVEL: 'info',
      // One load generator on one address: the request budget would measure its own refusals.
      RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_TENANT: '0', RATE_LIMIT_PER_API_KEY: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/activate\?token=([A-Za-z0-9._%-]+)/g)) activationTokens.push(decodeURIComponent(match[1]!));
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (child.exitCode !== null) throw new Error('the API exited during start-up');
    if (performance.now() - started > 60_000) throw new Error('the API did not become ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyMs = performance.now() - started;
  return {
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function json(method: string, url: string, body?: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function load(url: string, token: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 20, duration: 10, headers: { authorization: `Bearer ${token}` } }, (error, result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
  });
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crisis-bench-'));
await chmod(dataDir, 0o755);
const port = await freePort();
const pgPort = await freePort();
const rows: Array<[string, string]> = [];
try {
  const fresh = await startApi(dataDir, port, pgPort);
  rows.push(['start-up, fresh data folder (initdb + migrations)', `${fresh.readyMs.toFixed(0)} ms`]);
  await fresh.stop();
  const warm = await startApi(dataDir, port, pgPort);
  rows.push(['start-up, existing data folder', `${warm.readyMs.toFixed(0)} ms`]);

  // An operator and a tenant, through the same commands and API a person would use.
  const base = `http://127.0.0.1:${port}`;
  const password = 'benchmark-wachtwoord-2026';
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/operator-create.ts', '--email', 'bench@platform.test', '--name', 'Bench', '--password-stdin'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(pgPort), LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.stdin.end(password + '\n');
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`operator:create exited ${code}`))));
  });
  const operator = await json('POST', `${base}/v1/platform/auth/login`, { email: 'bench@platform.test', password });
  const tenant = await json(
    'POST',
    `${base}/v1/platform/tenants`,
    { name: 'Bench', slug: 'bench', firstAdmin: { name: 'Admin', email: 'admin@bench.test' } },
    operator.accessToken as string,
  );
  rows.push(['tenant created', String(tenant.slug)]);
  const operatorToken = operator.accessToken as string;
  await new Promise((resolve) => setTimeout(resolve, 200));
  await json('POST', `${base}/v1/auth/activate`, { token: activationTokens.at(-1), password });
  const admin = await json('POST', `${base}/v1/auth/login`, { tenant: 'bench', email: 'admin@bench.test', password, device: { name: 'bench', platform: 'web' } });
  const adminToken = admin.accessToken as string;

  // Sign-in is argon2id verification (m=19 MiB, t=2, p=1) plus a session and two tokens.
  const timings: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    await json('POST', `${base}/v1/auth/login`, { tenant: 'bench', email: 'admin@bench.test', password, device: { name: 'bench', platform: 'web' } });
    timings.push(performance.now() - started);
  }
  timings.sort((x, y) => x - y);
  rows.push(['POST /v1/auth/login, one at a time (30 sign-ins)', `p50 ${timings[14]!.toFixed(0)} ms, p95 ${timings[28]!.toFixed(0)} ms`]);

  const own = await load(`${base}/v1/tenant`, adminToken);
  rows.push(['GET /v1/tenant (20 connections, 10 s)', `${own.requests.average.toFixed(0)} req/s, p50 ${own.latency.p50} ms, p99 ${own.latency.p99} ms, errors ${own.non2xx + own.errors}`]);
  const users = await load(`${base}/v1/users`, adminToken);
  rows.push(['GET /v1/users (20 connections, 10 s)', `${users.requests.average.toFixed(0)} req/s, p50 ${users.latency.p50} ms, p99 ${users.latency.p99} ms, errors ${users.non2xx + users.errors}`]);

  const list = await load(`${base}/v1/platform/tenants`, operatorToken);
  rows.push(['GET /v1/platform/tenants (20 connections, 10 s)', `${list.requests.average.toFixed(0)} req/s, p50 ${list.latency.p50} ms, p99 ${list.latency.p99} ms, errors ${list.non2xx + list.errors}`]);
  await warm.stop();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`date: ${new Date().toISOString()}`);
for (const [what, figure] of rows) console.log(`${what.padEnd(52)} ${figure}`);
