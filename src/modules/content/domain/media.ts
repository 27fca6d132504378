import { randomUUID } from 'node:crypto';

export type MediaKind = 'image' | 'document' | 'video';

/** What may be uploaded, and how large: decided on the type found in the bytes. */
export const MEDIA_POLICY: Record<string, { kind: MediaKind; maxBytes: number }> = {
  'image/jpeg': { kind: 'image', maxBytes: 20 * 2 ** 20 },
  'image/png': { kind: 'image', maxBytes: 20 * 2 ** 20 },
  'image/webp': { kind: 'image', maxBytes: 20 * 2 ** 20 },
  'application/pdf': { kind: 'document', maxBytes: 50 * 2 ** 20 },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', maxBytes: 50 * 2 ** 20 },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', maxBytes: 50 * 2 ** 20 },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'document', maxBytes: 50 * 2 ** 20 },
  'video/mp4': { kind: 'video', maxBytes: 200 * 2 ** 20 },
  'video/quicktime': { kind: 'video', maxBytes: 200 * 2 ** 20 },
};

export const MAX_UPLOAD_BYTES = Math.max(...Object.values(MEDIA_POLICY).map((p) => p.maxBytes));

/** Declared types that say nothing, or say the same thing in another word. */
export function declaredMatches(declared: string | null, detected: string): boolean {
  if (!declared || declared === 'application/octet-stream') return true;
  const normal = (type: string) => (type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type);
  return normal(declared.toLowerCase()) === detected;
}

export type Rendition = 'original' | 'thumb' | 'display';

/** An uploaded file of a tenant; images carry renditions without metadata. */
export class Media {
  id!: string;
  tenantId!: string;
  kind!: MediaKind;
  mimeType!: string;
  size!: number;
  width!: number | null;
  height!: number | null;
  originalName!: string | null;
  renditions!: Rendition[];
  /** Shared with every user of the tenant (the logo), not only with readers of an item that shows it. */
  sharedWithTenant!: boolean;
  createdBy!: string;
  createdAt!: Date;

  private constructor() {}

  static of(props: Omit<Media, 'createdAt' | 'id' | 'sharedWithTenant' | 'shareWithTenant' | 'isImage'> & { id?: string }, now: Date): Media {
    const media = new Media();
    Object.assign(media, { id: props.id ?? randomUUID(), ...props, sharedWithTenant: false, createdAt: now });
    return media;
  }

  shareWithTenant(): void {
    this.sharedWithTenant = true;
  }

  isImage(): boolean {
    return this.kind === 'image';
  }
}
