import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { assertTenantKey, type ObjectStorage } from '../../platform/media/ports.js';

/** Any S3-compatible object store (AWS S3, MinIO, Ceph, ...). */
export class S3Storage implements ObjectStorage {
  private readonly client: S3Client;

  constructor(private readonly options: { endpoint?: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean }) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  }

  async put(key: string, body: Buffer | Readable, contentType: string): Promise<void> {
    assertTenantKey(key);
    // Multipart upload for streams of unknown length, so a video is never held in memory whole.
    await new Upload({ client: this.client, params: { Bucket: this.options.bucket, Key: key, Body: body, ContentType: contentType } }).done();
  }

  async get(key: string): Promise<Readable> {
    assertTenantKey(key);
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
    return object.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    assertTenantKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  async *list(tenantPrefix: string): AsyncIterable<string> {
    const prefix = `${tenantPrefix.replace(/\/$/, '')}/`;
    assertTenantKey(`${prefix}probe`);
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  destroy(): void {
    this.client.destroy();
  }
}
