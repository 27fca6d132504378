import { createReadStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { assertTenantKey, type ObjectStorage } from '../../platform/media/ports.js';

/** Files under one folder, one sub-folder per tenant: the embedded default. */
export class FilesystemStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  async put(key: string, body: Buffer | Readable, _contentType: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Written aside and renamed, so a reader never sees half a file and a crash leaves none.
    const temporary = `${target}.${randomUUID()}.part`;
    if (Buffer.isBuffer(body)) await writeFile(temporary, body);
    else await pipeline(body, createWriteStream(temporary));
    await rename(temporary, target);
  }

  get(key: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(key));
    return new Promise((resolve, reject) => {
      stream.once('open', () => resolve(stream));
      stream.once('error', reject);
    });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(tenantPrefix: string): AsyncIterable<string> {
    const prefix = tenantPrefix.replace(/\/$/, '');
    assertTenantKey(`${prefix}/probe`);
    const folder = path.resolve(this.root, prefix);
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { recursive: true, withFileTypes: true });
    } catch {
      return;
    }
    const keys = entries
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.part'))
      .map((entry) => path.relative(this.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    for (const key of keys.sort()) yield key;
  }

  private pathOf(key: string): string {
    assertTenantKey(key);
    const resolved = path.resolve(this.root, key);
    if (!resolved.startsWith(path.resolve(this.root) + path.sep)) throw new Error('storage key escapes the storage root');
    return resolved;
  }
}
