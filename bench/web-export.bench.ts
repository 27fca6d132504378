/**
 * npm run bench:web-export
 * The 100,000-person export through the console: a real browser (playwright-core on
 * /usr/bin/chromium) against a locally started app on embedded PostgreSQL (a fresh DATA_DIR, its
 * own ports), a tenant of 100,000 users (BENCH_PEOPLE) seeded in SQL. Signed in as the admin, the
 * bench opens Privacy > Exports and exports all users as xlsx and then as CSV, timing from the
 * click until the page says the file is saved (the stream read, counted and handed to the browser
 * as a download). While the file comes in, the page's main thread is sampled with a 50 ms timer:
 * the longest gap between ticks is how long the page was unresponsive at worst. The same exports
 * read by a plain HTTP client first give the server's share.
 * BENCH_PORT and BENCH_PG_PORT fix the ports (else free ones).
 * Not part of the test run; results are recorded by hand in bench/RESULTS.md.
 */
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { buildPlatform, openDatabase } from '../src/composition.js';
import { ensureConsoleBuilt } from '../src/platform/console-build.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import type { CreateOperator } from '../src/modules/users/application/create-operator.js';
import { USERS_APP } from '../src/modules/users/application/tokens.js';
import { freePort } from '../test/helpers/free-port.js';
import { json } from './support.js';
import { RecordingMailer } from '../test/helpers/recording-mailer.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const PASSWORD = 'ijsvogel-over-de-Linge-2026';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crisis-bench-web-export-'));
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
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const server: Server = platform.app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const operatorEmail = 'operator@bench.test';
    await platform.uow.run(null, async () => {
      const created = await platform.container.get<CreateOperator>(USERS_APP.CreateOperator).execute({ email: operatorEmail, name: 'Bench Operator', password: PASSWORD });
      if (!created.ok) throw created.error;
    });
    const operator = (await json(baseUrl, 'POST', '/v1/platform/auth/login', { email: operatorEmail, password: PASSWORD })).accessToken as string;
    const slug = 'zorggroep-export';
    const adminEmail = 'beheer@zorggroep-export.test';
    const tenant = await json(
      baseUrl,
      'POST',
      '/v1/platform/tenants',
      { name: 'Zorggroep Export', slug, locale: 'nl-NL', timeZone: 'Europe/Amsterdam', firstAdmin: { name: 'Aafke Beheer', email: adminEmail } },
      operator,
    );
    await json(baseUrl, 'POST', '/v1/auth/activate', { token: mailer.activationTokenFor(adminEmail), password: PASSWORD });
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    const seeded = Date.now();
    try {
      await owner.query(
        `insert into users (id, tenant_id, email, name, phone, job_title, location, roles, status, retention_until, legal_basis, activated_at, created_at, updated_at)
         select gen_random_uuid(), $1, 'medewerker' || n || '@zorggroep-export.test', 'Medewerker ' || n || ' van der Ploeg', '+31 6 ' || lpad(n::text, 8, '0'),
                'Verpleegkundige', 'Locatie ' || (n % 40), '{member}', 'active', date '2030-01-01' + (n % 365), 'contract', now(), now(), now()
           from generate_series(1, $2) n`,
        [tenant.id, PEOPLE],
      );
      await owner.query('analyze users');
    } finally {
      await owner.end();
    }
    console.log(`seeded ${PEOPLE} users in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

    // The same exports read by a plain HTTP client, to tell the console's share from the server's.
    const admin = (await json(baseUrl, 'POST', '/v1/auth/login', { tenant: slug, email: adminEmail, password: PASSWORD })).accessToken as string;
    for (const format of ['xlsx', 'csv'] as const) {
      const begin = performance.now();
      const response = await fetch(`${baseUrl}/v1/privacy/exports/users?format=${format}`, { headers: { authorization: `Bearer ${admin}` } });
      let bytes = 0;
      for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength;
      console.log(`${PEOPLE.toLocaleString('en-GB')} users as ${format} by a plain HTTP client: ${((performance.now() - begin) / 1000).toFixed(1)} s, ${(bytes / 1_048_576).toFixed(1)} MB`);
    }

    const context = await browser.newContext({ baseURL: baseUrl, locale: 'nl-NL', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(600_000);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel(/^Organisatie/).fill(slug);
    await page.getByLabel(/^E-mailadres/).fill(adminEmail);
    await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('navigation').waitFor();
    await page.goto('/privacy/exports');
    const card = page.getByRole('region', { name: 'Alle gebruikers' });
    await card.getByText(/gebruikers$/).first().waitFor();

    for (const format of ['xlsx', 'csv'] as const) {
      await card.getByText(format === 'xlsx' ? 'Spreadsheet (xlsx)' : 'CSV', { exact: true }).click();
      // The longest gap between ticks of a 50 ms timer on the page's main thread while the export runs.
      await page.evaluate(`(() => {
        window.__gap = 0; let last = performance.now();
        window.__ticker = setInterval(() => { const now = performance.now(); window.__gap = Math.max(window.__gap, now - last - 50); last = now; }, 50);
      })()`);
      const begin = performance.now();
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Alle gebruikers exporteren' }).click()]);
      await card.getByRole('status').getByText(/^Klaar:/).waitFor();
      const elapsed = performance.now() - begin;
      const gap = await page.evaluate<number>('(() => { clearInterval(window.__ticker); return window.__gap; })()');
      const file = await download.path();
      const bytes = (await stat(file)).size;
      console.log(
        `${PEOPLE.toLocaleString('en-GB')} users as ${format} through the console: ${(elapsed / 1000).toFixed(1)} s from the click to the saved file, ${(bytes / 1_048_576).toFixed(1)} MB, longest main-thread stall ${gap.toFixed(0)} ms`,
      );
    }
    await context.close();
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
