import { Router } from 'express';
import { type components, pageOf, type PathOf, type QueryOf } from '../../../platform/http/contract.js';
import { unwrap, type Endpoints } from '../../../platform/http/endpoint.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { streamedUploads, type SpoolBudget } from '../../../platform/http/multipart.js';
import type { ContentDeps } from '../application/deps.js';
import { uploadLimit, type GetMedia, type ListMedia, type OpenFile, type Reader, type UploadMedia } from '../application/media.js';
import { MAX_UPLOAD_BYTES, type Media } from '../domain/media.js';

/** Streams uploads to POST /v1/media to a temporary file before the contract check. */
export function uploadReceiver(d: Pick<ContentDeps, 'fileTypes'>, endpoints: Endpoints, tempDir: string, spool: SpoolBudget): Router {
  return streamedUploads('/v1/media', {
    tempDir,
    maxBytes: MAX_UPLOAD_BYTES,
    limitFor: (head) => uploadLimit(d, head),
    spool,
    admit: (req) => endpoints.admit(req, { permission: 'content.write' }),
  });
}

/** Who reads a file or an item link: the caller, and what their permissions let them see. */
export function readerOf(actor: Actor): Reader {
  return { tenantId: actor.tenantId, userId: actor.userId ?? actor.actorId, managesContent: actor.permissions.has('content.read'), permissions: actor.permissions };
}

function toMediaDto(media: Media, urls: Record<string, string>, expiresAt: Date): components['schemas']['Media'] {
  return {
    id: media.id,
    kind: media.kind,
    mimeType: media.mimeType,
    size: media.size,
    width: media.width,
    height: media.height,
    originalName: media.originalName,
    urls,
    urlsExpireAt: expiresAt.toISOString(),
    createdAt: media.createdAt.toISOString(),
  };
}

export function mediaRouter(deps: { endpoints: Endpoints; upload: UploadMedia; getMedia: GetMedia; listMedia: ListMedia; openFile: OpenFile }): Router {
  const router = Router();
  router.get(
    '/v1/media',
    deps.endpoints.tenant({ permission: 'content.read' }, async (req, actor) => {
      const query = req.query as QueryOf<'listMedia'>;
      const { page, pageSize } = pageOf(query);
      const found = await deps.listMedia.execute({ reader: readerOf(actor), page, pageSize, ...(query.kind ? { kind: query.kind } : {}), ...(query.search ? { search: query.search } : {}) });
      return {
        status: 200,
        body: { page, pageSize, total: found.total, items: found.items.map((entry) => ({ ...toMediaDto(entry.media, entry.urls, entry.expiresAt), usedIn: entry.usedIn, sharedWithTenant: entry.media.sharedWithTenant })) },
      };
    }),
  );
  router.post(
    '/v1/media',
    deps.endpoints.tenant({ permission: 'content.write' }, async (req, actor) => {
      if (!req.upload) throw new Error('upload missing after contract validation');
      const media = unwrap(await deps.upload.execute({ actor, upload: req.upload }));
      const view = unwrap(await deps.getMedia.execute({ reader: readerOf(actor), mediaId: media.id }));
      return { status: 201, body: toMediaDto(view.media, view.urls, view.expiresAt), headers: { location: `/v1/media/${media.id}` } };
    }),
  );
  router.get(
    '/v1/media/:mediaId',
    deps.endpoints.tenant({ permission: 'me.content' }, async (req, actor) => {
      const { mediaId } = req.params as PathOf<'getMedia'>;
      const view = unwrap(await deps.getMedia.execute({ reader: readerOf(actor), mediaId }));
      return { status: 200, body: toMediaDto(view.media, view.urls, view.expiresAt) };
    }),
  );
  router.get(
    '/files/:mediaId/:rendition',
    deps.endpoints.tenantStream({ permission: 'me.content' }, async (req, actor) => {
      const { mediaId, rendition } = req.params as PathOf<'openFile'>;
      const { u, exp, sig } = req.query as unknown as QueryOf<'openFile'>;
      const file = unwrap(await deps.openFile.execute({ reader: readerOf(actor), mediaId, rendition, u, exp, sig }));
      return {
        stream: file.stream,
        headers: {
          'content-type': file.mimeType,
          'cache-control': 'private, max-age=300',
          'x-content-type-options': 'nosniff',
          'content-disposition': `${file.mimeType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${(file.fileName ?? mediaId).replace(/[^\w.-]/g, '_')}"`,
        },
      };
    }),
  );
  return router;
}
