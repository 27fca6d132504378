/**
 * npm run bench:web
 * Time to the signed-in users list in a real browser (playwright-core on /usr/bin/chromium)
 * against a locally started app on embedded PostgreSQL (a fresh DATA_DIR, its own ports), with a
 * tenant of 1,000 users. Each run opens a fresh browser context (empty cache, no cookies), signs
 * in, then measures from navigating to /people until the first page of users is on screen: the
 * console's JavaScript, the silent session renewal, GET /v1/me and GET /v1/users.
 * Target (issue #13): p95 < 1 s. BENCH_PORT and BENCH_PG_PORT fix the ports (else free ones).
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildPlatform, openDatabase } from '../src/composition.js';
import { ensureConsoleBuilt } from '../src/platform/console-build.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import type { CreateOperator } from '../src/modules/users/application/create-operator.js';
import type { Invitations } from '../src/modules/users/application/invitations.js';
import { USERS_APP } from '../src/modules/users/application/tokens.js';
import { freePort } from '../test/helpers/free-port.js';
import { RecordingMailer } from '../test/helpers/recording-mailer.js';

const USERS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const PASSWORD = 'ijsvogel-over-de-Linge-2026';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function json(baseUrl: string, method: string, url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(baseUrl + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crisis-bench-web-'));
  await chmod(dataDir, 0o755);
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: process.env.BENCH_PG_PORT ?? String(await freePort()),
    LOG_LEVEL: 'silent',
    PORT: '0',
  });
  const logger = createLogger(config.LOG_LEVEL);
  await ensureConsoleBuilt(logger);
  const database = await openDatabase(config, logger);
  const mailer = new RecordingMailer();
  const platform = await buildPlatform(config, database, logger, { mailer });
  platform.startWorker();
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const server: Server = platform.app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    // A tenant with its first admin, made the way an operator does it.
    const operatorEmail = 'operator@bench.test';
    await platform.uow.run(null, async () => {
      const created = await platform.container.get<CreateOperator>(USERS_APP.CreateOperator).execute({ email: operatorEmail, name: 'Bench Operator', password: PASSWORD });
      if (!created.ok) throw created.error;
    });
    const operator = (await json(baseUrl, 'POST', '/v1/platform/auth/login', { email: operatorEmail, password: PASSWORD })).accessToken as string;
    const slug = 'zorggroep-bench';
    const adminEmail = 'beheer@zorggroep-bench.test';
    const tenant = await json(
      baseUrl,
      'POST',
      '/v1/platform/tenants',
      { name: 'Zorggroep Bench', slug, locale: 'nl-NL', timeZone: 'Europe/Amsterdam', firstAdmin: { name: 'Aafke Beheer', email: adminEmail } },
      operator,
    );
    await json(baseUrl, 'POST', '/v1/auth/activate', { token: mailer.activationTokenFor(adminEmail), password: PASSWORD });
    const tenantId = tenant.id as string;
    const invitations = platform.container.get<Invitations>(USERS_APP.Invitations);
    const started = Date.now();
    for (let i = 1; i < USERS; i++) {
      await platform.uow.run(tenantId, async () => {
        const invited = await invitations.invite({ tenantId, email: `medewerker-${i}@zorggroep-bench.test`, name: `Medewerker ${String(i).padStart(4, '0')}`, roles: ['member'] });
        if (!invited.ok) throw invited.error;
      });
    }
    console.log(`seeded ${USERS} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const times: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'nl-NL', viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel(/^Organisatie/).fill(slug);
      await page.getByLabel(/^E-mailadres/).fill(adminEmail);
      await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('navigation').waitFor();
      const begin = performance.now();
      await page.goto('/people');
      await page.getByRole('link', { name: 'Aafke Beheer' }).waitFor();
      const elapsed = performance.now() - begin;
      // The first run warms the server (JIT, statement caches); it is not counted.
      if (run > 0) times.push(elapsed);
      await context.close();
    }
    times.sort((a, b) => a - b);
    console.log(`time to the signed-in users list (1,000 users), ${times.length} runs: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (target p95 < 1000 ms)`);
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await platform.close();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
