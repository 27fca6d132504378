/**
 * What the benchmarks share: the app started in this process or as a process of its own, JSON
 * calls, percentiles, load runs (autocannon) and a process's CPU time.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildPlatform, type Database, type Platform } from '../src/composition.js';
import type { Config } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import type { RecordingMailer } from '../test/helpers/recording-mailer.js';

export const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Node.js options the image runs every role with (NODE_OPTIONS in deploy/Dockerfile: the young
 * generation's size), read from there so that what the benchmarks measure cannot drift from it.
 */
export function productionNodeOptions(): string {
  const dockerfile = readFileSync(new URL('../deploy/Dockerfile', import.meta.url), 'utf8');
  const found = /^ENV .*\bNODE_OPTIONS="([^"]*)"/m.exec(dockerfile);
  if (!found?.[1]) throw new Error('deploy/Dockerfile sets no NODE_OPTIONS="…"');
  return found[1];
}

/**
 * Runs this very script again with the production Node.js options unless it has them already: for a
 * benchmark that measures inside its own process. True when this process should just go on.
 */
export async function withProductionNodeOptions(): Promise<boolean> {
  const wanted = productionNodeOptions();
  if ((process.env.NODE_OPTIONS ?? '').includes(wanted)) return true;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, NODE_OPTIONS: `${wanted} ${process.env.NODE_OPTIONS ?? ''}`.trim() },
    stdio: 'inherit',
  });
  const code = await new Promise<number>((resolve) => child.once('exit', (exit) => resolve(exit ?? 1)));
  process.exitCode = code;
  return false;
}

/** A JSON call that must succeed: its parsed body, or an error naming the call and its answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json<T = any>(baseUrl: string, method: string, url: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(baseUrl + url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Runs `work` on `items`, `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

export interface InProcessApp {
  platform: Platform;
  server: Server;
  url: string;
}

/** The platform in this process on a free port (or `port`), for benches that reach into it. */
export async function startApp(config: Config, database: Database, options: { mailer?: RecordingMailer; port?: number; logger?: ReturnType<typeof createLogger> } = {}): Promise<InProcessApp> {
  const platform = await buildPlatform(config, database, options.logger ?? createLogger('silent'), options.mailer ? { mailer: options.mailer } : {});
  const server = platform.app.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  return { platform, server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

export async function stopApp(app: InProcessApp): Promise<void> {
  app.server.closeAllConnections();
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await app.platform.close();
}

export interface AppProcess {
  pid: number;
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * A process of its own (`node <args>`), ready once `readyPath` answers 200: CPU time measured on
 * it is its own, not the load generator's. Its stdout goes to `onOutput` when given.
 */
export async function startProcess(options: {
  args: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  onOutput?: (text: string) => void;
}): Promise<AppProcess> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, options.args, {
    cwd: root,
    // Run as the image runs a server (its NODE_OPTIONS), the bare baseline as well as the API.
    env: { ...process.env, NODE_OPTIONS: `${productionNodeOptions()} ${process.env.NODE_OPTIONS ?? ''}`.trim(), ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  for (;;) {
    const ok = await fetch(url + options.readyPath).then((r) => r.ok, () => false);
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`${options.args.join(' ')} exited during start-up`);
    if (performance.now() - started > 90_000) throw new Error(`${options.args.join(' ')} did not become ready within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid!,
    url,
    readyMs: performance.now() - started,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `npm start` of this clone as a process on `port`, its data in `dataDir`; request budgets off. */
export function startApiProcess(options: { dataDir: string; port: number; pgPort: number; preload?: string[]; env?: Record<string, string>; onOutput?: (text: string) => void }): Promise<AppProcess> {
  return startProcess({
    args: ['--import', 'tsx', ...(options.preload ?? []).flatMap((file) => ['--import', file]), 'src/main.ts', 'api'],
    env: {
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      EMBEDDED_POSTGRES_PORT: String(options.pgPort),
      // As in production: a log line per request is part of what a request costs.
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      // One load generator on one address: the request budget would measure its own refusals.
      RATE_LIMIT_PER_ADDRESS: '0',
      RATE_LIMIT_PER_TENANT: '0',
      RATE_LIMIT_PER_API_KEY: '0',
      ...options.env,
    },
    port: options.port,
    readyPath: '/health/ready',
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
  });
}

/** A command of this clone (`tsx <script> <args>`) run to its end; fails on a non-zero exit. */
export function runCommand(script: string, args: string[], env: Record<string, string>, stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} exited ${code}`))));
  });
}

/**
 * User plus system CPU seconds of a process and the processes it started (the api processes of
 * API_PROCESSES>1), without PostgreSQL's: an embedded server is the app's child but not its cost.
 */
export async function treeCpuSeconds(pid: number): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  let total = await cpuSeconds(pid).catch(() => 0);
  for (const child of children.split(' ').filter(Boolean).map(Number)) {
    const name = (await readFile(`/proc/${child}/comm`, 'utf8').catch(() => '')).trim();
    if (name !== 'postgres') total += await treeCpuSeconds(child);
  }
  return total;
}

/** User plus system CPU seconds a process has used so far (Linux /proc). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  seconds?: number;
}

/** autocannon against one URL. */
export function load(options: LoadOptions): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        method: options.method ?? 'GET',
        connections: options.connections ?? 20,
        duration: options.seconds ?? 10,
        headers: options.headers ?? {},
        ...(options.body !== undefined ? { body: options.body } : {}),
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
  });
}

export function machineLine(): string {
  const [one, five] = os.loadavg();
  return `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min)`;
}
