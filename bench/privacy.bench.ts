/**
 * npm run bench:privacy
 * Bulk exports of a large tenant: 100,000 users and 100,000 contacts, each exported as xlsx
 * (exceljs streaming WorkbookWriter) and as CSV (csv-stringify), through the same use case the
 * HTTP handler calls (ExportPeople: pages of 1,000 rows by id, each page in a transaction of its
 * own, written with backpressure). The file goes to a sink that counts bytes, as a client would
 * read it. Prints wall time, bytes, and the process's peak RSS and heap growth (sampled every
 * 10 ms) over each export. Not part of the test run; results are recorded in bench/RESULTS.md.
 */
import os from 'node:os';
import { permissionsOf } from '../src/platform/auth/permissions.js';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { PrivacyDeps } from '../src/modules/privacy/application/deps.js';
import { ExportPeople } from '../src/modules/privacy/application/exports.js';
import { PRIVACY_APP } from '../src/modules/privacy/module.js';
import { startBench } from './content.bench.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);

async function seed(ownerUrl: string, tenantId: string): Promise<void> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `insert into tenants (id, slug, name, locale, time_zone, dpo_contact, status, suspension_reason, suspended_at, created_at, updated_at, second_factor_policy)
       values ($1, 'bench-privacy', 'Bench privacy', 'nl-NL', 'Europe/Amsterdam', null, 'active', null, null, now(), now(), 'optional')`,
      [tenantId],
    );
    await owner.query(
      `insert into users (id, tenant_id, email, name, phone, job_title, location, roles, status, retention_until, legal_basis, activated_at, created_at, updated_at)
       select gen_random_uuid(), $1, 'medewerker' || n || '@bench.test', 'Medewerker ' || n || ' van der Ploeg', '+31 6 ' || lpad(n::text, 8, '0'),
              'Verpleegkundige', 'Locatie ' || (n % 40), '{member}', 'active', date '2030-01-01' + (n % 365), 'contract', now(), now(), now()
         from generate_series(1, $2) n`,
      [tenantId, PEOPLE],
    );
    await owner.query(
      `insert into contacts (id, tenant_id, name, organisation, function, phones, email, notes, retention_until, legal_basis, created_at, updated_at)
       select gen_random_uuid(), $1, 'Contact ' || n || ' de Boer', 'Organisatie ' || (n % 500), 'Officier van dienst', array['+31 88 ' || lpad(n::text, 7, '0')],
              'contact' || n || '@example.org', 'Bereikbaar buiten kantoortijden', date '2029-06-30', 'legitimate_interest', now(), now()
         from generate_series(1, $2) n`,
      [tenantId, PEOPLE],
    );
    await owner.query('analyze');
  } finally {
    await owner.end();
  }
}

function sink(): { stream: Writable; bytes: () => number } {
  let bytes = 0;
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
    bytes: () => bytes,
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const bench = await startBench();
  try {
    const tenantId = randomUUID();
    const seeding = performance.now();
    await seed(bench.database.ownerUrl, tenantId);
    console.log(`seeded ${PEOPLE.toLocaleString('en')} users and ${PEOPLE.toLocaleString('en')} contacts in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${mb(os.totalmem())} RAM, Node ${process.version}`);
    const deps = bench.platform.container.get<PrivacyDeps>(PRIVACY_APP.Deps);
    const exporter = new ExportPeople(deps);
    const adminId = randomUUID();
    const actor = { tenantId, actorType: 'user' as const, actorId: adminId, userId: adminId, sessionId: randomUUID(), roles: ['admin'], permissions: permissionsOf(['admin']), clientAddress: '127.0.0.1', userAgent: 'bench' };
    for (const dataset of ['users', 'contacts'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;
        const heapBefore = process.memoryUsage().heapUsed;
        let rssPeak = rssBefore;
        let heapPeak = heapBefore;
        const sampler = setInterval(() => {
          const usage = process.memoryUsage();
          rssPeak = Math.max(rssPeak, usage.rss);
          heapPeak = Math.max(heapPeak, usage.heapUsed);
        }, 10);
        const started = performance.now();
        const file = await bench.platform.uow.run(tenantId, () => Promise.resolve(exporter.execute({ actor, dataset, format })));
        const out = sink();
        await pipeline(file.stream, out.stream);
        const seconds = (performance.now() - started) / 1000;
        clearInterval(sampler);
        console.log(
          `${dataset} as ${format}: ${seconds.toFixed(1)} s, ${mb(out.bytes())}, ${Math.round(PEOPLE / seconds).toLocaleString('en')} rows/s; ` +
            `peak RSS ${mb(rssPeak)} (+${mb(rssPeak - rssBefore)} over the start), peak heap +${mb(heapPeak - heapBefore)}`,
        );
      }
    }
  } finally {
    await bench.stop();
  }
}

await main();
