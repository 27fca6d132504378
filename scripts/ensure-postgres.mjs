// Makes sure Debian's PostgreSQL server binaries and pgBackRest exist for the production rehearsal,
// which starts its own cluster on a free port and drills a backup and restore with pgBackRest.
// On Debian as root the missing packages are installed; elsewhere this says how, in one line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

if (process.argv.length > 2) {
  console.error(`unexpected argument '${process.argv[2]}'. Usage: node scripts/ensure-postgres.mjs (it takes no arguments)`);
  process.exit(2);
}

const root = '/usr/lib/postgresql';
const missing = [];
if (!(existsSync(root) && readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/postgres`)))) missing.push('postgresql');
if (spawnSync('pgbackrest', ['version'], { stdio: 'ignore' }).status !== 0) missing.push('pgbackrest');
if (missing.length === 0) process.exit(0);

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (asRoot && existsSync('/etc/debian_version')) {
  console.log(`not found: installing the Debian packages ${missing.join(' and ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  process.exit(0);
}
console.error(`The production rehearsal needs Debian's PostgreSQL server and pgBackRest: sudo apt-get install ${missing.join(' ')}, then run it again.`);
process.exit(1);
