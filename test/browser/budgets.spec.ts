import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { consoleDistDir } from '../../src/platform/console-build.js';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The JavaScript a page loads before it shows: the entry, the route's chunk, and what they import statically. */
function initialJs(manifest: Record<string, ManifestChunk>, routes: string[]): { files: string[]; gzipKb: number } {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit('index.html');
  for (const route of routes) visit(route);
  // One language's catalogue comes with every page (a chunk of its own per language): count the larger.
  const catalogues = Object.keys(manifest).filter((key) => /src\/i18n\/[a-z]+\/translation\.json$/.test(key));
  expect(catalogues, 'one catalogue chunk per language').to.have.length(2);
  const size = (key: string): number => gzipSync(readFileSync(path.join(consoleDistDir(), manifest[key]!.file))).length;
  seen.add(catalogues.reduce((larger, key) => (size(key) > size(larger) ? key : larger)));
  const files = [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(consoleDistDir(), file))).length, 0);
  return { files, gzipKb: bytes / 1024 };
}

describe('console bundle budgets (built by the test environment)', () => {
  let manifest: Record<string, ManifestChunk>;
  before(() => {
    manifest = JSON.parse(readFileSync(path.join(consoleDistDir(), '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  });

  it('keeps the sign-in page within 200 KB of gzipped JavaScript', () => {
    const signIn = initialJs(manifest, ['src/app/pages/sign-in.tsx']);
    console.log(`      sign-in: ${signIn.gzipKb.toFixed(1)} KB gzip (${signIn.files.length} files)`);
    expect(signIn.gzipKb).to.be.at.most(200);
  });

  it('keeps the signed-in shell within 350 KB of gzipped JavaScript, pages split off by route', () => {
    const shell = initialJs(manifest, ['src/app/pages/home.tsx']);
    console.log(`      signed-in shell: ${shell.gzipKb.toFixed(1)} KB gzip (${shell.files.length} files)`);
    expect(shell.gzipKb).to.be.at.most(350);
    expect(manifest['src/features/people/pages/users-page.tsx'], 'the people page is its own chunk').to.have.property('file');
  });
});
