import { expect } from 'chai';
import express, { type Response } from 'express';
import type { AddressInfo } from 'node:net';
import { JsonText, sendsJsonText } from '../../src/platform/http/json-text.js';

/** GET /x of an app whose route answers `body` through res.json, behind sendsJsonText(validateResponses). */
async function answer(validateResponses: boolean, body: unknown, seen: unknown[] = []): Promise<{ type: string | null; length: string | null; text: string }> {
  const app = express();
  // What the response validator does: it wraps res.json before the route's own middleware runs.
  app.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (value?: unknown): Response => {
      seen.push(value);
      return json(value);
    };
    next();
  });
  app.get('/x', sendsJsonText(validateResponses), (_req, res) => {
    res.json(body);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    return { type: reply.headers.get('content-type'), length: reply.headers.get('content-length'), text: await reply.text() };
  } finally {
    server.close();
  }
}

describe('a JSON answer sent as text', () => {
  it('goes out as it is, as text or as bytes, typed as JSON', async () => {
    for (const json of ['{"naam":"Zoë"}', Buffer.from('{"naam":"Zoë"}')]) {
      const seen: unknown[] = [];
      const reply = await answer(false, new JsonText(json), seen);
      expect(reply.text).to.equal('{"naam":"Zoë"}');
      expect(reply.type).to.match(/^application\/json; charset=utf-8$/);
      expect(reply.length).to.equal(String(Buffer.byteLength('{"naam":"Zoë"}')));
      expect(seen, 'not through the validator’s res.json').to.deep.equal([]);
    }
  });

  it('is parsed and handed to res.json when responses are validated, and other bodies pass as they are', async () => {
    const seen: unknown[] = [];
    expect((await answer(true, new JsonText(Buffer.from('{"items":[1,2]}')), seen)).text).to.equal('{"items":[1,2]}');
    expect((await answer(true, { plain: true }, seen)).text).to.equal('{"plain":true}');
    expect((await answer(false, { plain: true }, seen)).text).to.equal('{"plain":true}');
    expect(seen).to.deep.equal([{ items: [1, 2] }, { plain: true }, { plain: true }]);
  });
});
