import type { Permission } from '../../../platform/auth/permissions.js';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ImageRejected, tenantKey } from '../../../platform/media/ports.js';
import { FileLinkRefused, MediaTooLarge, UnsupportedMedia } from '../domain/content.errors.js';
import type { ContentKind } from '../domain/content-item.js';
import { declaredMatches, Media, MEDIA_POLICY, type Rendition } from '../domain/media.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { ContentDeps } from './deps.js';
import type { UserViews } from './member-view.js';
import type { MediaAccessDecider } from './media-access.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

export interface Upload {
  path: string;
  size: number;
  head: Buffer;
  declaredType: string | null;
  fileName: string | null;
}

/** The size limit of the type the first bytes show; an unknown or refused type ends the upload. */
export async function uploadLimit(d: Pick<ContentDeps, 'fileTypes'>, head: Buffer): Promise<number> {
  const type = await d.fileTypes.detect(head);
  const policy = type ? MEDIA_POLICY[type.mimeType] : undefined;
  if (!type || !policy) {
    throw new UnsupportedMedia(`${type ? type.mimeType : 'This file type'} is not accepted. Upload images (JPEG, PNG, WebP), PDF, Word, Excel, PowerPoint or MP4/MOV video.`);
  }
  return policy.maxBytes;
}

/**
 * Stores an upload: the type comes from the bytes and must match what the client declared;
 * images are re-encoded upright without metadata (EXIF GPS gone) with a thumbnail and a display
 * size, WebP. Files live under the tenant's own storage prefix.
 */
export class UploadMedia {
  constructor(private readonly d: Pick<ContentDeps, 'media' | 'storage' | 'images' | 'fileTypes' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; upload: Upload }): Promise<Result<Media, UnsupportedMedia | MediaTooLarge>> {
    const { actor, upload } = command;
    const type = await this.d.fileTypes.detect(upload.head);
    const policy = type ? MEDIA_POLICY[type.mimeType] : undefined;
    if (!type || !policy) return fail(new UnsupportedMedia('This file type is not accepted.'));
    if (!declaredMatches(upload.declaredType, type.mimeType)) {
      return fail(new UnsupportedMedia(`The file was sent as ${upload.declaredType ?? 'unknown'}, but its content is ${type.mimeType}.`));
    }
    if (upload.size > policy.maxBytes) return fail(new MediaTooLarge(`Files of this type may be at most ${Math.round(policy.maxBytes / 2 ** 20)} MB.`));

    const base = { tenantId: actor.tenantId, kind: policy.kind, originalName: upload.fileName?.slice(0, 255) ?? null, createdBy: actor.actorId };
    let media: Media;
    if (policy.kind === 'image') {
      let renditions;
      try {
        renditions = await this.d.images.renditions(upload.path, type.mimeType);
      } catch (error) {
        if (error instanceof ImageRejected) return fail(new UnsupportedMedia('The image cannot be read, or has more pixels than allowed.'));
        throw error;
      }
      media = Media.of(
        { ...base, mimeType: renditions.original.mimeType, size: renditions.original.data.length, width: renditions.original.width, height: renditions.original.height, renditions: ['original', 'thumb', 'display'] },
        this.d.clock.now(),
      );
      await this.d.storage.put(tenantKey(actor.tenantId, 'media', media.id, 'original'), renditions.original.data, renditions.original.mimeType);
      await this.d.storage.put(tenantKey(actor.tenantId, 'media', media.id, 'thumb'), renditions.thumb.data, 'image/webp');
      await this.d.storage.put(tenantKey(actor.tenantId, 'media', media.id, 'display'), renditions.display.data, 'image/webp');
    } else {
      media = Media.of({ ...base, mimeType: type.mimeType, size: upload.size, width: null, height: null, renditions: ['original'] }, this.d.clock.now());
      await this.d.storage.put(tenantKey(actor.tenantId, 'media', media.id, 'original'), createReadStream(upload.path), type.mimeType);
    }
    this.d.media.add(media);
    this.d.audit.record(auditEntry(actor, { action: 'media.uploaded', subjectType: 'media', subjectId: media.id, details: { mimeType: media.mimeType, size: media.size } }));
    return ok(media);
  }
}

/** Who asks for a file: a user (links are made for them) with or without the right to manage content. */
export interface Reader {
  tenantId: string;
  userId: string;
  managesContent: boolean;
  /** The reader's permissions, for the modules that decide on files they show (an incident's coordinator sees its whole log). */
  permissions: ReadonlySet<Permission>;
}

/**
 * Short-lived links signed for one user (HMAC-SHA256 over tenant, user, file, rendition and
 * expiry). Serving checks the signature, the expiry, that the caller is that user, and that the
 * user may still see the file now — so a link minted before access was lost no longer works.
 */
export class FileLinks {
  constructor(
    private readonly d: Pick<ContentDeps, 'settings' | 'clock'>,
    private readonly views: UserViews,
    private readonly deciders: () => MediaAccessDecider[] = () => [],
  ) {}

  sign(reader: Reader, media: Media, rendition: Rendition): { url: string; expiresAt: Date } {
    const expiresAt = new Date(this.d.clock.now().getTime() + this.d.settings.fileLinkTtlSeconds * 1000);
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const sig = this.signature(reader.tenantId, reader.userId, media.id, rendition, exp);
    return { url: `/files/${media.id}/${rendition}?u=${reader.userId}&exp=${exp}&sig=${sig}`, expiresAt };
  }

  verify(reader: Reader, link: { mediaId: string; rendition: string; u: string; exp: number; sig: string }): boolean {
    if (link.u !== reader.userId) return false;
    if (link.exp * 1000 < this.d.clock.now().getTime()) return false;
    const expected = Buffer.from(this.signature(reader.tenantId, link.u, link.mediaId, link.rendition, link.exp));
    const given = Buffer.from(link.sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /**
   * Content managers see every file; others only files of items in their current view, or files
   * another module shows them now (an incident's log photos, through its access decider).
   */
  async mayRead(reader: Reader, media: Media): Promise<boolean> {
    if (reader.managesContent || media.sharedWithTenant) return true;
    const view = await this.views.build(reader.tenantId, reader.userId);
    if (view.items.some((item) => item.body.mediaId === media.id)) return true;
    for (const decider of this.deciders()) if (await decider.mayRead(reader, media.id)) return true;
    return false;
  }

  private signature(tenantId: string, userId: string, mediaId: string, rendition: string, exp: number): string {
    return createHmac('sha256', this.d.settings.fileLinkSecret).update(`${tenantId}|${userId}|${mediaId}|${rendition}|${exp}`).digest('base64url');
  }
}

/** A link for each rendition of a file, signed for this reader; all expire together. */
function signedRenditions(links: FileLinks, reader: Reader, media: Media): { urls: Partial<Record<Rendition, string>>; expiresAt: Date } {
  const urls: Partial<Record<Rendition, string>> = {};
  let expiresAt = new Date();
  for (const rendition of media.renditions) {
    const link = links.sign(reader, media, rendition);
    urls[rendition] = link.url;
    expiresAt = link.expiresAt;
  }
  return { urls, expiresAt };
}

export class GetMedia {
  constructor(private readonly d: Pick<ContentDeps, 'media'>, private readonly links: FileLinks) {}

  async execute(query: { reader: Reader; mediaId: string }): Promise<
    Result<{ media: Media; urls: Partial<Record<Rendition, string>>; expiresAt: Date }, NotFound>
  > {
    const media = await this.d.media.byId(query.reader.tenantId, query.mediaId);
    if (!media || !(await this.links.mayRead(query.reader, media))) return fail(new NotFound('Media'));
    return ok({ media, ...signedRenditions(this.links, query.reader, media) });
  }
}

export interface MediaEntry {
  media: Media;
  urls: Partial<Record<Rendition, string>>;
  expiresAt: Date;
  usedIn: Array<{ id: string; title: string; kind: ContentKind }>;
}

/** The media library: a page of the tenant's files with links signed for the content manager, and where each is used. */
export class ListMedia {
  constructor(private readonly d: Pick<ContentDeps, 'media' | 'items'>, private readonly links: FileLinks) {}

  async execute(query: { reader: Reader; page: number; pageSize: number; kind?: Media['kind']; search?: string }): Promise<{ items: MediaEntry[]; total: number }> {
    const { tenantId } = query.reader;
    const page = await this.d.media.list(tenantId, { page: query.page, pageSize: query.pageSize, ...(query.kind ? { kind: query.kind } : {}), ...(query.search ? { search: query.search } : {}) });
    const usage = await this.d.items.usingMedia(tenantId, page.items.map((m) => m.id));
    return {
      total: page.total,
      items: page.items.map((media) => {
        const usedIn = usage.filter((use) => use.mediaId === media.id).slice(0, 100).map(({ id, title, kind }) => ({ id, title, kind }));
        return { media, ...signedRenditions(this.links, query.reader, media), usedIn };
      }),
    };
  }
}

export class OpenFile {
  constructor(private readonly d: Pick<ContentDeps, 'media' | 'storage'>, private readonly links: FileLinks) {}

  async execute(query: { reader: Reader; mediaId: string; rendition: string; u: string; exp: number; sig: string }): Promise<
    Result<{ stream: Readable; mimeType: string; fileName: string | null }, FileLinkRefused | NotFound>
  > {
    if (!this.links.verify(query.reader, query)) return fail(new FileLinkRefused());
    const media = await this.d.media.byId(query.reader.tenantId, query.mediaId);
    if (!media || !media.renditions.includes(query.rendition as Rendition)) return fail(new NotFound('Media'));
    if (!(await this.links.mayRead(query.reader, media))) return fail(new FileLinkRefused('You no longer have access to this file.'));
    const stream = await this.d.storage.get(tenantKey(media.tenantId, 'media', media.id, query.rendition));
    return ok({ stream, mimeType: query.rendition === 'original' ? media.mimeType : 'image/webp', fileName: media.originalName });
  }
}

/** Reaction to `tenant.logo_changed`: the logo must be an uploaded image, and every user of the tenant may fetch it. */
export class ShareLogo {
  constructor(private readonly d: Pick<ContentDeps, 'media'>) {}

  async handle(event: { tenantId: string; mediaId: string }): Promise<void> {
    const media = await this.d.media.byId(event.tenantId, event.mediaId);
    if (!media?.isImage()) throw new NotFound('Media');
    media.shareWithTenant();
  }
}

/** Media as other modules see it: what a file is, and its bytes (for a report that embeds a logo). */
export class MediaFiles {
  constructor(private readonly d: Pick<ContentDeps, 'media' | 'storage'>) {}

  async describe(tenantId: string, mediaIds: string[]): Promise<Array<{ id: string; kind: string; mimeType: string; originalName: string | null; createdBy: string }>> {
    const found = [];
    for (const id of new Set(mediaIds)) {
      const media = await this.d.media.byId(tenantId, id);
      if (media) found.push({ id: media.id, kind: media.kind, mimeType: media.mimeType, originalName: media.originalName, createdBy: media.createdBy });
    }
    return found;
  }

  /** The bytes of an image's rendition, or null when there is no such image. */
  async imageBytes(tenantId: string, mediaId: string, rendition: Rendition): Promise<Buffer | null> {
    const media = await this.d.media.byId(tenantId, mediaId);
    if (!media?.isImage() || !media.renditions.includes(rendition)) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.d.storage.get(tenantKey(tenantId, 'media', media.id, rendition))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

/** The largest upload of any accepted type: other modules' upload routes stop reading beyond it. */
export { MAX_UPLOAD_BYTES } from '../domain/media.js';
