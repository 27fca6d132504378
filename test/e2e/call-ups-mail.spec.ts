import type { Server } from 'node:http';
import { expect } from 'chai';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { RecordingMailer } from '../helpers/recording-mailer.js';
import { env } from '../helpers/test-env.js';
import { eventually } from '../helpers/eventually.js';

type Response = { userId: string; channels: Array<{ channel: string; status: string; reason: string | null }>; answer: string | null; answeredVia: string | null };

/**
 * E-mail fallback through the mail port: a second process (api and worker on the same database)
 * with EMAIL_FALLBACK on and a recording mail transport whose first send fails as a server that
 * is down would.
 */
describe('call-ups: e-mail with the answer link for whom push does not reach', function () {
  this.timeout(60_000);
  let tenant: OnboardedTenant;
  let second: Platform;
  let server: Server;
  const mailer = new RecordingMailer();

  before(async () => {
    second = await buildPlatform({ ...env().config, EMAIL_FALLBACK: true, SMS_UNANSWERED_AFTER_SECONDS: 0 }, env().database, createLogger('silent'), { clock: env().clock, push: env().push, mailer });
    mailer.failNext(new Error('connect ECONNREFUSED 127.0.0.1:25'));
    second.startWorker();
    server = second.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    tenant = await onboardTenant('Mail-oproepen');
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await second.stopWorker();
    await second.close();
  });

  it('mails each unreached recipient once, after a mail-server failure too, and the link in the mail answers for them', async () => {
    const anna = await addUser(tenant, ['member'], 'Anna');
    expect((await call('POST', '/v1/me/devices', { token: anna.token, body: { platform: 'android', token: `fcm-${anna.id}`, appVersion: '2.4.1' } })).status).to.equal(201);
    const bram = await addUser(tenant, ['member'], 'Bram');
    const carla = await addUser(tenant, ['member'], 'Carla');
    const sent = await call('POST', '/v1/messages', {
      token: tenant.adminToken,
      body: { title: 'Opkomst mail', body: 'Kom naar de crisiskamer.', answerOptions: ['beschikbaar', 'niet beschikbaar'], audience: { userIds: [anna.id, bram.id, carla.id] } },
    });
    expect(sent.status, sent.text).to.equal(201);
    const id = sent.body.id as string;
    const rows = await eventually(
      'both mails sent',
      async () => {
        const reply = await call('GET', `/v1/messages/${id}/responses`, { token: tenant.adminToken });
        const items = reply.body.items as Response[];
        return [bram, carla].every((p) => items.find((r) => r.userId === p.id)!.channels.some((c) => c.status === 'sent')) ? items : null;
      },
      30_000,
      200,
    );
    expect(rows.find((r) => r.userId === anna.id)!.channels).to.deep.equal([]);
    for (const person of [bram, carla]) expect(rows.find((r) => r.userId === person.id)!.channels.map(({ channel, status, reason }) => ({ channel, status, reason }))).to.deep.equal([{ channel: 'email', status: 'sent', reason: null }]);
    const mails = mailer.sent.filter((m) => m.subject === 'Opkomst mail');
    expect(mails.map((m) => m.to).sort()).to.deep.equal([bram.email, carla.email].map((e) => e.toLowerCase()).sort());
    expect((await call('GET', `/v1/messages/${id}`, { token: tenant.adminToken })).body.counts.email).to.deep.equal({ sent: 2 });

    // Bram taps the link in his mail: his answer, marked as come in by e-mail.
    const link = new URL(/Answer with one tap: (\S+)/.exec(mailer.lastTo(bram.email).text)![1]!);
    expect(link.pathname).to.match(/^\/a\/[A-Za-z0-9_-]{43}$/);
    const tapped = await fetch(`${env().baseUrl}${link.pathname}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'option=beschikbaar' });
    expect(tapped.status).to.equal(303);
    const after = (await call('GET', `/v1/messages/${id}/responses`, { token: tenant.adminToken })).body.items as Response[];
    expect(after.find((r) => r.userId === bram.id)).to.include({ answer: 'beschikbaar', answeredVia: 'email' });

    // Sweeps go on: nobody gets a second mail.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(mailer.sent.filter((m) => m.subject === 'Opkomst mail')).to.have.length(2);
  });
});
