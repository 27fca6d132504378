import { expect } from 'chai';
import express from 'express';
import type { Server } from 'node:http';
import { listenWithAppPrototypes } from '../../src/platform/http/request-prototypes.js';

describe('the server of the HTTP kernel', () => {
  it("makes each request and response with the app's prototypes, so express has none to change", async () => {
    const app = express();
    listenWithAppPrototypes(app);
    const seen: boolean[] = [];
    app.get('/probe', (req, res) => {
      // The prototype express sets, and its helpers through it (req.get, res.json, req.app).
      seen.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response, req.app === app, req.get('x-probe') === 'yes');
      res.json({ ok: true });
    });
    let listening = 0;
    const server = await new Promise<Server>((resolve) => {
      const made = app.listen(0, '127.0.0.1', () => {
        listening++;
        resolve(made);
      });
    });
    // Before express sees them: made with those prototypes, not given them afterwards.
    const made: boolean[] = [];
    server.prependListener('request', (req: object, res: object) => made.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      for (let n = 0; n < 2; n++) {
        const answer = await fetch(`http://127.0.0.1:${port}/probe`, { headers: { 'x-probe': 'yes' } });
        expect(await answer.json()).to.deep.equal({ ok: true });
      }
      expect(made).to.deep.equal(Array(4).fill(true));
      expect(seen).to.deep.equal(Array(8).fill(true));
      expect(listening).to.equal(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("calls listen's callback once with the error when the port is taken, as express's own listen does", async () => {
    const first = express();
    listenWithAppPrototypes(first);
    const taken = await new Promise<Server>((resolve) => {
      const made = first.listen(0, '127.0.0.1', () => resolve(made));
    });
    try {
      const address = taken.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const second = express();
      listenWithAppPrototypes(second);
      const calls: unknown[] = [];
      await new Promise<void>((resolve) => {
        second.listen(port, '127.0.0.1', (error?: Error) => {
          calls.push(error);
          setTimeout(resolve, 50);
        });
      });
      expect(calls).to.have.length(1);
      expect(calls[0]).to.be.instanceOf(Error).with.property('code', 'EADDRINUSE');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
