import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { errorHandler } from '../../src/platform/http/error-handler.js';
import { createLogger } from '../../src/platform/logging/logger.js';

/** An app whose one route fails with the given error, behind the platform's error handler. */
async function failingWith(error: unknown): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
  const app = express();
  app.get('/x', () => {
    throw error;
  });
  app.use(errorHandler(createLogger('silent')));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    return { status: reply.status, type: reply.headers.get('content-type'), body: (await reply.json()) as Record<string, unknown> };
  } finally {
    server.close();
  }
}

describe('the error handler', () => {
  it('answers a race lost on a unique key, a serialization failure or a deadlock with 409 concurrent-change, leaking no SQL', async () => {
    for (const code of ['23505', '40001', '40P01']) {
      const reply = await failingWith(Object.assign(new Error('duplicate key value violates unique constraint "incident_members_pkey"'), { code }));
      expect(reply.status, code).to.equal(409);
      expect(reply.type).to.match(/^application\/problem\+json/);
      expect(reply.body).to.include({ type: '/problems/concurrent-change', status: 409 });
      expect(JSON.stringify(reply.body)).to.not.match(/constraint|pkey|duplicate/);
    }
  });

  it('answers anything unforeseen with 500 internal-error, telling nothing of its insides', async () => {
    const reply = await failingWith(Object.assign(new Error('relation "users" does not exist'), { code: '42P01' }));
    expect(reply.status).to.equal(500);
    expect(reply.body).to.include({ type: '/problems/internal-error' });
    expect(JSON.stringify(reply.body)).to.not.contain('relation');
  });
});
