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

  const report = (body: unknown, token = SECRET) => fetch(`${callback}?token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

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
    expect(cm.texts[0]!.content).to.match(/^Opkomst\nKom naar de crisiskamer\./);
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
    const none = await call('POST', `/v1/callbacks/sms?token=${SECRET}`, { body: cmReport('x'.repeat(32), '2') });
    expect(none.status).to.equal(404);
    // An unknown reference is ignored, not an error for the provider to retry.
    expect((await report(cmReport('A'.repeat(32), '2'))).status).to.equal(204);
  });
});
