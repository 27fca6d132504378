import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { ownerQuery } from '../helpers/database-search.js';
import { env } from '../helpers/test-env.js';

const run = promisify(execFile);

/** The bound README and bench/RESULTS.md state: a 100,000-person export needs less than this much heap beyond the idle process. */
const HEAP_BOUND_MB = 40;
/** The old space the exporting process may use at all (the idle platform takes part of it). */
const OLD_SPACE_MB = 128;
const PEOPLE = 100_000;

interface Probe {
  bytes: number;
  newlines: number;
  seconds: number;
  heapBefore: number;
  heapGrowth: number;
}

describe('bulk exports of 100,000 people stay within the stated memory bound', function () {
  this.timeout(180_000);
  const tenantId = randomUUID();
  let folder = '';

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'export-memory-'));
    await ownerQuery(
      `insert into tenants (id, slug, name, locale, time_zone, dpo_contact, status, suspension_reason, suspended_at, created_at, updated_at, second_factor_policy)
       values ($1, $2, 'Export memory', 'nl-NL', 'Europe/Amsterdam', null, 'active', null, null, now(), now(), 'optional')`,
      [tenantId, `export-memory-${tenantId.slice(0, 8)}`],
    );
    await ownerQuery(
      `insert into users (id, tenant_id, email, name, phone, job_title, location, roles, status, retention_until, legal_basis, activated_at, created_at, updated_at)
       select gen_random_uuid(), $1, 'medewerker' || n || '@geheugen.test', 'Medewerker ' || n || ' van der Ploeg', '+31 6 ' || lpad(n::text, 8, '0'),
              'Verpleegkundige', 'Locatie ' || (n % 40), '{member}', 'active', date '2030-01-01' + (n % 365), 'contract', now(), now(), now()
         from generate_series(1, $2) n`,
      [tenantId, PEOPLE],
    );
    await ownerQuery(
      `insert into contacts (id, tenant_id, name, organisation, function, phones, email, notes, retention_until, legal_basis, created_at, updated_at)
       select gen_random_uuid(), $1, 'Contact ' || n || ' de Boer', 'Organisatie ' || (n % 500), 'Officier van dienst', array['+31 88 ' || lpad(n::text, 7, '0')],
              'contact' || n || '@example.org', 'Bereikbaar buiten kantoortijden', date '2029-06-30', 'legitimate_interest', now(), now()
         from generate_series(1, $2) n`,
      [tenantId, PEOPLE],
    );
    await ownerQuery('analyze users; analyze contacts');
  });

  after(async () => {
    // The other specs scan whole tables (search every text column): leave them as they were.
    await ownerQuery('delete from users where tenant_id = $1', [tenantId]);
    await ownerQuery('delete from contacts where tenant_id = $1', [tenantId]);
    await rm(folder, { recursive: true, force: true });
  });

  async function probe(dataset: 'users' | 'contacts', format: 'csv' | 'xlsx'): Promise<{ result: Probe; file: string }> {
    const file = path.join(folder, `${dataset}.${format}`);
    const { database, dataDir } = env();
    const { stdout } = await run(process.execPath, ['--import=tsx', '--expose-gc', `--max-old-space-size=${OLD_SPACE_MB}`, 'test/helpers/export-memory-probe.ts'], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        PROBE_DATABASE: JSON.stringify({ ownerUrl: database.ownerUrl, appUrl: database.appUrl, jwtSecret: database.jwtSecret, encryptionKey: database.encryptionKey }),
        PROBE_TENANT: tenantId,
        PROBE_DATASET: dataset,
        PROBE_FORMAT: format,
        PROBE_OUT: file,
        PROBE_DATA_DIR: dataDir,
      },
      maxBuffer: 1024 * 1024,
    });
    return { result: JSON.parse(stdout.trim().split('\n').pop()!) as Probe, file };
  }

  async function xlsxRows(file: string): Promise<number> {
    let rows = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) for await (const _row of sheet) rows += 1;
    return rows;
  }

  for (const dataset of ['users', 'contacts'] as const) {
    it(`exports ${PEOPLE.toLocaleString('en')} ${dataset} as CSV and as xlsx in a process with ${OLD_SPACE_MB} MB old space, heap growth under ${HEAP_BOUND_MB} MB`, async () => {
      const csv = await probe(dataset, 'csv');
      expect(csv.result.newlines, 'CSV lines: header + people').to.equal(PEOPLE + 1);
      expect(csv.result.heapGrowth, `CSV peak heap growth in bytes (${(csv.result.heapGrowth / 2 ** 20).toFixed(1)} MB)`).to.be.below(HEAP_BOUND_MB * 2 ** 20);

      const xlsx = await probe(dataset, 'xlsx');
      expect(await xlsxRows(xlsx.file), 'sheet rows: header + people').to.equal(PEOPLE + 1);
      expect(xlsx.result.heapGrowth, `xlsx peak heap growth in bytes (${(xlsx.result.heapGrowth / 2 ** 20).toFixed(1)} MB)`).to.be.below(HEAP_BOUND_MB * 2 ** 20);
    });
  }
});
