import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from './logging/logger.js';

/** The repository root: where package.json is, from src/ as from dist/src/. */
export function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('no package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export function consoleDistDir(): string {
  return path.join(repositoryRoot(), 'dist', 'web');
}

function sourcesHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        hash.update(path.relative(root, full));
        hash.update(readFileSync(full));
      }
    }
  };
  walk(path.join(root, 'web'));
  // Another version of React or Mantine is another console.
  hash.update(readFileSync(path.join(root, 'package-lock.json')));
  return hash.digest('hex');
}

/**
 * Builds the console when its build is missing or older than web/'s sources (a hash, not file
 * times, so a fresh clone and a checkout both rebuild when they must and only then). Without
 * web/ (a container that ran `npm run build`) the build is taken as it is.
 */
export async function ensureConsoleBuilt(logger: Pick<Logger, 'info'>): Promise<void> {
  const root = repositoryRoot();
  if (!existsSync(path.join(root, 'web', 'vite.config.ts'))) return;
  const stamp = path.join(root, 'dist', 'web', '.sources-hash');
  const wanted = sourcesHash(root);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && existsSync(path.join(root, 'dist', 'web', 'index.html'))) return;
  const started = Date.now();
  logger.info('building the web console (first start or changed sources)');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stamp, wanted);
  logger.info({ ms: Date.now() - started }, 'web console built');
}
