// Makes sure `redis-server` exists for the tests, which start their own on a free port.
// On Debian as root it is installed from Debian's packages; elsewhere this says how, in one line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.argv.length > 2) {
  console.error(`unexpected argument '${process.argv[2]}'. Usage: node scripts/ensure-redis.mjs (it takes no arguments)`);
  process.exit(2);
}

const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
if (found.status === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (root && existsSync('/etc/debian_version')) {
  console.log('redis-server not found: installing the Debian package redis-server');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
  process.exit(0);
}
console.error('The tests need redis-server: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and run npm test again.');
process.exit(1);
