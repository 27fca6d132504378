import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { fakeCm } from '../helpers/fake-sms-provider.js';
import { env } from '../helpers/test-env.js';
import { eventually } from '../helpers/eventually.js';

type Response = { userId: string; channels: Array<{ channel: string; status: string; reason: string | null }> };

const PRODUCT_TOKEN = randomUUID();

/**
 * A provider that does not take texts (down, throttling) against a second process (api and worker)
 * with SMS_MAX_ATTEMPTS=3: an outage delays texts and loses none, one that lasts ends each text as
 * failed after three hand-overs instead of retrying it for as long as the call-up is open, and the
 * texts never taken do not count against the day's budget.
 */
describe('call-ups by SMS: a provider that does not take texts is tried a bounded number of times', function () {
  this.timeout(60_000);
  let tenant: OnboardedTenant;
  let cm: Awaited<ReturnType<typeof fakeCm>>;
  let second: Platform;

  before(async () => {
    cm = await fakeCm(PRODUCT_TOKEN);
    second = await buildPlatform(
      { ...env().config, SMS_PROVIDER: 'cm', CM_PRODUCT_TOKEN: PRODUCT_TOKEN, CM_ENDPOINT: cm.url, SMS_CALLBACK_SECRET: `dlr-${randomUUID()}`, SMS_DAILY_BUDGET: 2, SMS_MAX_ATTEMPTS: 3, SMS_UNANSWERED_AFTER_SECONDS: 0 },
      env().database,
      createLogger('silent'),
      { clock: env().clock, push: env().push },
    );
    second.startWorker();
    tenant = await onboardTenant('Sms-storing');
  });

  after(async () => {
    await second.stopWorker();
    await second.close();
    await cm.close();
  });

  async function texted(name: string, phone: string): Promise<{ id: string }> {
    const person = await addUser(tenant, ['member'], name);
    const reply = await call('PATCH', `/v1/users/${person.id}`, { token: tenant.adminToken, body: { phone } });
    expect(reply.status, reply.text).to.equal(200);
    return person;
  }

  const callUp = async (title: string, userId: string): Promise<string> => {
    const sent = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title, body: 'Kom naar de crisiskamer.', answerOptions: ['ja', 'nee'], audience: { userIds: [userId] } } });
    expect(sent.status, sent.text).to.equal(201);
    return sent.body.id as string;
  };

  const smsOf = async (messageId: string, userId: string) => {
    const items = (await call('GET', `/v1/messages/${messageId}/responses`, { token: tenant.adminToken })).body.items as Response[];
    return items.find((r) => r.userId === userId)?.channels.find((c) => c.channel === 'sms') ?? null;
  };

  it('fails a text after three hand-overs the provider did not take, tries it no more, and keeps the day’s budget for the next', async () => {
    const gijs = await texted('Gijs', '+31 6 55556666');
    cm.outage = 503;
    const first = await callUp('Opkomst storing', gijs.id);
    const failed = await eventually('the text failed', async () => ((await smsOf(first, gijs.id))?.status === 'failed' ? smsOf(first, gijs.id) : null), 30_000, 200);
    expect(failed).to.include({ status: 'failed', reason: 'not taken after 3 tries: cm 503' });
    expect(cm.requests).to.equal(3);
    expect((await call('GET', `/v1/messages/${first}`, { token: tenant.adminToken })).body.counts.sms).to.deep.equal({ failed: 1 });
    // Sweeps go on; the failed text is not handed over again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(cm.requests).to.equal(3);

    // The provider is back.
    cm.outage = null;
    const hanna = await texted('Hanna', '+31 6 33334444');
    const second = await callUp('Opkomst na storing', hanna.id);
    expect(await eventually('the text sent', async () => ((await smsOf(second, hanna.id))?.status === 'sent' ? smsOf(second, hanna.id) : null), 30_000, 200)).to.include({ status: 'sent' });
    expect(cm.texts.map((t) => t.number)).to.deep.equal(['0031633334444']);
  });

  it('sends a text on a later sweep when the outage ends before the last try, within a budget the failed text did not spend', async () => {
    cm.outage = 429;
    const ivo = await texted('Ivo', '+31 6 12121212');
    const id = await callUp('Opkomst vertraagd', ivo.id);
    const requestsBefore = cm.requests;
    await eventually('a first hand-over refused', () => Promise.resolve(cm.requests > requestsBefore ? true : null), 30_000, 100);
    expect((await smsOf(id, ivo.id))?.status).to.be.oneOf(['queued', 'sending']);
    cm.outage = null;
    const settled = await eventually('decided', async () => {
      const sms = await smsOf(id, ivo.id);
      return sms && !['queued', 'sending'].includes(sms.status) ? sms : null;
    }, 30_000, 200);
    // Hanna's text and Ivo's are the day's two: Gijs's, never taken, cost nothing.
    expect(settled).to.include({ status: 'sent', reason: null });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(cm.texts.map((t) => t.number)).to.deep.equal(['0031633334444', '0031612121212']);
  });
});
