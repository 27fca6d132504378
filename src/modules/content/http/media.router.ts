import type { Router } from 'express';
import { type components, pageOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import { streamedUploads, type SpoolBudget } from '../../../platform/http/multipart.js';
import { created, ok, operationsRouter } from '../../../platform/http/operations.js';
import type { ContentDeps } from '../application/deps.js';
import { uploadLimit } from '../application/media.js';
import { MAX_UPLOAD_BYTES, type Media } from '../domain/media.js';
import { read, readerOf, write, type ContentHttpDeps } from './content-http.js';

/** Streams uploads to POST /v1/media to a temporary file before the contract check. */
export function uploadReceiver(d: Pick<ContentDeps, 'fileTypes'>, endpoints: Endpoints, tempDir: string, spool: SpoolBudget): Router {
  return streamedUploads('/v1/media', {
    tempDir,
    maxBytes: MAX_UPLOAD_BYTES,
    limitFor: (head) => uploadLimit(d, head),
    spool,
    admit: (req) => endpoints.admit(req, write),
  });
}

function toMediaDto(view: { media: Media; urls: Record<string, string>; expiresAt: Date }): components['schemas']['Media'] {
  const { media } = view;
  return {
    id: media.id,
    kind: media.kind,
    mimeType: media.mimeType,
    size: media.size,
    width: media.width,
    height: media.height,
    originalName: media.originalName,
    urls: view.urls,
    urlsExpireAt: view.expiresAt.toISOString(),
    createdAt: media.createdAt.toISOString(),
  };
}

/** Images open in the browser, anything else downloads; the name keeps only what a header may carry. */
const dispositionOf = (mimeType: string, fileName: string) => `${mimeType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\w.-]/g, '_')}"`;

/** The tenant's media library, and the signed links that open its files. */
export function mediaRouter(deps: Pick<ContentHttpDeps, 'endpoints' | 'uploadMedia' | 'getMedia' | 'listMedia' | 'openFile'>): Router {
  return operationsRouter(deps.endpoints, {
    listMedia: (op) =>
      op.tenant(read, async ({ query }, actor) => {
        const { page, pageSize } = pageOf(query);
        const filters = { ...(query.kind ? { kind: query.kind } : {}), ...(query.search ? { search: query.search } : {}) };
        const found = await deps.listMedia.execute({ reader: readerOf(actor), page, pageSize, ...filters });
        const items = found.items.map((entry) => ({ ...toMediaDto(entry), usedIn: entry.usedIn, sharedWithTenant: entry.media.sharedWithTenant }));
        return ok({ page, pageSize, total: found.total, items });
      }),
    uploadMedia: (op) =>
      op.tenant(write, async ({ req }, actor) => {
        if (!req.upload) throw new Error('upload missing after contract validation');
        const media = unwrap(await deps.uploadMedia.execute({ actor, upload: req.upload }));
        return created(toMediaDto(unwrap(await deps.getMedia.execute({ reader: readerOf(actor), mediaId: media.id }))), `/v1/media/${media.id}`);
      }),
    getMedia: (op) => op.tenant({ permission: 'me.content' }, async ({ path }, actor) => ok(toMediaDto(unwrap(await deps.getMedia.execute({ reader: readerOf(actor), ...path }))))),
    openFile: (op) =>
      op.tenantFile({ permission: 'me.content' }, async ({ path, query }, actor) => {
        const file = unwrap(await deps.openFile.execute({ reader: readerOf(actor), ...path, u: query.u, exp: query.exp, sig: query.sig }));
        const headers = {
          'content-type': file.mimeType,
          'cache-control': 'private, max-age=300',
          'x-content-type-options': 'nosniff',
          'content-disposition': dispositionOf(file.mimeType, file.fileName ?? path.mediaId),
        };
        return { stream: file.stream, headers };
      }),
  });
}
