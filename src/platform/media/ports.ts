import type { Readable } from 'node:stream';

/**
 * Where files live. Keys always start with the tenant's prefix (`tenants/<tenantId>/`); an
 * adapter refuses any other key, so one tenant's code path can never name another's files.
 */
export interface ObjectStorage {
  put(key: string, body: Buffer | Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Every key under a tenant's prefix (`tenants/<tenantId>/`), for offboarding. */
  list(tenantPrefix: string): AsyncIterable<string>;
}

export interface ImageRenditions {
  /** The image re-encoded upright, without any metadata (no EXIF, no GPS). */
  original: { data: Buffer; mimeType: string; width: number; height: number };
  thumb: { data: Buffer; mimeType: 'image/webp'; width: number; height: number };
  display: { data: Buffer; mimeType: 'image/webp'; width: number; height: number };
}

export class ImageRejected extends Error {}

/** Turns an uploaded image into safe renditions; refuses images too large to decode safely. */
export interface ImageProcessor {
  renditions(inputPath: string, mimeType: string): Promise<ImageRenditions>;
}

/** The type of a file, from its first bytes (never from its name or declared type). */
export interface FileTypeDetector {
  detect(head: Buffer): Promise<{ mimeType: string; extension: string } | null>;
}

export function tenantKey(tenantId: string, ...parts: string[]): string {
  return ['tenants', tenantId, ...parts].join('/');
}

const KEY = /^tenants\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_.-]+$/;

export function assertTenantKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`refusing storage key outside a tenant prefix: ${key}`);
}
