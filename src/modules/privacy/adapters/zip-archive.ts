import { ZipArchive } from 'archiver';
import type { Readable } from 'node:stream';
import type { ArchiveWriter } from '../ports.js';

/** A zip written while it is sent (archiver), entry by entry. */
export class ZipArchiveWriter implements ArchiveWriter {
  create(): { stream: Readable; add(name: string, content: Readable | Buffer | string): Promise<void>; finish(): Promise<void> } {
    const zip = new ZipArchive({ zlib: { level: 6 } });
    return {
      stream: zip,
      add: (name, content) =>
        new Promise((resolve, reject) => {
          zip.once('error', reject);
          zip.once('entry', () => {
            zip.off('error', reject);
            resolve();
          });
          zip.append(content, { name });
        }),
      finish: () => zip.finalize(),
    };
  }
}
