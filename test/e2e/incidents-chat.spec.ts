import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus, fileForm } from '../helpers/http.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';
import { openSse } from '../helpers/sse.js';
import { env } from '../helpers/test-env.js';

type Person = Awaited<ReturnType<typeof addUser>>;

const SETUP = {
  types: [{ key: 'brand', name: 'Brand' }],
  roles: [{ key: 'adviseur', name: 'Adviseur', default: true }],
  locations: [],
  classifications: [{ key: 'waarneming', name: 'Waarneming' }],
  labels: [],
  allowMemberActivation: false,
  memberVisibility: 'own_team',
};

describe('incidents: the chat beside the log', () => {
  let t: OnboardedTenant;
  let coordinator: Person;
  let member: Person;
  let other: Person;
  let outsider: Person;
  let incidentId: string;

  before(async function () {
    this.timeout(60_000);
    t = await onboardTenant('Zorggroep Praat');
    coordinator = await addUser(t, ['coordinator'], 'Coby Praat');
    member = await addUser(t, ['member'], 'Mila Chat');
    other = await addUser(t, ['member'], 'Otto Tweede');
    outsider = await addUser(t, ['member'], 'Olga Buiten');
    await expectStatus(await call('PUT', '/v1/incident-setup', { token: t.adminToken, body: SETUP }), 200);
    const incident = await expectStatus(
      await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Brand keuken', type: 'brand', severity: 'major', users: [{ userId: member.id }, { userId: other.id }] } }),
      201,
    );
    incidentId = incident.id as string;
  });

  const chat = async (token: string, query = '') => (await expectStatus(await call('GET', `/v1/incidents/${incidentId}/chat${query}`, { token }), 200)).items as Array<Record<string, unknown>>;

  it('is read by every participant (photos included), not by others; a retry with the client id posts once', async function () {
    this.timeout(30_000);
    const photo = await expectStatus(await call('POST', `/v1/incidents/${incidentId}/media`, { token: member.token, form: fileForm(smallPhonePhoto(), 'gang.jpg', 'image/jpeg') }), 201);
    const clientId = randomUUID();
    const observedAt = new Date(Date.now() - 30_000).toISOString();
    const first = await call('POST', `/v1/incidents/${incidentId}/chat`, { token: member.token, body: { text: 'Gang vol rook, wie heeft de sleutel?', mediaIds: [photo.id], clientId, observedAt } });
    const retry = await call('POST', `/v1/incidents/${incidentId}/chat`, { token: member.token, body: { text: 'Gang vol rook, wie heeft de sleutel?', mediaIds: [photo.id], clientId, observedAt } });
    expect([first.status, retry.status]).to.deep.equal([201, 200]);
    expect(retry.body).to.deep.equal(first.body);
    expect(first.body).to.deep.include({ text: 'Gang vol rook, wie heeft de sleutel?', clientId, observedAt, promotedEntryId: null });
    expect(first.body.author).to.deep.equal({ id: member.id, name: 'Mila Chat' });
    // Two at once with one client id: one message.
    const twice = randomUUID();
    const both = await Promise.all([1, 2].map(() => call('POST', `/v1/incidents/${incidentId}/chat`, { token: other.token, body: { text: 'Bij de receptie', clientId: twice } })));
    expect(both.map((r) => r.status).sort()).to.deep.equal([200, 201]);
    // The whole chat for every participant, whatever the log's team visibility.
    for (const reader of [coordinator, member, other]) expect((await chat(reader.token)).map((m) => m.text)).to.deep.equal(['Gang vol rook, wie heeft de sleutel?', 'Bij de receptie']);
    expect((await call('GET', `/v1/media/${photo.id}`, { token: other.token })).status).to.equal(200);
    // Not linked: no chat, no photo, no posting; another tenant: 404 as well.
    expect((await call('GET', `/v1/incidents/${incidentId}/chat`, { token: outsider.token })).status).to.equal(404);
    expect((await call('POST', `/v1/incidents/${incidentId}/chat`, { token: outsider.token, body: { text: 'Ik ook' } })).status).to.equal(404);
    expect((await call('GET', `/v1/media/${photo.id}`, { token: outsider.token })).status).to.equal(404);
    const foreign = await onboardTenant('Ander Praat');
    expect((await call('GET', `/v1/incidents/${incidentId}/chat`, { token: foreign.adminToken })).status).to.equal(404);
    // Bad input changes nothing: empty, someone else's file, a device time out of bounds.
    for (const body of [{ text: '  ' }, { text: 'x', mediaIds: [photo.id] }, { text: 'x', observedAt: new Date(Date.now() + 3600_000).toISOString() }]) {
      const bad = await call('POST', `/v1/incidents/${incidentId}/chat`, { token: other.token, body });
      expect(bad.status, JSON.stringify(body)).to.equal(400);
      expect(bad.headers.get('content-type')).to.match(/problem\+json/);
    }
    expect(await chat(coordinator.token)).to.have.length(2);
  });

  it('is live over server-sent events and loses nothing on a reconnect with Last-Event-ID', async function () {
    this.timeout(30_000);
    const url = `${env().baseUrl}/v1/incidents/${incidentId}/chat/stream`;
    const stream = await openSse(url, other.token);
    try {
      expect(stream.status).to.equal(200);
      const known = (await chat(other.token)).length;
      await stream.waitFor(known);
      await expectStatus(await call('POST', `/v1/incidents/${incidentId}/chat`, { token: member.token, body: { text: 'Sleutel gevonden' } }), 201);
      const [live] = (await stream.waitFor(known + 1)).slice(known);
      expect(live).to.deep.include({ event: 'message' });
      expect(live!.data.text).to.equal('Sleutel gevonden');
      stream.close();
      // Away: two messages; back with the last id seen: exactly those two.
      for (const text of ['Deur open', 'Rook trekt weg']) await expectStatus(await call('POST', `/v1/incidents/${incidentId}/chat`, { token: member.token, body: { text } }), 201);
      const again = await openSse(url, other.token, { 'last-event-id': live!.id! });
      try {
        const missed = await again.waitFor(2);
        expect(missed.map((e) => e.data.text)).to.deep.equal(['Deur open', 'Rook trekt weg']);
      } finally {
        again.close();
      }
    } finally {
      stream.close();
    }
    expect((await call('GET', `/v1/incidents/${incidentId}/chat/stream?follow=false`, { token: outsider.token })).status).to.equal(404);
  });

  it('is promoted to a log entry by the coordinator (citing it, chained), and goes into the report (JSON and PDF)', async function () {
    this.timeout(60_000);
    const [message] = await chat(coordinator.token);
    const path = `/v1/incidents/${incidentId}/chat/${message!.id as string}/promotion`;
    expect((await call('POST', path, { token: member.token, body: {} })).status).to.equal(403);
    const promoted = await call('POST', path, { token: coordinator.token, body: { classification: 'waarneming' } });
    expect(promoted.status, promoted.text).to.equal(201);
    expect(promoted.body).to.deep.include({ citesChatMessageId: message!.id, classification: 'waarneming' });
    expect(promoted.body.text).to.contain('Gang vol rook, wie heeft de sleutel?').and.not.contain('Mila');
    expect(promoted.body.media.map((m: { id: string }) => m.id)).to.deep.equal((message!.media as Array<{ id: string }>).map((m) => m.id));
    const again = await call('POST', path, { token: coordinator.token });
    expect(again.status).to.equal(200);
    expect(again.body.id).to.equal(promoted.body.id);
    expect((await chat(member.token))[0]).to.include({ promotedEntryId: promoted.body.id });
    expect((await call('POST', `/v1/incidents/${incidentId}/chat/${randomUUID()}/promotion`, { token: coordinator.token })).status).to.equal(404);
    const verdict = await expectStatus(await call('GET', `/v1/incidents/${incidentId}/log/verification`, { token: coordinator.token }), 200);
    expect(verdict).to.include({ valid: true });

    const report = await expectStatus(await call('GET', `/v1/incidents/${incidentId}/report?format=json`, { token: coordinator.token }), 200);
    expect(report.chat[0]).to.deep.include({ seq: 1, author: 'Mila Chat', text: 'Gang vol rook, wie heeft de sleutel?', mediaCount: 1, promotedEntrySeq: promoted.body.seq });
    expect(report.chat.map((m: { text: string }) => m.text)).to.include('Rook trekt weg');
    const pdf = await fetch(`${env().baseUrl}/v1/incidents/${incidentId}/report?format=pdf`, { headers: { authorization: `Bearer ${coordinator.token}` } });
    const parser = new PDFParse({ data: new Uint8Array(await pdf.arrayBuffer()) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).to.contain('Chat').and.contain('Rook trekt weg');
  });

  it('pseudonymises its authors on erasure, like the log, and refuses posting once the incident is closed', async function () {
    this.timeout(30_000);
    const talker = await addUser(t, ['member'], 'Wessel Wisbaar');
    await expectStatus(await call('POST', `/v1/incidents/${incidentId}/participants`, { token: coordinator.token, body: { users: [{ userId: talker.id }] } }), 200);
    const said = await expectStatus(await call('POST', `/v1/incidents/${incidentId}/chat`, { token: talker.token, body: { text: 'Ik ga naar huis' } }), 201);
    // Chat numbers stay without gaps; the promotion before took a change number of its own.
    expect([said.seq, said.changeSeq]).to.deep.equal([6, 7]);
    await expectStatus(await call('POST', `/v1/privacy/users/${talker.id}/erase`, { token: t.adminToken }), 204);
    const after = (await chat(coordinator.token)).find((m) => m.id === said.id)!;
    expect(after.text).to.equal('Ik ga naar huis');
    expect((after.author as { name: string }).name).to.not.contain('Wessel');
    const report = await expectStatus(await call('GET', `/v1/incidents/${incidentId}/report?format=json`, { token: coordinator.token }), 200);
    expect(JSON.stringify(report.chat)).to.not.contain('Wessel');

    await expectStatus(await call('POST', `/v1/incidents/${incidentId}/close`, { token: coordinator.token }), 200);
    const closed = await call('POST', `/v1/incidents/${incidentId}/chat`, { token: member.token, body: { text: 'Nog iets' } });
    expect(closed.status).to.equal(409);
    expect(closed.body.type).to.equal('/problems/incident-closed');
  });
});
