// Makes sure Debian's `chromium` exists for the browser tests (playwright-core cannot download
// its own browser here). On Debian as root it is installed; elsewhere this says how, in one line.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync('/usr/bin/chromium')) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (root && existsSync('/etc/debian_version')) {
  console.log('chromium not found: installing the Debian package chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  process.exit(0);
}
console.error('The browser tests need Chromium at /usr/bin/chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) and run npm test again.');
process.exit(1);
