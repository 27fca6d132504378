import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { S3Storage } from '../../src/adapters/storage/s3-storage.js';
import { tenantKey } from '../../src/platform/media/ports.js';
import { freePort } from '../helpers/free-port.js';

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The S3 adapter against s3rver, a local server that speaks the S3 protocol. */
describe('S3-compatible storage adapter', () => {
  let server: S3rver;
  let directory: string;
  let storage: S3Storage;
  const tenant = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
    const port = await freePort();
    server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'crisis-media', configs: [] }] });
    await server.run();
    storage = new S3Storage({ endpoint: `http://127.0.0.1:${port}`, region: 'eu-west-1', bucket: 'crisis-media', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
  });

  after(async () => {
    storage.destroy();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('stores buffers and streams under the tenant prefix, reads them back and deletes them', async () => {
    const key = tenantKey(tenant, 'media', 'a1', 'original');
    await storage.put(key, Buffer.from('plan van aanpak'), 'application/pdf');
    expect((await read(await storage.get(key))).toString()).to.equal('plan van aanpak');
    const streamed = tenantKey(tenant, 'media', 'a2', 'original');
    const big = Buffer.alloc(6 * 2 ** 20, 7);
    await storage.put(streamed, Readable.from([big.subarray(0, 3 * 2 ** 20), big.subarray(3 * 2 ** 20)]), 'video/mp4');
    expect((await read(await storage.get(streamed))).equals(big)).to.equal(true);
    await storage.delete(key);
    let missing: unknown = null;
    try {
      await storage.get(key);
    } catch (error) {
      missing = error;
    }
    expect(missing).to.be.instanceOf(Error);
  });

  it('refuses keys outside a tenant prefix', async () => {
    for (const key of ['media/a1', `tenants/${tenant}/../other/x`, 'tenants/niet-een-uuid/x']) {
      let refused: unknown = null;
      try {
        await storage.put(key, Buffer.from('x'), 'text/plain');
      } catch (error) {
        refused = error;
      }
      expect(String(refused), key).to.match(/refusing storage key/);
    }
  });
});
