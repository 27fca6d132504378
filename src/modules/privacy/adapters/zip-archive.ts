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
          // archiver does not listen for a failing source itself: its error is the entry's, and
          // the caller then destroys the archive, which cuts the transfer off.
          const source = typeof content === 'string' || Buffer.isBuffer(content) ? null : content;
          const failed = (error: Error): void => {
            zip.off('error', failed);
            reject(error);
          };
          source?.once('error', failed);
          zip.once('error', failed);
          zip.once('entry', () => {
            zip.off('error', failed);
            source?.off('error', failed);
            resolve();
          });
          zip.append(content, { name });
        }),
      finish: () => zip.finalize(),
    };
  }
}
