/**
 * npm run tenants:apply -- tenants/demo.yaml [more.yaml ...]
 * Onboarding as code: makes each tenant look like its file. Idempotent: applying a file twice
 * changes nothing the second time. A malformed file is refused whole, with the line at fault.
 */
import { readFile } from 'node:fs/promises';
import { withPlatform } from './with-platform.js';
import { applyTenantFile, parseTenantFile, type TenantFile } from '../src/onboarding/tenant-file.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run tenants:apply -- <tenant.yaml> [...]');
  process.exit(2);
}

const definitions: Array<{ file: string; definition: TenantFile }> = [];
for (const file of files) {
  const parsed = parseTenantFile(await readFile(file, 'utf8'));
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.error}`);
    process.exit(1);
  }
  definitions.push({ file, definition: parsed.value });
}

await withPlatform(async (platform) => {
  for (const { file, definition } of definitions) {
    const report = await applyTenantFile(platform, definition);
    if (!report.ok) {
      console.error(`${file}: ${report.error}`);
      return 1;
    }
    console.log(`${file}: ${report.value}`);
  }
  return 0;
});
