/**
 * npm run bench
 * Figures for the API on this machine, printed as tables:
 *  - start-up of `npm start` to /health/ready, on a fresh data folder (initdb) and on an existing one;
 *  - sign-in, one at a time;
 *  - throughput, latency and CPU per request of the measured endpoints, each against its ceiling:
 *    a bare express + node-postgres server (bench/bare-server.ts) on the same embedded PostgreSQL,
 *    connected as the application role (row-level security applies), sending exactly the
 *    statements the API sent for the same request (read from the API's own statement log, see
 *    bench/sql-capture.ts, so the baseline follows every change of the API). The two are loaded
 *    alternately, BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS (default 5) each, 20
 *    connections; the ratio API/bare is of their summed requests. The API is measured twice: as
 *    one process, and as API_PROCESSES=2 (node:cluster, on Redis, the same database) beside it;
 *    the CPU of the latter is that of its primary and both processes.
 * On a shared machine absolute figures wander; the ratio, measured alternately, much less.
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/free-port.js';
import { startRedis, type TestRedis } from '../test/helpers/redis-server.js';
import { compile, type PlannedRoute } from './bare-server.js';
import type { CapturedStatement } from './sql-capture.js';
import { inParallel, treeCpuSeconds, json, load, machineLine, percentile, runCommand, startApiProcess, startProcess, type AppProcess } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** BENCH_ONLY=tenant,users measures only those endpoints (names as in `endpoints` below), for short iterations. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
/** BENCH_CPU_PROF=<folder>: a V8 CPU profile of the one-process API's rounds of each endpoint, <folder>/<n>.cpuprofile in endpoint order (bench/cpu-profile.ts). */
const CPU_PROFILE = process.env.BENCH_CPU_PROF;
/** BENCH_SHOW_SQL=1 prints each endpoint's captured statements. */
const SHOW_SQL = process.env.BENCH_SHOW_SQL === '1';
const CONNECTIONS = 20;
const PASSWORD = 'Linde-demo-2026';
const TENANT = 'zorggroep-de-linde';
const SHAPE = { users: 60, folders: 20, pagesPerFolder: 19, entries: 60 };

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  query?: string;
  token: string;
  body?: unknown;
  status: number;
}

interface Round {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  cpuPerRequestMs: number;
  errors: number;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crisis-bench-'));
await chmod(dataDir, 0o755);
const captureDir = path.join(dataDir, 'statements');
await mkdir(captureDir, { recursive: true });
const port = await freePort();
const pgPort = await freePort();
const rows: Array<[string, string]> = [];
const atStart = machineLine();
const processes: AppProcess[] = [];
let redis: TestRedis | null = null;
try {
  const fresh = await startApiProcess({ dataDir, port, pgPort });
  rows.push(['start-up, fresh data folder (initdb + migrations)', `${fresh.readyMs.toFixed(0)} ms`]);
  await fresh.stop();
  const api = await startApiProcess({
    dataDir,
    port,
    pgPort,
    preload: ['./bench/sql-capture.ts', ...(CPU_PROFILE ? ['./bench/cpu-profile.ts'] : [])],
    env: { BENCH_SQL_CAPTURE_DIR: captureDir, ...(CPU_PROFILE ? { BENCH_CPU_PROF_DIR: path.resolve(CPU_PROFILE) } : {}) },
  });
  processes.push(api);
  rows.push(['start-up, existing data folder', `${api.readyMs.toFixed(0)} ms`]);

  // The demo organisation (tenants/demo.yaml, signed-in admin, coordinator and member), as `npm run demo` makes it.
  await runCommand('scripts/demo.ts', [], { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(pgPort), LOG_LEVEL: 'warn' });
  const signIn = async (email: string) =>
    (await json<{ accessToken: string }>(api.url, 'POST', '/v1/auth/login', { tenant: TENANT, email, password: PASSWORD, device: { name: 'bench', platform: 'web' } })).accessToken;
  const admin = await signIn('m.devries@zorggroepdelinde.example');
  const member = await signIn('s.jansen@zorggroepdelinde.example');

  // Sign-in is argon2id verification (m=19 MiB, t=2, p=1) plus a session and two tokens.
  const timings: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await signIn('m.devries@zorggroepdelinde.example');
    timings.push(performance.now() - started);
  }
  rows.push(['POST /v1/auth/login, one at a time (20 sign-ins)', `p50 ${percentile(timings, 50).toFixed(0)} ms, p95 ${percentile(timings, 95).toFixed(0)} ms`]);

  // More users than a page, a 400-item view for the member, an incident log longer than a page.
  await inParallel([...Array(SHAPE.users).keys()], 4, async (n) => {
    await json(api.url, 'POST', '/v1/users', { name: `Medewerker ${String(n).padStart(3, '0')}`, email: `medewerker${n}@zorggroepdelinde.example`, roles: ['member'] }, admin);
  });
  await inParallel([...Array(SHAPE.folders).keys()], 2, async (f) => {
    const folder = await json<{ id: string }>(api.url, 'POST', '/v1/content/items', { kind: 'folder', title: `Map ${f}`, body: {} }, admin);
    await json(api.url, 'POST', `/v1/content/items/${folder.id}/publish`, undefined, admin);
    for (let p = 0; p < SHAPE.pagesPerFolder; p++) {
      const page = await json<{ id: string }>(api.url, 'POST', '/v1/content/items', { parentId: folder.id, kind: 'page', title: `Pagina ${f}.${p}`, body: { markdown: `Wat te doen bij situatie ${f}.${p}: ${'volg de instructies van de BHV. '.repeat(4)}` } }, admin);
      await json(api.url, 'POST', `/v1/content/items/${page.id}/publish`, undefined, admin);
      await json(api.url, 'PUT', `/v1/content/items/${page.id}/audience`, { everyone: true }, admin);
    }
  });
  const incident = await json<{ id: string }>(api.url, 'POST', '/v1/incidents', { title: 'Brand in gebouw C', type: 'brand', severity: 'major' }, admin);
  for (let n = 0; n < SHAPE.entries; n++) await json(api.url, 'POST', `/v1/incidents/${incident.id}/entries`, { text: `Waarneming ${n}: rook bij de ingang, team ter plaatse.` }, admin);

  const endpoints: Endpoint[] = ([
    { name: 'tenant', method: 'GET', path: '/v1/tenant', token: admin, status: 200 },
    { name: 'users', method: 'GET', path: '/v1/users', query: '?pageSize=50', token: admin, status: 200 },
    { name: 'me-content', method: 'GET', path: '/v1/me/content', token: member, status: 200 },
    { name: 'entries', method: 'GET', path: `/v1/incidents/${incident.id}/entries`, query: '?limit=50', token: admin, status: 200 },
    { name: 'post-entry', method: 'POST', path: `/v1/incidents/${incident.id}/entries`, token: admin, body: { text: 'Rook gezien bij de ingang van gebouw C.' }, status: 201 },
  ] satisfies Endpoint[]).filter((endpoint) => !ONLY || ONLY.has(endpoint.name));
  const shown: Record<string, string> = { 'me-content': 'GET /v1/me/content (400 items)', users: 'GET /v1/users (page of 50)', entries: 'GET /v1/incidents/{id}/entries (50)' };

  // Warm, then two statement logs of each request, one after the other.
  const plan: PlannedRoute[] = [];
  for (const endpoint of endpoints) {
    const call = (capture?: string) =>
      json(api.url, endpoint.method, endpoint.path + (endpoint.query ?? ''), endpoint.body, endpoint.token, capture ? { 'x-bench-capture': capture } : {});
    for (let i = 0; i < 5; i++) await call();
    const captures: CapturedStatement[][] = [];
    for (const side of ['a', 'b']) {
      await call(`${endpoint.name}-${side}`);
      // Written when the response has finished on the API's side, which may be just after it arrived here.
      const file = path.join(captureDir, `${endpoint.name}-${side}.json`);
      for (let wait = 0; !existsSync(file); wait++) {
        if (wait > 100) throw new Error(`no statement log of ${endpoint.name}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      captures.push(JSON.parse(await readFile(file, 'utf8')) as CapturedStatement[]);
    }
    if (SHOW_SQL) console.log(`-- ${endpoint.name}: ${captures[0]!.length} statements\n${captures[0]!.map((s) => s.text.slice(0, 400)).join('\n')}`);
    const route: PlannedRoute = { name: endpoint.name, method: endpoint.method, path: endpoint.path, status: endpoint.status, captures: [captures[0]!, captures[1]!] };
    compile(route);
    plan.push(route);
  }
  const planFile = path.join(dataDir, 'bare-plan.json');
  await writeFile(planFile, JSON.stringify(plan));
  const secrets = JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string; appPassword: string; jwtSecret: string; encryptionKey: string };
  const barePort = await freePort();
  const bare = await startProcess({
    args: ['--import', 'tsx', 'bench/bare-server.ts', planFile, String(barePort), `postgres://crisis_app:${encodeURIComponent(secrets.appPassword)}@127.0.0.1:${pgPort}/postgres`],
    env: {},
    port: barePort,
    readyPath: '/ready',
  });
  processes.push(bare);
  redis = await startRedis();
  const clusteredPort = await freePort();
  const clustered = await startApiProcess({
    dataDir,
    port: clusteredPort,
    pgPort,
    preload: ['./bench/sql-capture.ts'],
    env: {
      API_PROCESSES: '2',
      REDIS_URL: redis.url,
      // The first API's embedded database and secrets, so the same tokens hold.
      DATABASE_URL: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${pgPort}/postgres`,
      DATABASE_APP_PASSWORD: secrets.appPassword,
      JWT_SECRET: secrets.jwtSecret,
      SECRETS_ENCRYPTION_KEY: secrets.encryptionKey,
      MIGRATE_ON_START: 'false',
    },
  });
  processes.push(clustered);
  for (const endpoint of endpoints) {
    for (let i = 0; i < 10; i++) await json(clustered.url, endpoint.method, endpoint.path + (endpoint.query ?? ''), endpoint.body, endpoint.token);
  }

  const measure = async (server: AppProcess, endpoint: Endpoint): Promise<Round> => {
    const before = await treeCpuSeconds(server.pid);
    const result = await load({
      url: server.url + endpoint.path + (endpoint.query ?? ''),
      method: endpoint.method,
      connections: CONNECTIONS,
      seconds: SECONDS,
      headers: { authorization: `Bearer ${endpoint.token}`, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
      ...(endpoint.body ? { body: JSON.stringify(endpoint.body) } : {}),
    });
    const cpu = (await treeCpuSeconds(server.pid)) - before;
    const requests = result.requests.total;
    return { requests, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99, cpuPerRequestMs: (cpu * 1000) / Math.max(1, requests), errors: result.non2xx + result.errors };
  };

  const table: string[] = [];
  for (const endpoint of endpoints) {
    const rounds: { api: Round[]; clustered: Round[]; bare: Round[] } = { api: [], clustered: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      if (CPU_PROFILE) process.kill(api.pid, 'SIGUSR2');
      rounds.api.push(await measure(api, endpoint));
      if (CPU_PROFILE) process.kill(api.pid, 'SIGUSR2');
      rounds.clustered.push(await measure(clustered, endpoint));
      rounds.bare.push(await measure(bare, endpoint));
    }
    const summary = (list: Round[]) => {
      const requests = list.reduce((sum, r) => sum + r.requests, 0);
      const seconds = list.reduce((sum, r) => sum + r.seconds, 0);
      const cpu = list.reduce((sum, r) => sum + r.cpuPerRequestMs * r.requests, 0) / Math.max(1, requests);
      return {
        perSecond: requests / seconds,
        text: `${(requests / seconds).toFixed(0)} req/s, p50 ${percentile(list.map((r) => r.p50), 50)} ms, p99 ${percentile(list.map((r) => r.p99), 50)} ms, CPU ${(cpu * 1000).toFixed(0)} µs/req${list.some((r) => r.errors) ? `, errors ${list.reduce((s, r) => s + r.errors, 0)}` : ''}`,
        rounds: list.map((r) => (r.requests / r.seconds).toFixed(0)).join('/'),
      };
    };
    const apiSide = summary(rounds.api);
    const clusteredSide = summary(rounds.clustered);
    const bareSide = summary(rounds.bare);
    table.push(
      `| ${shown[endpoint.name] ?? `${endpoint.method} ${endpoint.path.replace(/[0-9a-f-]{36}/, '{id}')}`} | ${apiSide.text} (rounds ${apiSide.rounds}) | ${clusteredSide.text} (rounds ${clusteredSide.rounds}) | ${bareSide.text} (rounds ${bareSide.rounds}) | ${(apiSide.perSecond / bareSide.perSecond).toFixed(2)} | ${(clusteredSide.perSecond / bareSide.perSecond).toFixed(2)} |`,
    );
  }

  console.log(atStart);
  console.log(`date: ${new Date().toISOString()}`);
  for (const [what, figure] of rows) console.log(`${what.padEnd(52)} ${figure}`);
  console.log(`\n${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s; p50/p99: median over the rounds; CPU: the server process's own`);
  console.log('| endpoint | API, 1 process | API, 2 processes | bare express + pg, same SQL | ratio API/bare, 1 process | ratio, 2 processes |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const line of table) console.log(line);
  console.log(`at the end: ${machineLine()}`);
} finally {
  for (const child of processes.reverse()) await child.stop();
  await redis?.stop();
  await rm(dataDir, { recursive: true, force: true });
}
