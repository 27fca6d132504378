/**
 * Child process for test/integration/privacy-export-memory.spec.ts: builds the platform on the
 * test run's database (as the application role), runs one bulk export through ExportPeople (the
 * use case the HTTP handler calls) into a file, and prints one JSON line with the rows written,
 * the bytes, and the peak heap growth over the idle process (sampled on every chunk and every
 * 5 ms, after a forced GC). Started with a capped old space, so a buffered export would fail.
 * Input (environment): PROBE_DATABASE (JSON: ownerUrl, appUrl, jwtSecret, encryptionKey),
 * PROBE_TENANT, PROBE_DATASET (users | contacts), PROBE_FORMAT (csv | xlsx), PROBE_OUT (a path), PROBE_DATA_DIR.
 */
import { createWriteStream } from 'node:fs';
import { permissionsOf } from '../../src/platform/auth/permissions.js';
import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildPlatform, type Database } from '../../src/composition.js';
import type { PrivacyDeps } from '../../src/modules/privacy/application/deps.js';
import { ExportPeople } from '../../src/modules/privacy/application/exports.js';
import { PRIVACY_APP } from '../../src/modules/privacy/module.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/logging/logger.js';

const given = JSON.parse(process.env.PROBE_DATABASE!) as Pick<Database, 'ownerUrl' | 'appUrl' | 'jwtSecret' | 'encryptionKey'>;
const tenantId = process.env.PROBE_TENANT!;
const dataset = process.env.PROBE_DATASET as 'users' | 'contacts';
const format = process.env.PROBE_FORMAT as 'csv' | 'xlsx';

const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: process.env.PROBE_DATA_DIR!, LOG_LEVEL: 'silent', PORT: '0', DATABASE_POOL_MAX: '2' });
const database: Database = { ...given, location: 'test', stop: () => Promise.resolve() };
const platform = await buildPlatform(config, database, createLogger('silent'));
try {
  const exporter = new ExportPeople(platform.container.get<PrivacyDeps>(PRIVACY_APP.Deps));
  const adminId = randomUUID();
  const actor = { tenantId, actorType: 'user' as const, actorId: adminId, userId: adminId, sessionId: randomUUID(), roles: ['admin'], permissions: permissionsOf(['admin']), clientAddress: '127.0.0.1', userAgent: 'memory-probe' };
  global.gc!();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const sampler = setInterval(sample, 5);
  let bytes = 0;
  let newlines = 0;
  const started = performance.now();
  const file = await platform.uow.run(tenantId, () => Promise.resolve(exporter.execute({ actor, dataset, format })));
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines += 1;
      sample();
      done(null, chunk);
    },
  });
  await pipeline(file.stream, counter, createWriteStream(process.env.PROBE_OUT!));
  clearInterval(sampler);
  sample();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ bytes, newlines, seconds, heapBefore: before, heapGrowth: peak - before })}\n`);
} finally {
  await platform.close();
}
