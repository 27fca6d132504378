import type { Server } from 'node:http';
import { expect } from 'chai';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import type { MailMessage } from '../../src/platform/mail/mailer.js';
import { addUser, onboardTenant, operatorToken, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { RecordingMailer } from '../helpers/recording-mailer.js';
import { env } from '../helpers/test-env.js';
import { eventually } from '../helpers/eventually.js';

type Response = { userId: string; channels: Array<{ channel: string; status: string; reason: string | null }>; answer: string | null; answeredVia: string | null };

/** A mail server that refuses one address every time (a mailbox that does not exist) and takes the rest. */
class RefusingMailer extends RecordingMailer {
  readonly refusals: string[] = [];
  refuse: string | null = null;

  override send(message: MailMessage): Promise<void> {
    if (message.to === this.refuse) {
      this.refusals.push(message.to);
      return Promise.reject(new Error('550 5.1.1 mailbox unavailable'));
    }
    return super.send(message);
  }
}

/**
 * The limits of the e-mail fallback and its answer link, against a second process (api and worker)
 * with EMAIL_FALLBACK on: a refused mail is tried a bounded number of times, and a link of a
 * suspended organisation takes no answer.
 */
describe('call-ups by mail: bounded retries, and no answers while the organisation is suspended', function () {
  this.timeout(60_000);
  let tenant: OnboardedTenant;
  let second: Platform;
  let server: Server;
  let base: string;
  const mailer = new RefusingMailer();

  before(async () => {
    second = await buildPlatform({ ...env().config, EMAIL_FALLBACK: true, EMAIL_FALLBACK_MAX_ATTEMPTS: 3, SMS_UNANSWERED_AFTER_SECONDS: 0 }, env().database, createLogger('silent'), { clock: env().clock, push: env().push, mailer });
    second.startWorker();
    server = second.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    tenant = await onboardTenant('Mail-grenzen');
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await second.stopWorker();
    await second.close();
  });

  it('tries a refused mail three times, then records it as failed with the reason, and mails nobody twice', async () => {
    const dirk = await addUser(tenant, ['member'], 'Dirk');
    const eva = await addUser(tenant, ['member'], 'Eva');
    mailer.refuse = dirk.email.toLowerCase();
    const sent = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'Opkomst grens', body: 'Kom naar de crisiskamer.', answerOptions: ['ja', 'nee'], audience: { userIds: [dirk.id, eva.id] } } });
    expect(sent.status, sent.text).to.equal(201);
    const id = sent.body.id as string;
    const rows = await eventually(
      'the refused mail failed',
      async () => {
        const items = (await call('GET', `/v1/messages/${id}/responses`, { token: tenant.adminToken })).body.items as Response[];
        return items.find((r) => r.userId === dirk.id)?.channels.some((c) => c.status === 'failed') ? items : null;
      },
      30_000,
      200,
    );
    expect(rows.find((r) => r.userId === dirk.id)!.channels.map(({ channel, status, reason }) => ({ channel, status, reason }))).to.deep.equal([{ channel: 'email', status: 'failed', reason: 'refused 3 times: 550 5.1.1 mailbox unavailable' }]);
    expect(rows.find((r) => r.userId === eva.id)!.channels.map((c) => c.status)).to.deep.equal(['sent']);
    expect((await call('GET', `/v1/messages/${id}`, { token: tenant.adminToken })).body.counts.email).to.deep.equal({ failed: 1, sent: 1 });
    // Sweeps go on; the failed mail is not tried again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(mailer.refusals.filter((to) => to === dirk.email.toLowerCase())).to.have.length(3);
    mailer.refuse = null;
  });

  it('shows a suspended organisation’s link as no longer working and stores no answer, then works again on reactivation', async () => {
    const fien = await addUser(tenant, ['member'], 'Fien');
    const sent = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'Opkomst opgeschort', body: 'Kom naar de crisiskamer.', answerOptions: ['ja', 'nee'], audience: { userIds: [fien.id] } } });
    expect(sent.status, sent.text).to.equal(201);
    const mail = await eventually('the mail', () => Promise.resolve(mailer.sent.find((m) => m.subject === 'Opkomst opgeschort') ?? null), 30_000, 200);
    const link = new URL(/Answer with one tap: (\S+)/.exec(mail.text)![1]!);
    const token = link.pathname.slice(3);

    const operator = await operatorToken();
    expect((await call('POST', `/v1/platform/tenants/${tenant.id}/suspend`, { token: operator, body: { reason: 'Verwerkersovereenkomst beëindigd' } })).status).to.be.within(200, 204);
    try {
      const page = await fetch(`${base}${link.pathname}`);
      expect(page.status).to.equal(403);
      expect(await page.text()).to.include('Deze link werkt niet meer').and.not.include('Kom naar de crisiskamer');
      const tapped = await fetch(`${base}${link.pathname}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'option=ja' });
      expect(tapped.status).to.equal(403);
      const api = await call('PUT', `/v1/answer-links/${token}/answer`, { body: { option: 'ja' } });
      expect(api.status).to.equal(403);
      expect(api.body.type).to.equal('/problems/tenant-suspended');
      expect((await call('GET', `/v1/answer-links/${token}`)).status).to.equal(403);
    } finally {
      expect((await call('POST', `/v1/platform/tenants/${tenant.id}/reactivate`, { token: operator })).status).to.be.within(200, 204);
    }
    const responses = (await call('GET', `/v1/messages/${sent.body.id}/responses`, { token: tenant.adminToken })).body.items as Response[];
    expect(responses.find((r) => r.userId === fien.id)).to.include({ answer: null, answeredVia: null });
    // Reactivated, the same link answers.
    const tapped = await fetch(`${base}${link.pathname}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'option=ja' });
    expect(tapped.status).to.equal(303);
  });
});
