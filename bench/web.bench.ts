/**
 * npm run bench:web
 * Time to the signed-in users list in a real browser (playwright-core on /usr/bin/chromium)
 * against a locally started app on embedded PostgreSQL (a fresh DATA_DIR, its own ports), with a
 * tenant of 1,000 users. Each run opens a fresh browser context (empty cache, no cookies), signs
 * in, then measures from navigating to /people until the first page of users is on screen: the
 * console's JavaScript, the silent session renewal, GET /v1/me and GET /v1/users.
 * Target (issue #13): p95 < 1 s. BENCH_PORT and BENCH_PG_PORT fix the ports (else free ones).
 * Then, on the bench tenant of bench/content.bench.ts (5,000 items, 10,000 users), signed in as
 * an admin: the time from navigating to /content until the tree's rows are on screen (issue #15,
 * target p95 < 1.5 s), a scroll to the end of the opened tree, and "preview as" one user (from
 * navigating to /preview-as?user=… until their tree is on screen).
 * BENCH_ONLY=content runs the content part alone (no 1,000-user tenant, no users list).
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildPlatform, openDatabase, type Platform } from '../src/composition.js';
import { ensureConsoleBuilt } from '../src/platform/console-build.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import type { CreateOperator } from '../src/modules/users/application/create-operator.js';
import type { Invitations } from '../src/modules/users/application/invitations.js';
import { USERS_APP } from '../src/modules/users/application/tokens.js';
import { freePort } from '../test/helpers/free-port.js';
import { generateTenant } from './content.bench.js';
import { RecordingMailer } from '../test/helpers/recording-mailer.js';

const USERS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'content') throw new Error(`BENCH_ONLY must be content (got ${ONLY})`);
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

/** Time to the signed-in users list of a 1,000-user tenant (issue #13). */
async function usersList(platform: Platform, baseUrl: string, browser: Browser, mailer: RecordingMailer, invitations: Invitations): Promise<void> {
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
    const invitations = platform.container.get<Invitations>(USERS_APP.Invitations);
    if (ONLY !== 'content') await usersList(platform, baseUrl, browser, mailer, invitations);

    // The content tree of the bench tenant, with an admin of its own who signs in.
    const generated = await generateTenant(database.ownerUrl);
    const contentAdmin = 'beheer@bench-content.test';
    await platform.uow.run(generated.tenantId, async () => {
      const invited = await invitations.invite({ tenantId: generated.tenantId, email: contentAdmin, name: 'Bench Beheer', roles: ['admin'] });
      if (!invited.ok) throw invited.error;
    });
    await json(baseUrl, 'POST', '/v1/auth/activate', { token: mailer.activationTokenFor(contentAdmin), password: PASSWORD });
    const tree: number[] = [];
    const scroll: number[] = [];
    const preview: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'nl-NL', viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel(/^Organisatie/).fill('bench-content');
      await page.getByLabel(/^E-mailadres/).fill(contentAdmin);
      await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('navigation').waitFor();
      let begin = performance.now();
      await page.goto('/content');
      await page.getByRole('treeitem').first().waitFor();
      const treeTime = performance.now() - begin;
      // Open every folder (the search for a word in many titles does), then scroll to the end.
      await page.getByLabel('Zoeken in de boom').fill('e');
      await page.getByText(/items gevonden/).waitFor();
      begin = performance.now();
      // Runs in the page (a string: the bench is type-checked without the DOM library).
      await page.evaluate(`(async () => {
        const scroller = document.querySelector('[role=tree]').parentElement.parentElement;
        for (let top = 0; top < scroller.scrollHeight; top += scroller.clientHeight) {
          scroller.scrollTop = top;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      })()`);
      const scrollTime = performance.now() - begin;
      const userId = generated.userIds[run % generated.userIds.length]!;
      begin = performance.now();
      await page.goto(`/preview-as?user=${userId}`);
      await page.getByText(/ziet( nu geen inhoud| \d+ item)/).waitFor();
      const previewTime = performance.now() - begin;
      if (run > 0) {
        tree.push(treeTime);
        scroll.push(scrollTime);
        preview.push(previewTime);
      }
      await context.close();
    }
    for (const list of [tree, scroll, preview]) list.sort((a, b) => a - b);
    const line = (list: number[]) => `p50 ${percentile(list, 50).toFixed(0)} ms, p95 ${percentile(list, 95).toFixed(0)} ms, max ${list.at(-1)!.toFixed(0)} ms`;
    console.log(`time to the rendered content tree (${generated.counts.items} items, ${generated.counts.users} users), ${tree.length} runs: ${line(tree)} (target p95 < 1500 ms)`);
    console.log(`scrolling the opened tree from top to bottom, a frame per screen: ${line(scroll)}`);
    console.log(`time to "preview as" one user: ${line(preview)}`);
    console.log(`load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
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
