// Makes sure Debian's PostgreSQL server binaries exist for the production rehearsal, which starts
// its own cluster on a free port. On Debian as root the package is installed; elsewhere this says how.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const root = '/usr/lib/postgresql';
const found = existsSync(root) && readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/postgres`));
if (found) process.exit(0);

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (asRoot && existsSync('/etc/debian_version')) {
  console.log('PostgreSQL server not found: installing the Debian package postgresql');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  process.exit(0);
}
console.error('The production rehearsal needs Debian\'s PostgreSQL server: sudo apt-get install postgresql, then run it again.');
process.exit(1);
