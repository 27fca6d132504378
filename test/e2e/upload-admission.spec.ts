import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { PLATFORM } from '../../src/platform/container/tokens.js';
import type { SpoolBudget } from '../../src/platform/http/multipart.js';
import { eventually } from '../helpers/eventually.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus, fileForm } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';

const BOUNDARY = 'grens-' + randomUUID();

/**
 * Starts a multipart upload and sends only its first megabyte, holding the rest back: an answer
 * that arrives now was given without waiting for (or storing) the body.
 */
function partialUpload(urlPath: string, headers: Record<string, string>): Promise<{ status: number; connection: string | undefined; body: string }> {
  const url = new URL(env().baseUrl + urlPath);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(150 * 2 ** 20) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body });
        });
      },
    );
    // The server closes the connection on us while we would still be sending: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.write(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="groot.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`);
    req.write(Buffer.alloc(2 ** 20, 0xff));
  });
}

async function spooledFiles(): Promise<string[]> {
  const names = await readdir(path.resolve(env().config.DATA_DIR, 'tmp')).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith('upload-'));
}

describe('uploads: the caller is checked before a byte is stored', () => {
  let t: OnboardedTenant;

  before(async () => {
    t = await onboardTenant('Zorggroep Upload');
  });

  it('refuses a forged API key, an unknown tenant’s key and a bad token at once, reading nothing, and closes the connection', async () => {
    const before = await spooledFiles();
    const forged = `cpk_${randomUUID()}.${t.id}.${'A'.repeat(43)}`;
    const unknownTenant = `cpk_${randomUUID()}.${randomUUID()}.${'A'.repeat(43)}`;
    const callers: Array<Record<string, string>> = [{ 'x-api-key': forged }, { 'x-api-key': unknownTenant }, { authorization: 'Bearer not-a-token' }, {}];
    for (const headers of callers) {
      for (const route of ['/v1/media', `/v1/incidents/${randomUUID()}/media`]) {
        const reply = await partialUpload(route, headers);
        expect(reply.status, reply.body).to.equal(401);
        expect(reply.connection).to.equal('close');
        expect(JSON.parse(reply.body).type).to.match(/^\/problems\//);
      }
    }
    expect(await spooledFiles()).to.deep.equal(before);
  });

  it('refuses a member without content.write with 403 before reading a byte of the upload', async () => {
    const member = await addUser(t, ['member'], 'Lid Zonder Rechten');
    const before = await spooledFiles();
    const reply = await partialUpload('/v1/media', { authorization: `Bearer ${member.token}` });
    expect(reply.status, reply.body).to.equal(403);
    expect(reply.connection).to.equal('close');
    expect(await spooledFiles()).to.deep.equal(before);
  });

  it('answers 503 with Retry-After when the uploads in flight fill the spool, and takes uploads again once there is room', async () => {
    const spool = env().platform.container.get<SpoolBudget>(PLATFORM.UploadSpool);
    const photo = smallPhonePhoto();
    // Other uploads in flight, as far as the bound is concerned: all but a few bytes of it.
    const held = spool.limitBytes - spool.inUse - 1024;
    expect(spool.take(held)).to.equal(true);
    try {
      const full = await call('POST', '/v1/media', { token: t.adminToken, form: fileForm(photo, 'foto.jpg', 'image/jpeg') });
      expect(full.status, full.text).to.equal(503);
      expect(full.headers.get('retry-after')).to.equal('5');
      expect(full.body.type).to.equal('/problems/upload-spool-full');
    } finally {
      spool.give(held);
    }
    expectStatus(await call('POST', '/v1/media', { token: t.adminToken, form: fileForm(photo, 'foto.jpg', 'image/jpeg') }), 201);
    // The spooled file goes (and gives its room back) when the response is done.
    await eventually('the spool to be empty again', async () => spool.inUse === 0 && (await spooledFiles()).length === 0 ? true : null);
  });
});
