import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { cmReport, fakeCm } from '../helpers/fake-sms-provider.js';
import { env } from '../helpers/test-env.js';
import { eventually } from '../helpers/eventually.js';

type Member = { id: string; email: string; token: string };
type Channel = { channel: string; status: string; reason: string | null; at: string };
type Response = { userId: string; channels: Channel[]; answeredVia: string | null };

const PRODUCT_TOKEN = randomUUID();
const SECRET = `dlr-${randomUUID()}`;

/**
 * SMS fallback through the CM.com adapter against a local CM gateway: a second process (api and
 * worker on the same database) with SMS configured and a daily budget of 2 texts.
 */
describe('call-ups: SMS for whom push does not reach, through CM.com, within the daily budget', function () {
  this.timeout(60_000);
  let tenant: OnboardedTenant;
  let cm: Awaited<ReturnType<typeof fakeCm>>;
  let second: Platform;
  let server: Server;
  let callback: string;

  before(async () => {
    cm = await fakeCm(PRODUCT_TOKEN);
    second = await buildPlatform(
      { ...env().config, SMS_PROVIDER: 'cm', CM_PRODUCT_TOKEN: PRODUCT_TOKEN, CM_ENDPOINT: cm.url, CM_SENDER: 'Crisisteam', SMS_CALLBACK_SECRET: SECRET, SMS_DAILY_BUDGET: 2, SMS_UNANSWERED_AFTER_SECONDS: 0 },
      env().database,
      createLogger('silent'),
      { clock: env().clock, push: env().push },
    );
    second.startWorker();
    server = second.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    callback = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/callbacks/sms`;
    tenant = await onboardTenant('Sms-oproepen');
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await second.stopWorker();
    await second.close();
    await cm.close();
  });

  async function member(name: string, phone: string | null): Promise<Member> {
    const person = await addUser(tenant, ['member'], name);
    if (phone) {
      const reply = await call('PATCH', `/v1/users/${person.id}`, { token: tenant.adminToken, body: { phone } });
      expect(reply.status, reply.text).to.equal(200);
    }
    return person;
  }

  const report = (body: unknown, token = SECRET) => fetch(`${callback}/${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // Shared with the answer-link test: the first call-up and its members.
  let callUpId: string;
  let texted: Member[];

  it('texts those without a device in E.164, records a bad number, stops at the budget, and records the delivery reports', async () => {
    const anna = await member('Anna', '+31 6 11111111');
    const annaPhone = `fcm-${randomUUID()}`;
    expect((await call('POST', '/v1/me/devices', { token: anna.token, body: { platform: 'android', token: annaPhone, appVersion: '2.4.1' } })).status).to.equal(201);
    const bram = await member('Bram', '06 12345678');
    const carla = await member('Carla', '12-34-56');
    const dora = await member('Dora', '+31 6 2222 3333');
    const erik = await member('Erik', '+31 6 44445555');
    const sent = await call('POST', '/v1/messages', {
      token: tenant.adminToken,
      body: { title: 'Opkomst', body: 'Kom naar de crisiskamer.', answerOptions: ['beschikbaar', 'niet beschikbaar'], audience: { userIds: [anna.id, bram.id, carla.id, dora.id, erik.id] } },
    });
    expect(sent.status, sent.text).to.equal(201);
    const id = sent.body.id as string;
    callUpId = id;
    texted = [bram, dora, erik];
    const responses = async (): Promise<Map<string, Response>> => {
      const reply = await call('GET', `/v1/messages/${id}/responses`, { token: tenant.adminToken });
      expect(reply.status, reply.text).to.equal(200);
      return new Map((reply.body.items as Response[]).map((r) => [r.userId, r]));
    };
    const settled = await eventually(
      'every fallback decided',
      async () => {
        const rows = await responses();
        return [bram, carla, dora, erik].every((p) => rows.get(p.id)!.channels.some((c) => !['queued', 'sending'].includes(c.status))) ? rows : null;
      },
      20_000,
      200,
    );
    // Anna's push went out: she gets no text.
    expect(settled.get(anna.id)!.channels).to.deep.equal([]);
    expect(settled.get(carla.id)!.channels[0]).to.include({ channel: 'sms', status: 'failed', reason: 'no valid phone number' });
    const statuses = [bram, dora, erik].map((p) => settled.get(p.id)!.channels[0]!.status).sort();
    // Two texts fit today's budget (Carla's number cost nothing); the third is recorded, not sent.
    expect(statuses).to.deep.equal(['budget_exhausted', 'sent', 'sent']);
    expect(cm.texts).to.have.length(2);
    expect(cm.texts.map((t) => t.number).every((n) => ['0031612345678', '0031622223333', '0031644445555'].includes(n))).to.equal(true);
    expect(cm.texts[0]).to.include({ from: 'Crisisteam' });
    expect(cm.texts[0]!.content).to.match(/^Opkomst\nKom naar de crisiskamer\.\nAntwoord \/ Answer: http:\/\/\S+\/a\/[A-Za-z0-9_-]{43}$/);
    const stats = await call('GET', `/v1/messages/${id}`, { token: tenant.adminToken });
    expect(stats.body.counts.sms).to.deep.equal({ sent: 2, failed: 1, budget_exhausted: 1 });

    // The provider's reports: one delivered, one failed with the operator's reason.
    const [first, secondText] = cm.texts;
    expect((await report(cmReport(first!.reference, '2'))).status).to.equal(204);
    expect((await report(cmReport(secondText!.reference, '3', 'Absent subscriber'))).status).to.equal(204);
    // A late "accepted by the operator" does not undo "delivered".
    expect((await report(cmReport(first!.reference, '0'))).status).to.equal(204);
    const after = await responses();
    const outcomes = [bram, dora, erik].map((p) => after.get(p.id)!.channels[0]!);
    expect(outcomes.map((c) => c.status).sort()).to.deep.equal(['budget_exhausted', 'delivered', 'failed']);
    expect(outcomes.find((c) => c.status === 'failed')!.reason).to.equal('cm 3: Absent subscriber');

    // Sweeps go on: nobody gets a second text.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(cm.texts).to.have.length(2);
  });

  it('answers a wrong or missing token like a missing address, and a body that is no report with 400', async () => {
    const wrong = await report(cmReport('x'.repeat(32), '2'), 'not-the-secret');
    expect(wrong.status).to.equal(404);
    expect(wrong.headers.get('content-type')).to.match(/application\/problem\+json/);
    const bad = await report({ messages: { msg: { reference: 'abc', status: { code: '7' } } } });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/application\/problem\+json/);
    // The process without a provider has no callback at all.
    const none = await call('POST', `/v1/callbacks/sms/${SECRET}`, { body: cmReport('x'.repeat(32), '2') });
    expect(none.status).to.equal(404);
    // An unknown reference is ignored, not an error for the provider to retry.
    expect((await report(cmReport('A'.repeat(32), '2'))).status).to.equal(204);
  });

  it('answers through the one-tap link in the text without signing in: the same answer as from the app, until the call-up closes', async () => {
    const linkOf = (content: string): string => new URL(/Answer: (\S+)$/.exec(content)![1]!).pathname;
    const [first, other] = cm.texts.map((t) => linkOf(t.content));
    const token = first!.slice('/a/'.length);
    // The page: the call-up's text and options, nobody's name; any api process serves it.
    const page = await fetch(`${env().baseUrl}${first!}`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(page.headers.get('cache-control')).to.equal('no-store');
    const html = await page.text();
    expect(html).to.include('Opkomst').and.include('Kom naar de crisiskamer.').and.include('value="beschikbaar"').and.include('value="niet beschikbaar"');
    for (const name of ['Anna', 'Bram', 'Carla', 'Dora', 'Erik', 'Sms-oproepen']) expect(html).to.not.include(name);

    // One tap: the form posts the option, the page comes back with it.
    const tapped = await fetch(`${env().baseUrl}${first!}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'option=beschikbaar' });
    expect(tapped.status).to.equal(303);
    expect(await (await fetch(`${env().baseUrl}${first!}`)).text()).to.match(/aria-pressed="true">beschikbaar</);
    const unknown = await fetch(`${env().baseUrl}${first!}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'option=misschien' });
    expect(unknown.status).to.equal(400);
    expect(await unknown.text()).to.include('role="alert"');

    // The contract's side of the same link; changing the answer is the app's rule too.
    const shown = await call('GET', `/v1/answer-links/${token}`);
    expect(shown.status, shown.text).to.equal(200);
    expect(shown.body).to.deep.equal({ title: 'Opkomst', body: 'Kom naar de crisiskamer.', answerOptions: ['beschikbaar', 'niet beschikbaar'], closesAt: null, answer: 'beschikbaar', answeredAt: shown.body.answeredAt });
    const otherToken = other!.slice('/a/'.length);
    expect((await call('PUT', `/v1/answer-links/${otherToken}/answer`, { body: { option: 'niet beschikbaar' } })).body).to.deep.equal({ answer: 'niet beschikbaar' });
    expect((await call('PUT', `/v1/answer-links/${otherToken}/answer`, { body: { option: 'maybe' } })).status).to.equal(400);

    // The sender sees the answers as any other, with the channel they came through.
    const stats = await call('GET', `/v1/messages/${callUpId}`, { token: tenant.adminToken });
    expect(stats.body.counts.answers).to.deep.equal({ beschikbaar: 1, 'niet beschikbaar': 1 });
    const rows = (await call('GET', `/v1/messages/${callUpId}/responses`, { token: tenant.adminToken })).body.items as Array<Response & { answer: string | null }>;
    const answered = rows.filter((r) => r.answer !== null);
    expect(answered.map((r) => r.answeredVia)).to.deep.equal(['sms', 'sms']);
    expect(answered.every((r) => texted.some((p) => p.id === r.userId))).to.equal(true);

    // A token altered by one character, or claiming another organisation, is no link.
    // Changed in the middle: the last of 43 base64url characters carries 4 bits and its low 2 are
    // ignored when decoding, so changing it there can leave the bytes (and the link) the same.
    const flipped = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect((await call('GET', `/v1/answer-links/${flipped}`)).status).to.equal(404);
    const elsewhere = await onboardTenant('Andere-org');
    const raw = Buffer.from(token, 'base64url');
    Buffer.from(elsewhere.id.replace(/-/g, ''), 'hex').copy(raw, 0);
    expect((await call('GET', `/v1/answer-links/${raw.toString('base64url')}`)).status).to.equal(404);
    expect((await fetch(`${env().baseUrl}/a/${flipped}`)).status).to.equal(404);

    // Closed, the link shows nothing and takes nothing.
    expect((await call('POST', `/v1/messages/${callUpId}/close`, { token: tenant.adminToken })).status).to.equal(200);
    const closed = await call('GET', `/v1/answer-links/${token}`);
    expect(closed.status).to.equal(410);
    expect(closed.text).to.not.include('Opkomst');
    expect((await call('PUT', `/v1/answer-links/${token}/answer`, { body: { option: 'beschikbaar' } })).status).to.equal(410);
    const closedPage = await fetch(`${env().baseUrl}${first!}`);
    expect(closedPage.status).to.equal(410);
    expect(await closedPage.text()).to.not.include('Opkomst');
  });
});
