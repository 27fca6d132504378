/**
 * npm run tenants:apply -- tenants/demo.yaml [more.yaml ...]
 * Onboarding as code: makes each tenant look like its file. Idempotent: applying a file twice
 * changes nothing the second time. A malformed file is refused whole, with the line at fault.
 */
import { readFile } from 'node:fs/promises';
import { parseCommandLine } from './command-line.js';
import { applyTenantFile, parseTenantFile, type TenantFile } from '../src/onboarding/tenant-file.js';

const { positionals: files } = parseCommandLine('npm run tenants:apply -- <tenant.yaml> [...]', {}, { min: 1, max: Infinity });

const definitions: Array<{ file: string; definition: TenantFile }> = [];
for (const file of files) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`${file}: cannot be read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? 'unknown error')})`);
    process.exit(1);
  }
  const parsed = parseTenantFile(text);
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.error}`);
    process.exit(1);
  }
  definitions.push({ file, definition: parsed.value });
}

// Loaded after the arguments are checked: a wrong one is refused at once, before the platform's modules load.
const { withPlatform } = await import('./with-platform.js');
await withPlatform(async (platform) => {
  for (const { file, definition } of definitions) {
    const report = await applyTenantFile(platform, definition);
    if (!report.ok) {
      console.error(`${file}: ${report.error}`);
      return 1;
    }
    console.log(`${file}: ${report.value.summary}`);
  }
  return 0;
});
