import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildPlatform } from '../../src/composition.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { expect } from 'chai';
import type { NotifyPeople } from '../../src/modules/messaging/application/notify-people.js';
import { MESSAGING_PUBLIC } from '../../src/modules/messaging/application/tokens.js';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../src/platform/privacy/personal-data.js';
import { activate, addUser, onboardTenant, signIn, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { createGroupIn } from '../helpers/operation-fixtures.js';
import { env } from '../helpers/test-env.js';
import type { FanOut } from '../../src/modules/messaging/application/fan-out.js';
import { MESSAGING_APP } from '../../src/modules/messaging/module.js';
import { eventually } from '../helpers/eventually.js';

type Member = { id: string; email: string; token: string };

async function register(member: Member, platform: string, token: string, appVersion = '2.4.1'): Promise<string> {
  const reply = await call('POST', '/v1/me/devices', { token: member.token, body: { platform, token, appVersion } });
  expect(reply.status, reply.text).to.equal(201);
  return reply.body.id as string;
}

async function send(tenant: OnboardedTenant, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reply = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'Bericht', body: 'Tekst', ...body } });
  expect(reply.status, reply.text).to.equal(201);
  return reply.body as Record<string, unknown>;
}

async function counts(tenant: OnboardedTenant, messageId: string): Promise<Record<string, unknown> & { devices: Record<string, number>; answers: Record<string, number> }> {
  const reply = await call('GET', `/v1/messages/${messageId}`, { token: tenant.adminToken });
  expect(reply.status, reply.text).to.equal(200);
  return reply.body.counts;
}

describe('messaging: messages, call-ups, inbox and devices through HTTP', () => {
  let tenant: OnboardedTenant;
  let anna: Member;
  let bram: Member;
  let team: string;

  before(async function () {
    this.timeout(60_000);
    tenant = await onboardTenant('Berichten');
    anna = await addUser(tenant, ['member'], 'Anna de Vries');
    bram = await addUser(tenant, ['member'], 'Bram Jansen');
    team = await createGroupIn(tenant);
    expect((await call('PUT', `/v1/groups/${team}/members/${anna.id}`, { token: tenant.adminToken })).status).to.equal(204);
  });

  it('sends to a group: every device of every recipient is pushed once, and the recipients are fixed at send time', async () => {
    const annaPhone = `fcm-${randomUUID()}`;
    const annaTablet = `apns-${randomUUID()}`;
    const bramPhone = `fcm-${randomUUID()}`;
    await register(anna, 'android', annaPhone);
    await register(anna, 'ios', annaTablet);
    await register(bram, 'android', bramPhone);
    const message = await send(tenant, { title: 'Ontruiming', body: 'Verlaat het gebouw via de noorduitgang.', priority: 'urgent', audience: { groupIds: [team] } });
    expect(message).to.include({ status: 'sent', recipientCount: 1, kind: 'message' });
    // Bram joins the team afterwards: he does not get the message sent before.
    expect((await call('PUT', `/v1/groups/${team}/members/${bram.id}`, { token: tenant.adminToken })).status).to.equal(204);
    await eventually('both of Anna’s devices', async () => (await counts(tenant, message.id as string)).devices.sent === 2);
    expect(env().push.to(annaPhone)).to.have.length(1);
    expect(env().push.to(annaTablet)).to.have.length(1);
    expect(env().push.to(annaPhone)[0]).to.include({ title: 'Ontruiming', priority: 'urgent', deliveryKey: `${message.id as string}:${env().push.to(annaPhone)[0]!.deliveryKey.split(':')[1]!}` });
    expect(env().push.to(bramPhone)).to.have.length(0);
    const bramInbox = await call('GET', '/v1/me/inbox', { token: bram.token });
    expect(bramInbox.body.items.map((m: { id: string }) => m.id)).to.not.include(message.id);
    const stats = await counts(tenant, message.id as string);
    expect(stats).to.deep.include({ recipients: 1, delivered: 1, read: 0, answered: 0 });
    expect((await call('DELETE', `/v1/groups/${team}/members/${bram.id}`, { token: tenant.adminToken })).status).to.equal(204);
  });

  it('disables a device whose token the provider refuses, and retries a throttled push until it is delivered once', async () => {
    const carla = await addUser(tenant, ['member'], 'Carla');
    const dead = await register(carla, 'ios', `invalid-${randomUUID()}`);
    const busy = `throttle-${randomUUID()}`;
    await register(carla, 'android', busy);
    const message = await send(tenant, { audience: { userIds: [carla.id] } });
    await eventually('the retried delivery', async () => {
      const c = await counts(tenant, message.id as string);
      return c.devices.sent === 1 && c.devices.failed === 1 && c.devices.queued === 0;
    });
    expect(env().push.to(busy)).to.have.length(1);
    const responses = await call('GET', `/v1/messages/${message.id as string}/responses`, { token: tenant.adminToken });
    expect(responses.status, responses.text).to.equal(200);
    expect(responses.body.items[0].devices).to.have.deep.members([
      { platform: 'ios', status: 'failed', reason: 'Unregistered' },
      { platform: 'android', status: 'sent', reason: null },
    ]);
    const devices = await call('GET', '/v1/me/devices', { token: carla.token });
    const disabled = devices.body.items.find((d: { id: string }) => d.id === dead);
    expect(disabled).to.include({ active: false });
    expect(devices.body.items[0]).to.not.have.property('token');
    // A disabled device gets nothing from the next message.
    const next = await send(tenant, { audience: { userIds: [carla.id] } });
    await eventually('the next message', async () => (await counts(tenant, next.id as string)).devices.sent === 1);
    expect((await counts(tenant, next.id as string)).devices.failed).to.equal(0);
  });

  it('retries a throttled push no sooner than the provider’s Retry-After, then delivers it once', async () => {
    // A tenant of its own, so the audiences of the other tests stay as they are.
    const throttled = await onboardTenant('Vertraagde levering');
    const dora = await addUser(throttled, ['member'], 'Dora');
    const slow = `retry-after-${randomUUID()}`;
    await register(dora, 'android', slow);
    const message = await send(throttled, { audience: { userIds: [dora.id] } });
    await eventually('the delivery after the Retry-After', async () => (await counts(throttled, message.id as string)).devices.sent === 1);
    const attempts = env().push.attempts.get(slow)!;
    expect(attempts).to.have.length(2);
    // The suite's backoff is 50 ms; the provider asked for one second.
    expect(attempts[1]! - attempts[0]!).to.be.at.least(1000);
    expect(env().push.to(slow)).to.have.length(1);
  });

  it('leaves a push waiting for its Retry-After to its delayed job, even for a sweep that saw the queue empty just before', async () => {
    const throttled = await onboardTenant('Vertraagde levering bij een sweep');
    const eva = await addUser(throttled, ['member'], 'Eva');
    const slow = `retry-after-${randomUUID()}`;
    await register(eva, 'android', slow);
    // What a sweep saw when it found the queue empty, before this message existed.
    const seenEmptyAt = env().clock.now();
    const message = await send(throttled, { audience: { userIds: [eva.id] } });
    await eventually('the throttled first push, queued again', async () => (env().push.attempts.get(slow)?.length ?? 0) === 1 && (await counts(throttled, message.id as string)).devices.queued === 1);
    // That sweep reaches this tenant only now: the retried row was queued after the queue was seen empty, so its job still holds it.
    const fanOut = env().platform.container.get<FanOut>(MESSAGING_APP.FanOut);
    expect(await fanOut.recover(throttled.id, seenEmptyAt)).to.equal(0);
    await eventually('the delivery after the Retry-After', async () => (await counts(throttled, message.id as string)).devices.sent === 1);
    const attempts = env().push.attempts.get(slow)!;
    expect(attempts).to.have.length(2);
    expect(attempts[1]! - attempts[0]!).to.be.at.least(1000);
  });

  it('sends to everyone, with answer options as a call-up; answers are changeable and counted per option with who answered what', async () => {
    const callUp = await send(tenant, { title: 'Opkomst crisisteam', answerOptions: ['beschikbaar', 'over 30 minuten', 'niet beschikbaar'], audience: { everyone: true } });
    expect(callUp).to.include({ kind: 'call_up', recipientCount: 4 });
    const id = callUp.id as string;
    expect((await call('PUT', `/v1/me/inbox/${id}/answer`, { token: anna.token, body: { option: 'over 30 minuten' } })).body).to.deep.equal({ answer: 'over 30 minuten' });
    expect((await call('PUT', `/v1/me/inbox/${id}/answer`, { token: anna.token, body: { option: 'Beschikbaar' } })).body).to.deep.equal({ answer: 'beschikbaar' });
    expect((await call('PUT', `/v1/me/inbox/${id}/answer`, { token: bram.token, body: { option: 'niet beschikbaar' } })).status).to.equal(200);
    const unknown = await call('PUT', `/v1/me/inbox/${id}/answer`, { token: bram.token, body: { option: 'misschien' } });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.type).to.equal('/problems/message-unknown-answer');
    const stats = await counts(tenant, id);
    expect(stats).to.deep.include({ recipients: 4, answered: 2, read: 2 });
    expect(stats.answers).to.deep.equal({ beschikbaar: 1, 'niet beschikbaar': 1 });

    const responses = await call('GET', `/v1/messages/${id}/responses?answer=beschikbaar`, { token: tenant.adminToken });
    expect(responses.status, responses.text).to.equal(200);
    expect(responses.body.items).to.have.length(1);
    expect(responses.body.items[0]).to.include({ userId: anna.id, name: 'Anna de Vries', answer: 'beschikbaar' });
    const audit = await call('GET', `/v1/audit-events?action=personal_data.read&subjectId=${anna.id}`, { token: tenant.adminToken });
    expect(audit.status, audit.text).to.equal(200);
    expect(audit.body.items.some((e: { details: { category?: string }; actorId: string }) => e.details.category === 'message_responses' && e.actorId === tenant.adminId)).to.equal(true);
  });

  it('keeps every inbox to its member: newest first with paging, unread count, read receipts', async () => {
    const first = await send(tenant, { title: 'Eerste', audience: { userIds: [anna.id, bram.id] } });
    const second = await send(tenant, { title: 'Tweede', audience: { userIds: [anna.id] } });
    const page = await call('GET', '/v1/me/inbox?page=1&pageSize=2', { token: anna.token });
    expect(page.status, page.text).to.equal(200);
    expect(page.body.items.map((m: { title: string }) => m.title)).to.deep.equal(['Tweede', 'Eerste']);
    const unreadBefore = page.body.unread as number;
    expect((await call('POST', `/v1/me/inbox/${second.id as string}/read`, { token: anna.token })).status).to.equal(204);
    const after = await call('GET', '/v1/me/inbox?pageSize=1', { token: anna.token });
    expect(after.body.unread).to.equal(unreadBefore - 1);
    expect(after.body.items[0].readAt).to.be.a('string');
    expect((await counts(tenant, second.id as string)).read).to.equal(1);
    // Bram never sees Anna's message: not in his list, not by id, cannot mark or answer it.
    const bramInbox = await call('GET', '/v1/me/inbox?pageSize=200', { token: bram.token });
    expect(bramInbox.body.items.map((m: { id: string }) => m.id)).to.include(first.id).and.not.include(second.id);
    for (const [method, path, body] of [
      ['GET', `/v1/me/inbox/${second.id as string}`, undefined],
      ['POST', `/v1/me/inbox/${second.id as string}/read`, undefined],
    ] as const) {
      const reply = await call(method, path, { token: bram.token, ...(body ? { body } : {}) });
      expect(reply.status, reply.text).to.equal(404);
    }
  });

  it('refuses a call-up answer from a non-recipient (404), to a plain message (409) and after the call-up closed (409)', async () => {
    const closesAt = new Date(Date.now() + 60_000).toISOString();
    const callUp = await send(tenant, { answerOptions: ['ja', 'nee'], audience: { userIds: [anna.id] }, closesAt });
    const stranger = await call('PUT', `/v1/me/inbox/${callUp.id as string}/answer`, { token: bram.token, body: { option: 'ja' } });
    expect(stranger.status, stranger.text).to.equal(404);
    expect(stranger.headers.get('content-type')).to.match(/problem\+json/);
    const plain = await send(tenant, { audience: { userIds: [anna.id] } });
    const notCallUp = await call('PUT', `/v1/me/inbox/${plain.id as string}/answer`, { token: anna.token, body: { option: 'ja' } });
    expect(notCallUp.status).to.equal(409);
    env().clock.advance(120_000);
    try {
      const closed = await call('PUT', `/v1/me/inbox/${callUp.id as string}/answer`, { token: anna.token, body: { option: 'ja' } });
      expect(closed.status).to.equal(409);
      expect(closed.body.type).to.equal('/problems/message-call-up-closed');
    } finally {
      env().clock.reset();
    }
    expect((await counts(tenant, callUp.id as string)).answered).to.equal(0);
  });

  it('schedules a message for later, sends it when due, and cancels one before it goes', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const scheduled = await send(tenant, { title: 'Later', audience: { userIds: [bram.id] }, scheduledAt: soon });
    const cancelled = await send(tenant, { title: 'Geannuleerd', audience: { userIds: [bram.id] }, scheduledAt: soon });
    expect(scheduled).to.include({ status: 'scheduled', sentAt: null });
    const cancel = await call('POST', `/v1/messages/${cancelled.id as string}/cancel`, { token: tenant.adminToken });
    expect(cancel.status, cancel.text).to.equal(200);
    expect(cancel.body.status).to.equal('cancelled');
    expect((await call('POST', `/v1/messages/${cancelled.id as string}/cancel`, { token: tenant.adminToken })).status).to.equal(409);
    const titles = async () => (await call('GET', '/v1/me/inbox?pageSize=200', { token: bram.token })).body.items.map((m: { title: string }) => m.title) as string[];
    expect(await titles()).to.not.include('Later');
    // The worker's sweep (every second in tests) sends it once it is due.
    await eventually('the scheduled message to go out', async () => (await titles()).includes('Later'));
    const sent = await call('GET', `/v1/messages/${scheduled.id as string}`, { token: tenant.adminToken });
    expect(sent.body.message.status).to.equal('sent');
    expect(await titles()).to.not.include('Geannuleerd');
    const alreadySent = await call('POST', `/v1/messages/${scheduled.id as string}/cancel`, { token: tenant.adminToken });
    expect(alreadySent.status).to.equal(409);
  });

  it('fixes a scheduled message to whom its audience reaches when it goes out, not when it was scheduled', async () => {
    const crew = await createGroupIn(tenant);
    const early = await addUser(tenant, ['member'], 'Eva Vroeg');
    const late = await addUser(tenant, ['member'], 'Lars Laat');
    expect((await call('PUT', `/v1/groups/${crew}/members/${early.id}`, { token: tenant.adminToken })).status).to.equal(204);
    const scheduled = await send(tenant, { title: 'Dienstwissel', audience: { groupIds: [crew] }, scheduledAt: new Date(Date.now() + 1500).toISOString() });
    expect(scheduled).to.include({ status: 'scheduled', recipientCount: 1 });
    // Before it goes out, Lars joins the crew and Eva leaves it.
    expect((await call('PUT', `/v1/groups/${crew}/members/${late.id}`, { token: tenant.adminToken })).status).to.equal(204);
    expect((await call('DELETE', `/v1/groups/${crew}/members/${early.id}`, { token: tenant.adminToken })).status).to.equal(204);
    const inboxTitles = async (who: Member) => (await call('GET', '/v1/me/inbox?pageSize=200', { token: who.token })).body.items.map((m: { title: string }) => m.title) as string[];
    await eventually('the scheduled message to go out', async () => (await inboxTitles(late)).includes('Dienstwissel'));
    expect(await inboxTitles(early)).to.not.include('Dienstwissel');
    const sent = await call('GET', `/v1/messages/${scheduled.id as string}`, { token: tenant.adminToken });
    expect(sent.body.message).to.include({ status: 'sent', recipientCount: 1 });
  });

  it('shows another tenant none of it: lists, ids, audiences, statistics', async () => {
    const other = await onboardTenant('Andere organisatie');
    const mine = await send(tenant, { title: 'Alleen voor ons', answerOptions: ['ja', 'nee'], audience: { userIds: [anna.id] } });
    const theirs = await call('GET', '/v1/messages?pageSize=200', { token: other.adminToken });
    expect(theirs.body.items.map((m: { id: string }) => m.id)).to.not.include(mine.id);
    expect((await call('GET', '/v1/me/inbox?pageSize=200', { token: other.adminToken })).body.items).to.deep.equal([]);
    expect((await call('GET', `/v1/messages/${mine.id as string}/responses`, { token: other.adminToken })).status).to.equal(404);
    // A user of this tenant cannot be put in another tenant's audience.
    const foreign = await call('POST', '/v1/messages', { token: other.adminToken, body: { title: 'x', body: 'y', audience: { userIds: [anna.id] } } });
    expect(foreign.status).to.equal(400);
    expect(foreign.body.errors[0].pointer).to.equal('/body/audience/userIds/0');
    expect((await call('GET', '/v1/me/devices', { token: other.adminToken })).body.items).to.deep.equal([]);
  });

  it('refuses bad messages with problem+json and changes nothing', async () => {
    const before = (await call('GET', '/v1/messages?pageSize=200', { token: tenant.adminToken })).body.total as number;
    for (const body of [
      { title: 'x', body: 'y', audience: {} },
      { title: 'x', body: 'y', answerOptions: ['alleen'], audience: { everyone: true } },
      { title: 'x', body: 'y', audience: { groupIds: [randomUUID()] } },
      { title: 'x', body: 'y', audience: { everyone: true }, scheduledAt: '2001-01-01T00:00:00Z' },
      { title: '', body: 'y', audience: { everyone: true } },
    ]) {
      const reply = await call('POST', '/v1/messages', { token: tenant.adminToken, body });
      expect(reply.status, JSON.stringify(body)).to.equal(400);
      expect(reply.headers.get('content-type')).to.match(/problem\+json/);
    }
    expect((await call('GET', '/v1/messages?pageSize=200', { token: tenant.adminToken })).body.total).to.equal(before);
    const member = await call('POST', '/v1/messages', { token: anna.token, body: { title: 'x', body: 'y', audience: { everyone: true } } });
    expect(member.status).to.equal(403);
  });

  it('streams the sender’s statistics live over server-sent events, right whichever api process serves the stream', async () => {
    const callUp = await send(tenant, { answerOptions: ['ja', 'nee'], audience: { userIds: [anna.id, bram.id] } });
    // The stream comes from a second api process (its own platform and pool on the same database);
    // the answer goes through the first: the stream must still see it.
    const second = await buildPlatform(env().config, env().database, createLogger('silent'));
    const server = second.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/v1/messages/${callUp.id as string}/stats/stream?seconds=5`, { headers: { authorization: `Bearer ${tenant.adminToken}` } });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/text\/event-stream/);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const frames = (): Array<{ counts: { answered: number } }> =>
        text
          .split('\n\n')
          .filter((f) => f.startsWith('event: stats'))
          .map((f) => JSON.parse(f.split('\ndata: ')[1]!) as { counts: { answered: number } });
      const readUntil = async (done: () => boolean): Promise<void> => {
        while (!done()) {
          const chunk = await reader.read();
          if (chunk.done) throw new Error(`stream ended early: ${text}`);
          text += decoder.decode(chunk.value, { stream: true });
        }
      };
      await readUntil(() => frames().length >= 1);
      expect(frames()[0]!.counts.answered).to.equal(0);
      expect((await call('PUT', `/v1/me/inbox/${callUp.id as string}/answer`, { token: bram.token, body: { option: 'nee' } })).status).to.equal(200);
      await readUntil(() => frames().some((f) => f.counts.answered === 1));
      await reader.cancel();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await second.close();
    }
  });

  it('registers, lists and unregisters devices; a token registered again moves instead of doubling', async () => {
    const token = `fcm-${randomUUID()}`;
    const first = await register(anna, 'android', token, '2.4.0');
    const again = await register(bram, 'android', token, '2.5.0');
    expect(again).to.equal(first);
    expect((await call('GET', '/v1/me/devices', { token: anna.token })).body.items.map((d: { id: string }) => d.id)).to.not.include(first);
    expect((await call('DELETE', `/v1/me/devices/${first}`, { token: anna.token })).status).to.equal(404);
    expect((await call('DELETE', `/v1/me/devices/${first}`, { token: bram.token })).status).to.equal(204);
    const badWeb = await call('POST', '/v1/me/devices', { token: anna.token, body: { platform: 'web', token: 'not-a-subscription', appVersion: '1.0.0' } });
    expect(badWeb.status).to.equal(400);
  });

  it('answers 426 with what to update when the app is older than the tenant’s minimum for its platform', async () => {
    const other = await onboardTenant('Versies');
    const member = await addUser(other, ['member']);
    const set = await call('PUT', '/v1/settings/app-versions', { token: other.adminToken, body: { ios: '2.10.0' } });
    expect(set.status, set.text).to.equal(200);
    expect((await call('GET', '/v1/settings/app-versions', { token: member.token })).body).to.deep.equal({ ios: '2.10.0' });
    const old = await call('POST', '/v1/me/devices', { token: member.token, body: { platform: 'ios', token: `apns-${randomUUID()}`, appVersion: '2.9.9' } });
    expect(old.status, old.text).to.equal(426);
    expect(old.headers.get('content-type')).to.match(/problem\+json/);
    expect(old.body).to.include({ type: '/problems/app-update-required', title: 'Update your app' });
    expect(old.body.detail).to.contain('version 2.10.0 or newer in the App Store').and.contain('update iOS first');
    const oldApp = await call('GET', '/v1/me/inbox', { token: member.token, headers: { 'x-app-platform': 'ios', 'x-app-version': '2.9' } });
    expect(oldApp.status).to.equal(426);
    const current = await call('GET', '/v1/me/inbox', { token: member.token, headers: { 'x-app-platform': 'ios', 'x-app-version': '2.10.1' } });
    expect(current.status).to.equal(200);
    const android = await call('GET', '/v1/me/inbox', { token: member.token, headers: { 'x-app-platform': 'android', 'x-app-version': '1.0' } });
    expect(android.status).to.equal(200);
    expect((await call('POST', '/v1/me/devices', { token: member.token, body: { platform: 'ios', token: `apns-${randomUUID()}`, appVersion: '2.10.0' } })).status).to.equal(201);
    // Another tenant's minimum does not apply here.
    expect((await call('GET', '/v1/me/inbox', { token: anna.token, headers: { 'x-app-platform': 'ios', 'x-app-version': '2.9' } })).status).to.equal(200);
  });

  it('tells people what another module asks, in its words cut to a message, in the caller’s transaction', async () => {
    const notify = env().platform.container.get<NotifyPeople>(MESSAGING_PUBLIC.NotifyPeople);
    const about = `elsewhere:${randomUUID()}`;
    const long = 'Lang '.repeat(30);
    await env().platform.uow.run(tenant.id, async () => {
      await notify.execute({ tenantId: tenant.id, senderId: tenant.adminId, userIds: [anna.id], title: long, body: 'U bent gekoppeld als logger.', priority: 'urgent', source: about });
      await notify.execute({ tenantId: tenant.id, senderId: tenant.adminId, userIds: [bram.id], title: 'Actie: informeer de buren', body: 'Graag voor 14:00.', priority: 'normal', source: about });
    });
    const annaInbox = await call('GET', '/v1/me/inbox', { token: anna.token });
    expect(annaInbox.body.items[0]).to.include({ title: `${long.slice(0, 119).trimEnd()}…`, priority: 'urgent' });
    const bramInbox = await call('GET', '/v1/me/inbox', { token: bram.token });
    expect(bramInbox.body.items[0]).to.include({ title: 'Actie: informeer de buren' });
    const sent = await call('GET', '/v1/messages?pageSize=200', { token: tenant.adminToken });
    expect(sent.body.items.filter((m: { source: string | null }) => m.source === about)).to.have.length(2);
    // A rolled-back caller leaves no message behind.
    await env()
      .platform.uow.run(tenant.id, async () => {
        await notify.execute({ tenantId: tenant.id, senderId: tenant.adminId, userIds: [bram.id], title: 'Teruggedraaid', body: 'x', priority: 'normal', source: about });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const after = await call('GET', '/v1/me/inbox?pageSize=200', { token: bram.token });
    expect(after.body.items.map((m: { title: string }) => m.title)).to.not.include('Teruggedraaid');
    // Telling only people who are deactivated does not undo the caller's change: there is nobody to tell.
    const gone = await addUser(tenant, ['member'], 'Uit dienst');
    expect((await call('POST', `/v1/users/${gone.id}/deactivate`, { token: tenant.adminToken })).status).to.be.within(200, 204);
    const committed = await env().platform.uow.run(tenant.id, async () => {
      await notify.execute({ tenantId: tenant.id, senderId: tenant.adminId, userIds: [gone.id], title: 'Incident', body: 'x', priority: 'normal', source: about });
      return 'committed';
    });
    expect(committed).to.equal('committed');
  });

  it('exports and erases a person’s messaging data through the personal-data holder', async () => {
    const dora = await addUser(tenant, ['member'], 'Dora');
    await register(dora, 'android', `fcm-${randomUUID()}`);
    const callUp = await send(tenant, { title: 'Privacy', answerOptions: ['ja', 'nee'], audience: { userIds: [dora.id, anna.id] } });
    expect((await call('PUT', `/v1/me/inbox/${callUp.id as string}/answer`, { token: dora.token, body: { option: 'ja' } })).status).to.equal(200);
    const holder = env()
      .platform.container.getAll<PersonalDataHolder>(PERSONAL_DATA.Holder)
      .find((h) => h.category === 'messages')!;
    const exported = await env().platform.uow.run(tenant.id, () => holder.exportSubject({ tenantId: tenant.id, userId: dora.id }));
    expect(exported.find((row) => row.type === 'message_received' && row.messageId === callUp.id)).to.include({ answer: 'ja', title: 'Privacy' });
    expect(exported.filter((row) => row.type === 'device')).to.have.length(1);
    await env().platform.uow.run(tenant.id, () => holder.eraseSubject({ tenantId: tenant.id, userId: dora.id, pseudonym: 'Persoon 1' }));
    const afterwards = await env().platform.uow.run(tenant.id, () => holder.exportSubject({ tenantId: tenant.id, userId: dora.id }));
    expect(afterwards).to.deep.equal([]);
    expect((await call('GET', '/v1/me/devices', { token: dora.token })).body.items).to.deep.equal([]);
    // The statistics keep the anonymous count.
    const stats = await counts(tenant, callUp.id as string);
    expect(stats).to.deep.include({ recipients: 2, answered: 1 });
    const responses = await call('GET', `/v1/messages/${callUp.id as string}/responses`, { token: tenant.adminToken });
    expect(responses.body.items.map((r: { userId: string }) => r.userId)).to.not.include(dora.id);
  });
});

describe('messaging: only active users are recipients', () => {
  it('counts, pushes and delivers to active users only; an audience of invited users alone is refused and stores nothing', async function () {
    this.timeout(60_000);
    const tenant = await onboardTenant('Bereik');
    const dirk = await addUser(tenant, ['member'], 'Dirk Actief');
    const ilseEmail = `ilse@${tenant.slug}.test`;
    const invited = await call('POST', '/v1/users', { token: tenant.adminToken, body: { email: ilseEmail, name: 'Ilse Uitgenodigd', roles: ['member'] } });
    expect(invited.status, invited.text).to.equal(201);
    expect(invited.body.status).to.equal('invited');
    const ilse = invited.body.id as string;
    const team = await createGroupIn(tenant);
    for (const id of [dirk.id, ilse]) expect((await call('PUT', `/v1/groups/${team}/members/${id}`, { token: tenant.adminToken })).status).to.equal(204);

    const everyone = await send(tenant, { title: 'Iedereen', audience: { everyone: true } });
    expect(everyone.recipientCount).to.equal(2); // the admin and Dirk; not Ilse
    expect(await counts(tenant, everyone.id as string)).to.deep.include({ recipients: 2 });
    const group = await send(tenant, { title: 'Team', audience: { groupIds: [team] } });
    expect(group.recipientCount).to.equal(1);
    expect(await counts(tenant, group.id as string)).to.deep.include({ recipients: 1 });
    const scheduled = await send(tenant, { title: 'Later', audience: { groupIds: [team] }, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(scheduled.recipientCount).to.equal(1);
    expect((await call('POST', `/v1/messages/${scheduled.id as string}/cancel`, { token: tenant.adminToken })).status).to.be.within(200, 204);

    const before = (await call('GET', '/v1/messages?pageSize=200', { token: tenant.adminToken })).body.total as number;
    for (const audience of [{ userIds: [ilse] }, { groupIds: [await createGroupWith(tenant, ilse)] }]) {
      const refused = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'x', body: 'y', audience } });
      expect(refused.status, refused.text).to.equal(400);
      expect(refused.headers.get('content-type')).to.match(/problem\+json/);
      expect(refused.body.type).to.equal('/problems/message-no-recipients');
      expect(refused.body.detail).to.match(/no active user.*invited/);
    }
    expect((await call('GET', '/v1/messages?pageSize=200', { token: tenant.adminToken })).body.total).to.equal(before);

    // Activating later does not hand her the messages that went out before.
    await activate(ilseEmail);
    const inbox = await call('GET', '/v1/me/inbox', { token: await signIn(tenant.slug, ilseEmail) });
    expect(inbox.status, inbox.text).to.equal(200);
    expect(inbox.body.items).to.deep.equal([]);
  });
});

async function createGroupWith(tenant: OnboardedTenant, userId: string): Promise<string> {
  const group = await createGroupIn(tenant);
  expect((await call('PUT', `/v1/groups/${group}/members/${userId}`, { token: tenant.adminToken })).status).to.equal(204);
  return group;
}
