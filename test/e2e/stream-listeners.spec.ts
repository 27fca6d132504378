import { expect } from 'chai';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server, ServerResponse } from 'node:http';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus } from '../helpers/http.js';
import { openSse } from '../helpers/sse.js';
import { env } from '../helpers/test-env.js';

/**
 * A response may carry at most ten listeners of one event before Node warns of a leak
 * (MaxListenersExceededWarning). The request's middleware and stream.pipeline already put nine
 * 'close' listeners on a streamed response, so the streams must add none of their own per event,
 * per chunk or per wait for a slow client — the warning came from exactly that once.
 */
describe('streamed responses: no close listener per event, chunk or slow-client wait', () => {
  const MAX_LISTENERS = 10;
  let t: OnboardedTenant;
  let server: Server;
  let baseUrl: string;
  const responses = new Map<string, ServerResponse>();
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => {
    if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning);
  };

  before(async () => {
    t = await onboardTenant('Zorggroep Luisteraars');
    // A listener of the test's own on the same app, so the test can look at the server's side of each response.
    server = env().platform.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('request', (req, res: ServerResponse) => responses.set(req.url ?? '', res));
    process.on('warning', onWarning);
  });

  after(async () => {
    process.off('warning', onWarning);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const closeListeners = (path: string): number => responses.get(path)?.listenerCount('close') ?? -1;

  it('keeps the close listeners of a live feed constant over many events and a slow reader', async function () {
    this.timeout(120_000);
    const member = await addUser(t, ['member'], 'Schrijver');
    const incident = expectStatus(await call('POST', '/v1/incidents', { token: t.adminToken, body: { title: 'Veel berichten', type: 'general', severity: 'major', users: [{ userId: member.id }] } }), 201);
    const path = `/v1/incidents/${incident.id}/stream`;
    const stream = await openSse(baseUrl + path, t.adminToken);
    await call('POST', `/v1/incidents/${incident.id}/entries`, { token: member.token, body: { text: 'Eerste bericht' } });
    await stream.waitFor(1);
    const atStart = closeListeners(path);
    expect(atStart).to.be.within(1, MAX_LISTENERS);
    // Long entries, so the feed's buffer fills and it waits for the client to drain it.
    const text = `Waarneming: ${'de situatie ter plaatse is ongewijzigd, het team blijft paraat. '.repeat(60)}`;
    for (let i = 0; i < 60; i++) expectStatus(await call('POST', `/v1/incidents/${incident.id}/entries`, { token: member.token, body: { text: `${i} ${text}` } }), 201);
    await stream.waitFor(61, 60_000);
    expect(closeListeners(path), 'close listeners after 61 events').to.equal(atStart);

    // A catch-up of the whole log read slowly: the feed waits for 'drain' again and again.
    const slowPath = `/v1/incidents/${incident.id}/stream?follow=false`;
    const slow = await fetch(baseUrl + slowPath, { headers: { authorization: `Bearer ${t.adminToken}`, 'last-event-id': '0' } });
    const reader = slow.body!.getReader();
    let most = 0;
    let bytes = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      most = Math.max(most, closeListeners(slowPath));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(bytes).to.be.greaterThan(200_000);
    expect(most, 'close listeners while a slow client drains the feed').to.be.within(1, MAX_LISTENERS);
    stream.close();
    expect(warnings.map((w) => w.message)).to.deep.equal([]);
  });

  it('adds no close listener per chunk of a report download', async function () {
    this.timeout(60_000);
    const incident = expectStatus(await call('POST', '/v1/incidents', { token: t.adminToken, body: { title: 'Rapport', type: 'general', severity: 'major' } }), 201);
    for (let i = 0; i < 20; i++) await call('POST', `/v1/incidents/${incident.id}/entries`, { token: t.adminToken, body: { text: `Bericht ${i}: ${'verloop volgens plan. '.repeat(40)}` } });
    expectStatus(await call('POST', `/v1/incidents/${incident.id}/close`, { token: t.adminToken }), 200);
    for (const format of ['json', 'pdf']) {
      const path = `/v1/incidents/${incident.id}/report?format=${format}`;
      const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(response.status).to.equal(200);
      const reader = response.body!.getReader();
      let most = 0;
      for (;;) {
        const { done } = await reader.read();
        if (done) break;
        most = Math.max(most, closeListeners(path));
      }
      expect(most, `close listeners of the ${format} report`).to.be.within(0, MAX_LISTENERS);
    }
    expect(warnings.map((w) => w.message)).to.deep.equal([]);
  });
});
