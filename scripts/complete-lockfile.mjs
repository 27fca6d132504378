/**
 * npm run lockfile:complete — after `npm install`.
 * This machine's registry lacks some platform builds of optional native addons (msgpackr-extract
 * for macOS and Windows). `npm install` then leaves them out of package-lock.json, and `npm ci`
 * refuses a lock that misses an optional dependency. This records each missing one as an optional
 * entry for its platform, as a lock written against the full registry has it; npm never fetches
 * an optional package for another platform, so nothing else changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';

if (process.argv.length > 2) {
  console.error(`unexpected argument '${process.argv[2]}'. Usage: npm run lockfile:complete (it takes no arguments)`);
  process.exit(2);
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    if (packages[`node_modules/${name}`] || packages[`${path}/node_modules/${name}`]) continue;
    const [os, cpu] = name.split('-').slice(-2);
    const entry = { version, optional: true };
    if (['darwin', 'linux', 'win32', 'freebsd', 'android'].includes(os)) Object.assign(entry, { os: [os], cpu: [cpu] });
    packages[`node_modules/${name}`] = entry;
    added.push(`${name}@${version}`);
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `recorded ${added.join(', ')}` : 'the lock file is complete');
