import busboy from 'busboy';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Router, type Request } from 'express';
import { DomainError } from '../domain/errors.js';

export interface ReceivedFile {
  /** A temporary file holding the upload; removed by `discard()`. */
  path: string;
  size: number;
  /** The first bytes, for deciding the type from the content. */
  head: Buffer;
  declaredType: string | null;
  fileName: string | null;
  discard(): Promise<void>;
}

export class UploadRefused extends DomainError {
  readonly code: string;
  readonly kind: 'invalid' | 'too_large';
  constructor(kind: 'invalid' | 'too_large', detail: string) {
    super(kind === 'invalid' ? 'No file received' : 'File too large', detail);
    this.kind = kind;
    this.code = kind === 'invalid' ? 'UPLOAD.NO_FILE' : 'MEDIA.TOO_LARGE';
  }
}

/** busboy could not read the form: a part header it cannot parse (a NUL in the file name), a cut-off body. */
export class MalformedUpload extends DomainError {
  readonly code = 'UPLOAD.MALFORMED';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(reason: string) {
    super('Malformed upload', `The multipart body could not be read (${reason}).`);
    this.fields = [{ pointer: '/file', detail: `could not be read: ${reason} (a file name must not contain a NUL or other control character)` }];
  }
}

export class UploadSpoolFull extends DomainError {
  readonly code = 'UPLOAD.SPOOL_FULL';
  readonly kind = 'unavailable' as const;
  readonly retryAfterSeconds = 5;
  constructor() {
    super('Uploads busy', 'Too many uploads are being received at once. Send the file again in 5 seconds.');
  }
}

/**
 * The bytes of all uploads being spooled to disk at once, across every upload route of the
 * process: a bound, so that many large uploads in parallel cannot fill the disk.
 */
export class SpoolBudget {
  private used = 0;
  constructor(readonly limitBytes: number) {}

  /** Takes room for `bytes`; false (and nothing taken) when that would pass the bound. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

const HEAD_BYTES = 4100;

declare module 'express-serve-static-core' {
  interface Request {
    upload?: ReceivedFile;
  }
}

/**
 * Streams the one file of a multipart request to a temporary file — never the whole file in
 * memory. Once the first bytes are in, `limitFor` decides from them how large this kind of file
 * may be (and may refuse the type outright); the upload is cut off as soon as it passes the limit.
 */
export function receiveFile(
  req: Request,
  options: { tempDir: string; maxBytes: number; limitFor: (head: Buffer) => Promise<number>; spool: SpoolBudget },
): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: options.maxBytes, fields: 10, fieldSize: 10_000 } });
    } catch {
      reject(new UploadRefused('invalid', 'Send the file as multipart/form-data in the field "file".'));
      return;
    }
    let received: Promise<ReceivedFile> | null = null;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error instanceof Error ? error : new Error(String(error)));
    };

    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || received) {
        stream.resume();
        return;
      }
      received = new Promise<ReceivedFile>((done, broken) => {
        const target = path.join(options.tempDir, `upload-${randomUUID()}`);
        let spooled = 0;
        let released = false;
        const discard = () => {
          if (!released) {
            released = true;
            options.spool.give(spooled);
          }
          return rm(target, { force: true });
        };
        void mkdir(options.tempDir, { recursive: true }).then(() => {
          const out = createWriteStream(target);
          let size = 0;
          let head = Buffer.alloc(0);
          let limit = options.maxBytes;
          let decided = false;
          const abort = (error: unknown) => {
            stream.unpipe(out);
            stream.resume();
            out.destroy();
            void discard();
            broken(error instanceof Error ? error : new Error(String(error)));
          };
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (released || !options.spool.take(chunk.length)) {
              if (!released) abort(new UploadSpoolFull());
              return;
            }
            spooled += chunk.length;
            if (!decided) {
              head = Buffer.concat([head, chunk]).subarray(0, HEAD_BYTES);
              if (head.length >= HEAD_BYTES) {
                decided = true;
                stream.pause();
                options.limitFor(head).then(
                  (max) => {
                    limit = max;
                    if (size > limit) abort(tooLarge(limit));
                    else stream.resume();
                  },
                  abort,
                );
              }
            } else if (size > limit) {
              abort(tooLarge(limit));
            }
          });
          stream.on('limit', () => abort(tooLarge(options.maxBytes)));
          stream.pipe(out);
          out.on('finish', () => {
            const finish = async () => {
              if (!decided) limit = await options.limitFor(head);
              if (size > limit) throw tooLarge(limit);
              return { path: target, size, head, declaredType: info.mimeType || null, fileName: info.filename || null, discard };
            };
            finish().then(done, (error: unknown) => {
              void discard();
              broken(error instanceof Error ? error : new Error(String(error)));
            });
          });
          out.on('error', abort);
        }, broken);
      });
      received.catch(fail);
    });
    // busboy fails on a malformed form (a NUL in a part header, a cut-off body): the client's fault, not ours.
    parser.on('error', (error: unknown) => fail(new MalformedUpload(error instanceof Error ? error.message : 'unreadable')));
    parser.on('close', () => {
      if (failed) return;
      if (!received) fail(new UploadRefused('invalid', 'Send the file as multipart/form-data in the field "file".'));
      else received.then(resolve, fail);
    });
    req.pipe(parser);
  });
}

function tooLarge(limit: number): UploadRefused {
  return new UploadRefused('too_large', `Files of this type may be at most ${Math.round(limit / 2 ** 20)} MB.`);
}

/**
 * Streams uploads to `routePath` to a temporary file before the contract check, so the validator
 * sees a small body and the file is never held in memory. Nothing is read before the caller is
 * admitted (signed in, key checked, tenant active, permission held): a refused upload is answered
 * at once and its connection closed, so the unread body is never received. The temporary file
 * goes when the response is done, whatever it was.
 */
export function streamedUploads(
  routePath: string,
  options: { tempDir: string; maxBytes: number; limitFor: (head: Buffer) => Promise<number>; spool: SpoolBudget; admit: (req: Request) => Promise<void> },
): Router {
  const router = Router();
  router.post(routePath, (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next();
      return;
    }
    const refuse = (error: unknown): void => {
      // The rest of the body is not read: the connection cannot carry another request.
      res.setHeader('connection', 'close');
      next(error);
    };
    const receive = (): void => {
      receiveFile(req, options).then(
        (file) => {
          req.upload = file;
          res.on('close', () => void file.discard());
          req.body = { file: file.fileName ?? 'upload' };
          next();
        },
        refuse,
      );
    };
    options.admit(req).then(receive, refuse);
  });
  return router;
}
