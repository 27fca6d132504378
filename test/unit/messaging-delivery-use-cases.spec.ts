import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { AnswerLinks, answerLinkToken, newLinkKey } from '../../src/modules/messaging/application/answer-link.js';
import { CloseCallUp, Escalation } from '../../src/modules/messaging/application/escalation.js';
import { MailFallback, SmsFallback, newReference, type FallbackSettings, type MailFallbackSettings } from '../../src/modules/messaging/application/fallback.js';
import { FanOutSweeper } from '../../src/modules/messaging/application/fan-out.js';
import { AnswerCallUp } from '../../src/modules/messaging/application/inbox.js';
import { CancelMessage } from '../../src/modules/messaging/application/send-message.js';
import { GetMessageStats } from '../../src/modules/messaging/application/sender-view.js';
import { AnswerLinkExpired, CallUpClosed, NotACallUp, UnknownAnswer } from '../../src/modules/messaging/domain/messaging.errors.js';
import type { FallbackChannel } from '../../src/modules/messaging/ports.js';
import { NotFound, TenantSuspended } from '../../src/platform/domain/errors.js';
import type { Mailer } from '../../src/platform/mail/mailer.js';
import { RetryLater } from '../../src/platform/queue/job-queue.js';
import { ScriptedSmsSender } from '../support/in-memory/messaging.js';
import { callUp, CAS, COORD, device, GROUP, LOU, MO, mo, OTHER_TENANT, sent, T, toUsers, UNKNOWN, world, type World } from '../support/in-memory/messaging-world.js';
import { RecordingMailer } from '../support/in-memory/platform.js';
import { refusal } from '../support/in-memory/refusal.js';
import { valueOf } from '../support/in-memory/result.js';

const MINUTE = 60_000;
const jobOf = (p: World, messageId: string) => ({ tenantId: T, messageId, deviceIds: p.deliveries.rows(T, messageId).map((d) => d.deviceId) });
const statuses = (p: World, messageId: string) => Object.fromEntries(p.deliveries.rows(T, messageId).map((d) => [p.tables.devices.find((x) => x.id === d.deviceId)!.token, d.status]));

async function thrownBy(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('messaging delivery use cases: fan-out, escalation, fallback, answer links (in-memory ports)', () => {
  describe('FanOut.dispatchDue', () => {
    it('sends a scheduled message when due to whom its audience reaches then, in batches enqueued after the commit', async () => {
      const p = world();
      const message = await sent(p, { scheduledAt: new Date(p.clock.now().getTime() + 10 * MINUTE) });
      expect(await p.fanOut.dispatchDue(T)).to.equal(0);
      p.people.people.find((x) => x.id === LOU)!.groupIds.push(GROUP);
      for (const [user, token] of [[MO, 'token-mo-1'], [CAS, 'token-cas-1'], [LOU, 'token-lou-1']] as const) device(p, user, token);
      p.clock.advance(10 * MINUTE);
      expect(await p.fanOut.dispatchDue(T)).to.equal(3);
      expect(message).to.deep.include({ status: 'sent', sentAt: p.clock.now(), recipientCount: 3 });
      expect(p.tables.recipientsOf(T, message.id).map((r) => r.userId)).to.have.members([MO, CAS, LOU]);
      expect(p.tables.outbox).to.deep.equal([]);
      expect(p.queue.jobs).to.deep.equal([]);
      await p.transactions.commit();
      expect(p.queue.jobs.map((j) => [j.id, j.data.deviceIds.length])).to.deep.equal([
        [`${message.id}:d0:0`, 2],
        [`${message.id}:d0:1`, 1],
      ]);
      expect(p.transactions.opened).to.deep.equal([T, T]);
    });

    it('drops the outbox entry of a cancelled message without sending it', async () => {
      const p = world();
      const message = await sent(p, { scheduledAt: new Date(p.clock.now().getTime() + MINUTE) });
      valueOf(await new CancelMessage(p).execute({ tenantId: T, messageId: message.id }));
      await p.outbox.add(T, message.id, p.clock.now());
      expect(await p.fanOut.dispatchDue(T)).to.equal(0);
      expect(message.status).to.equal('cancelled');
      expect(p.tables.outbox).to.deep.equal([]);
      expect(p.tables.recipients).to.deep.equal([]);
    });

    it('leaves jobs the queue will not take to the sweep, telling onError', async () => {
      const p = world();
      device(p, MO, 'token-mo-1');
      await sent(p);
      p.queue.refuse = new Error('redis away');
      await p.transactions.commit();
      expect(p.errors.map((e) => e.context)).to.deep.equal(['enqueue delivery jobs']);
      expect(p.tables.deliveries.map((d) => d.status)).to.deep.equal(['queued']);
    });
  });

  describe('FanOut.deliver', () => {
    it('pushes each claimed device once and records every outcome: sent, an invalid token (device disabled), a permanent failure', async () => {
      const p = world();
      device(p, MO, 'token-mo-1');
      const dead = device(p, MO, 'token-mo-2');
      device(p, CAS, 'token-cas-1');
      const message = await callUp(p);
      p.push.outcomes.set('token-mo-2', { status: 'invalid_token', reason: 'unregistered' });
      p.push.outcomes.set('token-cas-1', { status: 'failed', reason: 'payload too large' });
      await p.fanOut.deliver(jobOf(p, message.id));
      expect(statuses(p, message.id)).to.deep.equal({ 'token-mo-1': 'sent', 'token-mo-2': 'failed', 'token-cas-1': 'failed' });
      expect(dead.disabledAt).to.deep.equal(p.clock.now());
      expect(p.recipients.row(T, message.id, MO)!.deliveredAt).to.deep.equal(p.clock.now());
      expect(p.recipients.row(T, message.id, CAS)!.deliveredAt).to.equal(null);
      expect(p.push.sent[0]).to.deep.include({ title: 'Oproep: brand', body: 'Wie kan komen?', priority: 'normal', tag: message.id, data: { messageId: message.id, kind: 'call_up' } });
      expect(p.push.sent.map((n) => n.deliveryKey)).to.have.members(p.deliveries.rows(T, message.id).map((d) => `${message.id}:${d.deviceId}`));
      await p.fanOut.deliver(jobOf(p, message.id));
      expect(p.push.sent, 'a repeated job pushes nothing twice').to.have.length(3);
    });

    it('puts retries back to queued and fails the job (after the longest Retry-After), until the attempts run out', async () => {
      const p = world();
      device(p, MO, 'token-mo-1');
      device(p, CAS, 'token-cas-1');
      const message = await callUp(p);
      p.push.outcomes.set('token-mo-1', { status: 'retry', reason: 'throttled', retryAfterSeconds: 30 });
      p.push.outcomes.set('token-cas-1', new Error('socket hang up'));
      const first = await thrownBy(p.fanOut.deliver(jobOf(p, message.id)));
      expect(first).to.be.instanceOf(RetryLater);
      expect((first as RetryLater).retryAfterMs).to.equal(30_000);
      expect(statuses(p, message.id)).to.deep.equal({ 'token-mo-1': 'queued', 'token-cas-1': 'queued' });
      p.push.outcomes.set('token-mo-1', { status: 'retry', reason: 'throttled' });
      const second = await thrownBy(p.fanOut.deliver(jobOf(p, message.id)));
      expect(second).to.be.instanceOf(Error).and.not.instanceOf(RetryLater);
      await p.fanOut.deliver(jobOf(p, message.id));
      expect(statuses(p, message.id)).to.deep.equal({ 'token-mo-1': 'failed', 'token-cas-1': 'failed' });
      expect(p.deliveries.rows(T, message.id).map((d) => d.reason)).to.have.members(['throttled', 'socket hang up']);
    });

    it('pushes nothing for a message that is not sent (cancelled or unknown)', async () => {
      const p = world();
      await p.fanOut.deliver({ tenantId: T, messageId: UNKNOWN, deviceIds: [] });
      const message = await sent(p, { scheduledAt: new Date(p.clock.now().getTime() + MINUTE) });
      await p.fanOut.deliver({ tenantId: T, messageId: message.id, deviceIds: [] });
      expect(p.push.sent).to.deep.equal([]);
    });

    it('renews its claims while a push is slow, and once winding down hands back what it has not pushed', async () => {
      const p = world();
      p.settings.pushConcurrency = 1;
      p.settings.leaseSeconds = 0.03;
      device(p, MO, 'token-mo-1');
      device(p, CAS, 'token-cas-1');
      const message = await callUp(p);
      let renewedAt: Date | null = null;
      p.push.beforeAnswer = async () => {
        p.clock.advance(5000);
        await sleep(40);
        renewedAt = p.deliveries.rows(T, message.id).find((d) => d.status === 'sending')!.claimedAt;
        p.fanOut.windDown();
      };
      await p.fanOut.deliver(jobOf(p, message.id));
      expect(renewedAt).to.deep.equal(p.clock.now());
      expect(p.push.sent).to.have.length(1);
      const rows = p.deliveries.rows(T, message.id);
      expect(rows.map((d) => d.status).sort()).to.deep.equal(['queued', 'sent']);
      expect(rows.find((d) => d.status === 'queued')).to.deep.include({ attempts: 0, claimedAt: null });
    });
  });

  describe('FanOut.recover and sweep', () => {
    it('enqueues again what a silent worker claimed past its lease and what waited too long, in a new round', async () => {
      const p = world();
      device(p, MO, 'token-mo-1');
      device(p, CAS, 'token-cas-1');
      const message = await callUp(p);
      const [claimed] = await p.deliveries.claim(T, message.id, [p.deliveries.rows(T, message.id)[0]!.deviceId], p.clock.now());
      p.queue.jobs.length = 0;
      expect(await p.fanOut.recover(T, null)).to.equal(0);
      p.clock.advance(121_000);
      expect(await p.fanOut.recover(T, null)).to.equal(2);
      expect(message.dispatchRound).to.equal(1);
      await p.transactions.commit();
      expect(p.queue.jobs.map((j) => j.id)).to.deep.equal([`${message.id}:r1:0`]);
      expect(p.deliveries.rows(T, message.id).find((d) => d.deviceId === claimed!.deviceId)!.status).to.equal('queued');
    });

    it('sweeps every active tenant: due outbox entries, then deliveries queued before the queue was seen empty; a failing tenant is reported and the rest go on', async () => {
      const p = world();
      p.tenants.active.unshift(OTHER_TENANT);
      device(p, MO, 'token-mo-1');
      const message = await callUp(p);
      const later = await sent(p, { scheduledAt: new Date(p.clock.now().getTime() + MINUTE) });
      p.queue.jobs.length = 0;
      const realTakeDue = p.outbox.takeDue.bind(p.outbox);
      p.outbox.takeDue = (tenantId, now, limit) => (tenantId === OTHER_TENANT ? Promise.reject(new Error('tenant broken')) : realTakeDue(tenantId, now, limit));
      p.clock.advance(MINUTE);
      p.queue.pending = 1;
      await p.fanOut.sweep();
      expect(later.status).to.equal('sent');
      expect(p.errors.map((e) => e.context)).to.deep.equal([`fan-out sweep of tenant ${OTHER_TENANT}`]);
      await p.transactions.commit();
      expect(p.queue.jobs.map((j) => j.id), 'the queued delivery of the call-up still has its job').to.deep.equal([`${later.id}:d0:0`]);
      p.queue.jobs.length = 0;
      p.queue.pending = 0;
      p.clock.advance(1000);
      await p.fanOut.sweep();
      await p.transactions.commit();
      expect(p.queue.jobs.map((j) => j.id)).to.have.members([`${message.id}:r1:0`, `${later.id}:r1:0`]);
    });

    it('FanOutSweeper runs its sweeps in order, again after the interval, reports a failing pass and stops', async () => {
      const p = world();
      const ran: string[] = [];
      const sweeper = new FanOutSweeper(
        [
          { sweep: () => Promise.resolve(void ran.push('waves')) },
          { sweep: () => (ran.push('pushes') === 2 ? Promise.reject(new Error('once')) : Promise.resolve()) },
        ],
        5,
        p.onError,
      );
      sweeper.start();
      for (let i = 0; i < 400 && ran.length < 6; i++) await sleep(5);
      await sweeper.stop();
      const count = ran.length;
      await sleep(20);
      expect(ran.length, 'no pass after stop').to.equal(count);
      expect(ran.slice(0, 6)).to.deep.equal(['waves', 'pushes', 'waves', 'pushes', 'waves', 'pushes']);
      expect(p.errors.map((e) => e.context)).to.deep.equal(['fan-out sweep']);
    });
  });

  describe('Escalation', () => {
    it('calls a due wave: its new people as recipients of that wave, pushed; a reminder of its own to who was called and is silent', async () => {
      const p = world();
      device(p, LOU, 'token-lou-1');
      const message = await callUp(p, { waves: [{ afterMinutes: 10, audience: toUsers(LOU, MO), remind: true }] });
      await new AnswerCallUp(p, p.fanOut).execute({ actor: mo, messageId: message.id, option: 'Beschikbaar' });
      const escalation = new Escalation(p, p.fanOut);
      expect(await escalation.escalateDue(T)).to.equal(0);
      p.clock.advance(10 * MINUTE);
      expect(await escalation.escalateDue(T)).to.equal(1);
      expect(p.recipients.row(T, message.id, LOU)).to.deep.include({ wave: 2 });
      expect(message.recipientCount).to.equal(3);
      expect(p.tables.waves[0]).to.deep.include({ sentAt: p.clock.now(), recipientCount: 1 });
      const reminder = p.tables.messages.find((m) => m.source === `call-up:${message.id}`)!;
      expect(reminder).to.deep.include({ title: 'Herinnering: Oproep: brand', status: 'sent', recipientCount: 1, answerOptions: [] });
      expect(p.tables.recipientsOf(T, reminder.id).map((r) => r.userId)).to.deep.equal([CAS]);
      await p.transactions.commit();
      expect(p.queue.jobs.map((j) => j.id)).to.deep.equal([`${message.id}:w2:0`]);
      expect(p.tables.outbox).to.deep.equal([]);
      expect(await escalation.escalateDue(T), 'a wave goes once').to.equal(0);
    });

    it('cancels a due wave whose call-up reached its goal, closed or was cancelled', async () => {
      const p = world();
      const reached = await callUp(p, { goal: { option: 'Beschikbaar', count: 1 }, waves: [{ afterMinutes: 5, audience: toUsers(LOU) }] });
      await new AnswerCallUp(p, p.fanOut).execute({ actor: mo, messageId: reached.id, option: 'Beschikbaar' });
      const closed = await callUp(p, { waves: [{ afterMinutes: 5, audience: toUsers(LOU) }] });
      closed.close(p.clock.now());
      const scheduled = await sent(p, { answerOptions: ['Ja', 'Nee'], scheduledAt: new Date(p.clock.now().getTime() + MINUTE), waves: [{ afterMinutes: 1, audience: toUsers(LOU) }] });
      valueOf(await new CancelMessage(p).execute({ tenantId: T, messageId: scheduled.id }));
      p.clock.advance(10 * MINUTE);
      expect(await new Escalation(p, p.fanOut).escalateDue(T)).to.equal(0);
      expect(p.tables.waves.map((w) => [w.sentAt, w.cancelledAt])).to.deep.equal([
        [null, p.clock.now()],
        [null, p.clock.now()],
        [null, p.clock.now()],
      ]);
      expect(p.recipients.row(T, reached.id, LOU)).to.equal(undefined);
    });

    it('sweeps every active tenant, reporting one that fails', async () => {
      const p = world();
      p.tenants.active.push(OTHER_TENANT);
      const message = await callUp(p, { waves: [{ afterMinutes: 5, audience: toUsers(LOU) }] });
      const realTakeDue = p.waves.takeDue.bind(p.waves);
      p.waves.takeDue = (tenantId, now, limit) => (tenantId === OTHER_TENANT ? Promise.reject(new Error('broken')) : realTakeDue(tenantId, now, limit));
      p.clock.advance(5 * MINUTE);
      await new Escalation(p, p.fanOut).sweep();
      expect(p.recipients.row(T, message.id, LOU)).to.not.equal(undefined);
      expect(p.errors.map((e) => e.context)).to.deep.equal([`call-up escalation of tenant ${OTHER_TENANT}`]);
    });
  });

  describe('CloseCallUp', () => {
    it('closes a call-up by hand and cancels its pending waves', async () => {
      const p = world();
      const message = await callUp(p, { waves: [{ afterMinutes: 5, audience: toUsers(LOU) }] });
      expect(valueOf(await new CloseCallUp(p).execute({ tenantId: T, messageId: message.id })).closedAt).to.deep.equal(p.clock.now());
      expect(p.tables.waves[0]!.cancelledAt).to.deep.equal(p.clock.now());
      expect(p.messages.locked).to.include(message.id);
    });

    it('refuses an unknown message (NotFound), a plain message (NotACallUp) and a closed call-up (CallUpClosed)', async () => {
      const p = world();
      const plain = await sent(p);
      const message = await callUp(p);
      const close = new CloseCallUp(p);
      refusal(await close.execute({ tenantId: T, messageId: UNKNOWN }), NotFound, 'MESSAGE.NOT_FOUND');
      refusal(await close.execute({ tenantId: T, messageId: plain.id }), NotACallUp, 'MESSAGE.NOT_A_CALL_UP');
      valueOf(await close.execute({ tenantId: T, messageId: message.id }));
      const closedAt = message.closedAt;
      p.clock.advance(1000);
      refusal(await close.execute({ tenantId: T, messageId: message.id }), CallUpClosed, 'MESSAGE.CALL_UP_CLOSED');
      expect(message.closedAt).to.equal(closedAt);
    });
  });

  describe('SmsFallback', () => {
    const settings = (extra: Partial<FallbackSettings> = {}): FallbackSettings => ({
      dailyBudget: 100,
      unansweredAfterSeconds: null,
      batchSize: 2,
      concurrency: 2,
      defaultCountry: 'NL',
      leaseSeconds: 60,
      maxAttempts: 2,
      answerLinkUrl: (tenantId, linkKey) => `https://crisis.example/a/${tenantId}/${linkKey}`,
      ...extra,
    });
    const rows = (p: World, channel: FallbackChannel = 'sms') => p.tables.fallbacks.filter((f) => f.channel === channel).map((f) => [f.userId, f.status, f.reason, f.address]);

    it('texts the silent recipients push cannot reach, with their own answer link; a number that is none fails without cost', async () => {
      const p = world();
      device(p, LOU, 'token-lou-1');
      const message = await callUp(p, { audience: toUsers(MO, CAS, LOU) });
      const sms = new ScriptedSmsSender();
      await new SmsFallback(p, sms, settings()).sweep();
      expect(rows(p)).to.have.deep.members([
        [MO, 'sent', null, '+31612345679'],
        [CAS, 'failed', 'no valid phone number', null],
      ]);
      const mine = p.tables.fallbacks.find((f) => f.userId === MO)!;
      expect(sms.batches.flat()).to.deep.equal([{ to: '+31612345679', reference: mine.reference, text: `Oproep: brand\nWie kan komen?\nAntwoord / Answer: https://crisis.example/a/${T}/${mine.linkKey}` }]);
      expect(await p.fallbacks.spentSince(T, new Date(0))).to.equal(1);
      expect(valueOf(await new GetMessageStats(p).execute({ tenantId: T, messageId: message.id })).counts.sms).to.deep.equal({ sent: 1, failed: 1 });
    });

    it('texts nothing without a provider, and a recipient push reached only once they stay silent past the configured time', async () => {
      const p = world();
      await new SmsFallback(p, new ScriptedSmsSender(null), settings()).sweep();
      expect(p.transactions.opened).to.deep.equal([]);
      device(p, MO, 'token-mo-1');
      await callUp(p, { audience: toUsers(MO) });
      const fallback = new SmsFallback(p, new ScriptedSmsSender(), settings({ unansweredAfterSeconds: 300 }));
      expect(await fallback.runOnce(T)).to.equal(0);
      p.clock.advance(300_000);
      expect(await fallback.runOnce(T)).to.equal(1);
      expect(rows(p)).to.deep.equal([[MO, 'sent', null, '+31612345679']]);
    });

    it("stops at the day's budget: what does not fit is budget_exhausted, never sent", async () => {
      const p = world();
      await callUp(p, { audience: toUsers(COORD, MO, CAS) });
      const sms = new ScriptedSmsSender();
      await new SmsFallback(p, sms, settings({ dailyBudget: 1 })).sweep();
      expect(sms.batches.flat()).to.have.length(1);
      expect(rows(p).map(([, status]) => status).sort()).to.deep.equal(['budget_exhausted', 'failed', 'sent']);
      expect(p.fallbacks.locks.length).to.be.greaterThan(0);
    });

    it('keeps a text the provider asks to retry (or cannot be reached for) queued, and fails it after the last attempt; a refused text fails with its reason', async () => {
      const p = world();
      await callUp(p, { audience: toUsers(COORD, MO) });
      const sms = new ScriptedSmsSender();
      sms.outcomes.set('+31612345678', { status: 'rejected', reason: 'blacklisted' });
      sms.outcomes.set('+31612345679', { status: 'retry', reason: 'busy' });
      const fallback = new SmsFallback(p, sms, settings());
      expect(await fallback.runOnce(T)).to.equal(0);
      expect(rows(p)).to.have.deep.members([
        [COORD, 'failed', 'blacklisted', '+31612345678'],
        [MO, 'queued', 'busy', null],
      ]);
      sms.down = new Error('provider unreachable');
      await fallback.runOnce(T);
      expect(rows(p).find(([user]) => user === MO)).to.deep.equal([MO, 'failed', 'not taken after 2 tries: provider unreachable', null]);
    });

    it('matches delivery reports to their texts by the tenant in the reference', async () => {
      const p = world();
      await callUp(p, { audience: toUsers(MO) });
      const sms = new ScriptedSmsSender();
      const fallback = new SmsFallback(p, sms, settings());
      await fallback.runOnce(T);
      const { reference } = p.tables.fallbacks[0]!;
      expect(await fallback.report({})).to.equal(null);
      sms.reports = [
        { reference, outcome: 'delivered', reason: null, at: p.clock.now() },
        { reference: 'not-a-reference', outcome: 'failed', reason: 'x', at: p.clock.now() },
        { reference: newReference(T), outcome: 'failed', reason: 'x', at: p.clock.now() },
      ];
      expect(await fallback.report({})).to.equal(1);
      expect(p.tables.fallbacks[0]).to.deep.include({ status: 'delivered', reportedAt: p.clock.now() });
    });
  });

  describe('MailFallback', () => {
    const settings = (extra: Partial<MailFallbackSettings> = {}): MailFallbackSettings => ({
      unansweredAfterSeconds: null,
      batchSize: 10,
      concurrency: 2,
      leaseSeconds: 60,
      maxAttempts: 2,
      answerLinkUrl: (tenantId, linkKey) => `https://crisis.example/a/${tenantId}/${linkKey}`,
      ...extra,
    });

    it('mails the silent recipients push cannot reach with a one-tap link; no address fails', async () => {
      const p = world();
      p.people.people.find((x) => x.id === CAS)!.email = '';
      await callUp(p, { audience: toUsers(MO, CAS) });
      const mailer = new RecordingMailer();
      await new MailFallback(p, mailer, settings()).sweep();
      const mine = p.tables.fallbacks.find((f) => f.userId === MO)!;
      expect(p.tables.fallbacks.map((f) => [f.userId, f.channel, f.status, f.reason])).to.have.deep.members([
        [MO, 'email', 'sent', null],
        [CAS, 'email', 'failed', 'no e-mail address'],
      ]);
      expect(mailer.sent).to.have.length(1);
      expect(mailer.sent[0]).to.deep.include({ to: 'mo@oost.example', subject: 'Oproep: brand' });
      expect(mailer.sent[0]!.text).to.contain(`Antwoord met één tik (Beschikbaar / Niet beschikbaar): https://crisis.example/a/${T}/${mine.linkKey}`);
    });

    it('queues a refused mail again and fails it after the last attempt; a message gone meanwhile fails', async () => {
      const p = world();
      const message = await callUp(p, { audience: toUsers(MO) });
      const refusing: Mailer = { send: () => Promise.reject(new Error('450 mailbox busy')) };
      const fallback = new MailFallback(p, refusing, settings());
      expect(await fallback.runOnce(T)).to.equal(0);
      expect(p.tables.fallbacks[0]).to.deep.include({ status: 'queued', reason: '450 mailbox busy', attempts: 1 });
      await fallback.runOnce(T);
      expect(p.tables.fallbacks[0]).to.deep.include({ status: 'failed', reason: 'refused 2 times: 450 mailbox busy' });

      const other = await callUp(p, { audience: toUsers(CAS) });
      await p.fallbacks.queueDue(T, { channel: 'email', at: p.clock.now(), unansweredBefore: null, since: new Date(0), reference: () => newReference(T), linkKey: newLinkKey });
      p.tables.messages.splice(p.tables.messages.indexOf(other), 1);
      await new MailFallback(p, new RecordingMailer(), settings()).runOnce(T);
      expect(p.tables.fallbacks.find((f) => f.messageId === other.id)).to.deep.include({ status: 'failed', reason: 'message gone' });
      expect(message.status).to.equal('sent');
    });

    it('reports a tenant that fails and goes on', async () => {
      const p = world();
      p.tenants.active.unshift(OTHER_TENANT);
      await callUp(p, { audience: toUsers(MO) });
      const realRelease = p.fallbacks.releaseStale.bind(p.fallbacks);
      p.fallbacks.releaseStale = (tenantId, channel, before) => (tenantId === OTHER_TENANT ? Promise.reject(new Error('broken')) : realRelease(tenantId, channel, before));
      const mailer = new RecordingMailer();
      await new MailFallback(p, mailer, settings()).sweep();
      expect(mailer.sent).to.have.length(1);
      expect(p.errors.map((e) => e.context)).to.deep.equal([`mail fallback of tenant ${OTHER_TENANT}`]);
    });
  });

  describe('AnswerLinks', () => {
    const SECRET = 'answer-link-secret';
    const linkFor = (p: World, messageId: string, userId: string, channel: FallbackChannel = 'sms'): string => {
      const linkKey = newLinkKey();
      p.tables.fallbacks.push({ tenantId: T, messageId, userId, channel, status: 'sent', reference: newReference(T), linkKey, attempts: 1, createdAt: p.clock.now(), claimedAt: p.clock.now(), sentAt: p.clock.now(), reportedAt: null, reason: null, address: null });
      return answerLinkToken(SECRET, T, linkKey);
    };

    it("shows the call-up and the person's own answer, and takes an answer as the app's, marked with the link's channel", async () => {
      const p = world();
      const message = await callUp(p, { closesAt: new Date(p.clock.now().getTime() + 60 * MINUTE) });
      const token = linkFor(p, message.id, MO, 'email');
      const links = new AnswerLinks(p, p.fanOut, SECRET);
      expect(links.tenantOf(token)).to.equal(T);
      expect(valueOf(await links.open(token))).to.deep.equal({ title: 'Oproep: brand', body: 'Wie kan komen?', answerOptions: ['Beschikbaar', 'Niet beschikbaar'], closesAt: message.closesAt, answer: null, answeredAt: null });
      expect(valueOf(await links.answer(token, 'niet beschikbaar'))).to.deep.equal({ answer: 'Niet beschikbaar' });
      expect(p.recipients.row(T, message.id, MO)).to.deep.include({ answer: 'Niet beschikbaar', answeredVia: 'email' });
      expect(valueOf(await links.open(token))).to.deep.include({ answer: 'Niet beschikbaar', answeredAt: p.clock.now() });
    });

    it('answers NotFound for a token that is none of ours, an unknown key and a link to what is no call-up; UnknownAnswer for an option it lacks', async () => {
      const p = world();
      const message = await callUp(p);
      const plain = await sent(p);
      const links = new AnswerLinks(p, p.fanOut, SECRET);
      const forged = answerLinkToken('another secret', T, newLinkKey());
      expect(links.tenantOf('kapot')).to.equal(null);
      expect(links.tenantOf(forged)).to.equal(null);
      for (const token of ['kapot', forged, answerLinkToken(SECRET, T, newLinkKey()), linkFor(p, plain.id, MO), linkFor(p, message.id, LOU)]) {
        refusal(await links.open(token), NotFound, 'ANSWER_LINK.NOT_FOUND');
        refusal(await links.answer(token, 'Beschikbaar'), NotFound, 'ANSWER_LINK.NOT_FOUND');
      }
      refusal(await links.answer(linkFor(p, message.id, MO), 'Misschien'), UnknownAnswer, 'MESSAGE.UNKNOWN_ANSWER');
      expect(p.tables.recipients.every((r) => r.answer === null)).to.equal(true);
    });

    it('refuses a suspended organisation (TenantSuspended) and a closed call-up (AnswerLinkExpired, where the app would say CallUpClosed)', async () => {
      const p = world();
      const message = await callUp(p);
      const token = linkFor(p, message.id, MO);
      const links = new AnswerLinks(p, p.fanOut, SECRET);
      p.tenants.active.length = 0;
      refusal(await links.open(token), TenantSuspended, 'TENANT.SUSPENDED');
      refusal(await links.answer(token, 'Beschikbaar'), TenantSuspended, 'TENANT.SUSPENDED');
      p.tenants.active.push(T);
      message.close(p.clock.now());
      refusal(await links.open(token), AnswerLinkExpired, 'MESSAGE.ANSWER_LINK_EXPIRED');
      refusal(await links.answer(token, 'Beschikbaar'), AnswerLinkExpired, 'MESSAGE.ANSWER_LINK_EXPIRED');
      expect(p.recipients.row(T, message.id, MO)!.answer).to.equal(null);
    });
  });
});
