import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { buildPlatform, type Platform } from '../../src/composition.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { Escalation } from '../../src/modules/messaging/application/escalation.js';
import type { MessagingDeps } from '../../src/modules/messaging/application/deps.js';
import type { FanOut } from '../../src/modules/messaging/application/fan-out.js';
import { MESSAGING_APP } from '../../src/modules/messaging/module.js';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { createGroupIn } from '../helpers/operation-fixtures.js';
import { env } from '../helpers/test-env.js';
import { eventually } from '../helpers/eventually.js';

type Member = { id: string; email: string; token: string };
type Stats = {
  message: Record<string, unknown> & { closedAt: string | null; recipientCount: number };
  counts: { recipients: number; answers: Record<string, number> };
  callUp: { state: string; progress: { answers: number; needed: number } | null; waves: Array<{ wave: number; sentAt: string | null; cancelledAt: string | null; recipientCount: number }> } | null;
};

const OPTIONS = ['beschikbaar', 'niet beschikbaar'];

async function send(tenant: OnboardedTenant, body: Record<string, unknown>): Promise<string> {
  const reply = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'Opkomst crisisteam', body: 'Kom naar de crisiskamer.', answerOptions: OPTIONS, ...body } });
  expect(reply.status, reply.text).to.equal(201);
  return reply.body.id as string;
}

async function stats(tenant: OnboardedTenant, messageId: string): Promise<Stats> {
  const reply = await call('GET', `/v1/messages/${messageId}`, { token: tenant.adminToken });
  expect(reply.status, reply.text).to.equal(200);
  return reply.body as Stats;
}

async function answer(member: Member, messageId: string, option: string): Promise<number> {
  return (await call('PUT', `/v1/me/inbox/${messageId}/answer`, { token: member.token, body: { option } })).status;
}

async function inboxIds(member: Member): Promise<Array<{ id: string; title: string }>> {
  const reply = await call('GET', '/v1/me/inbox?pageSize=100', { token: member.token });
  expect(reply.status, reply.text).to.equal(200);
  return reply.body.items as Array<{ id: string; title: string }>;
}

async function device(member: Member): Promise<string> {
  const token = `fcm-${randomUUID()}`;
  const reply = await call('POST', '/v1/me/devices', { token: member.token, body: { platform: 'android', token, appVersion: '2.4.1' } });
  expect(reply.status, reply.text).to.equal(201);
  return token;
}

async function groupOf(tenant: OnboardedTenant, members: Member[]): Promise<string> {
  const group = await createGroupIn(tenant);
  for (const member of members) expect((await call('PUT', `/v1/groups/${group}/members/${member.id}`, { token: tenant.adminToken })).status).to.equal(204);
  return group;
}

describe('call-ups: goal, state, escalation waves, closing', () => {
  let tenant: OnboardedTenant;
  let anna: Member;
  let bram: Member;
  let carla: Member;

  before(async function () {
    this.timeout(60_000);
    tenant = await onboardTenant('Oproepen');
    anna = await addUser(tenant, ['member'], 'Anna');
    bram = await addUser(tenant, ['member'], 'Bram');
    carla = await addUser(tenant, ['member'], 'Carla');
  });

  afterEach(() => env().clock.reset());

  it('counts towards the goal, closes itself when it is reached and tells those who did not answer they are no longer needed', async () => {
    const id = await send(tenant, { audience: { userIds: [anna.id, bram.id, carla.id] }, goal: { option: 'Beschikbaar', count: 2, autoClose: true } });
    let view = await stats(tenant, id);
    expect(view.message.goal).to.deep.equal({ option: 'beschikbaar', count: 2, by: null, autoClose: true });
    expect(view.callUp).to.deep.include({ state: 'open', progress: { answers: 0, needed: 2 } });
    expect(await answer(anna, id, 'beschikbaar')).to.equal(200);
    // A "no" does not count towards a goal of "yes".
    expect(await answer(carla, id, 'niet beschikbaar')).to.equal(200);
    view = await stats(tenant, id);
    expect(view.callUp).to.deep.include({ state: 'open', progress: { answers: 1, needed: 1 } });
    // Carla has answered (no): she is not told she is not needed.
    expect(await answer(bram, id, 'beschikbaar')).to.equal(200);
    view = await stats(tenant, id);
    expect(view.callUp).to.deep.include({ state: 'closed', progress: { answers: 2, needed: 0 } });
    expect(view.message.closedAt).to.be.a('string');
    expect(await answer(carla, id, 'beschikbaar')).to.equal(409);
    const notices = async (member: Member) => (await inboxIds(member)).filter((m) => m.title === 'Niet meer nodig: Opkomst crisisteam');
    expect(await notices(anna)).to.have.length(0);
    expect(await notices(bram)).to.have.length(0);
    expect(await notices(carla)).to.have.length(0);
  });

  it('tells only the recipients without an answer, once, when the goal closes the call-up', async () => {
    const dora = await addUser(tenant, ['member'], 'Dora');
    const doraPhone = await device(dora);
    const id = await send(tenant, { audience: { userIds: [anna.id, bram.id, dora.id] }, goal: { option: 'beschikbaar', count: 1, autoClose: true } });
    expect(await answer(anna, id, 'beschikbaar')).to.equal(200);
    const notice = await eventually('the note to Dora', async () => (await inboxIds(dora)).find((m) => m.title.startsWith('Niet meer nodig')));
    expect((await inboxIds(bram)).filter((m) => m.id === notice.id)).to.have.length(1);
    expect((await inboxIds(anna)).filter((m) => m.id === notice.id)).to.have.length(0);
    await eventually('the note pushed to Dora', () => env().push.to(doraPhone).some((p) => p.title.startsWith('Niet meer nodig')));
    // A later answer of the same option (changed back and forth) neither reopens nor notifies again.
    expect(await answer(anna, id, 'beschikbaar')).to.equal(409);
    const list = await call('GET', '/v1/messages?pageSize=100', { token: tenant.adminToken });
    expect(list.body.items.filter((m: { source: string | null }) => m.source === `call-up:${id}`)).to.have.length(1);
  });

  it('shows deadline_passed once the goal’s deadline went by, and goal_reached when enough answered without closing itself', async () => {
    const by = new Date(Date.now() + 60_000).toISOString();
    const id = await send(tenant, { audience: { userIds: [anna.id, bram.id] }, goal: { option: 'beschikbaar', count: 1, by } });
    expect((await stats(tenant, id)).callUp!.state).to.equal('open');
    env().clock.advance(61_000);
    expect((await stats(tenant, id)).callUp!.state).to.equal('deadline_passed');
    expect(await answer(bram, id, 'beschikbaar')).to.equal(200);
    const view = await stats(tenant, id);
    expect(view.callUp!.state).to.equal('goal_reached');
    expect(view.message.closedAt).to.equal(null);
    // Without autoClose the call-up stays open for answers.
    expect(await answer(anna, id, 'beschikbaar')).to.equal(200);
  });

  it('calls the next wave when its time comes and the goal is not reached, each person once, and cancels the rest once it is', async () => {
    const erik = await addUser(tenant, ['member'], 'Erik');
    const fenna = await addUser(tenant, ['member'], 'Fenna');
    const erikPhone = await device(erik);
    const fennaPhone = await device(fenna);
    // Wave 2 names Anna again: she is not called twice.
    const reserve = await groupOf(tenant, [erik, anna]);
    const id = await send(tenant, {
      audience: { userIds: [anna.id] },
      goal: { option: 'beschikbaar', count: 2 },
      waves: [
        { afterMinutes: 1, audience: { groupIds: [reserve] } },
        { afterMinutes: 2, audience: { userIds: [fenna.id] } },
      ],
    });
    let view = await stats(tenant, id);
    expect(view.callUp!.waves.map((w) => [w.wave, w.sentAt, w.cancelledAt])).to.deep.equal([
      [2, null, null],
      [3, null, null],
    ]);
    expect(view.counts.recipients).to.equal(1);
    // The worker sweeps every second; a minute on the clock makes wave 2 due.
    env().clock.advance(61_000);
    view = await eventually('wave 2 called', async () => {
      const current = await stats(tenant, id);
      return current.callUp!.waves[0]!.sentAt ? current : null;
    });
    expect(view.callUp!.waves[0]).to.include({ recipientCount: 1, cancelledAt: null });
    expect(view.message.recipientCount).to.equal(2);
    await eventually('Erik pushed', () => env().push.to(erikPhone).length === 1);
    expect((await inboxIds(erik)).map((m) => m.id)).to.include(id);
    const responses = await call('GET', `/v1/messages/${id}/responses`, { token: tenant.adminToken });
    expect(Object.fromEntries(responses.body.items.map((r: { userId: string; wave: number }) => [r.userId, r.wave]))).to.deep.equal({ [anna.id]: 1, [erik.id]: 2 });
    // Anna and Erik say yes: the goal is reached, wave 3 is cancelled instead of called.
    expect(await answer(anna, id, 'beschikbaar')).to.equal(200);
    expect(await answer(erik, id, 'beschikbaar')).to.equal(200);
    env().clock.advance(60_000);
    view = await eventually('wave 3 cancelled', async () => {
      const current = await stats(tenant, id);
      return current.callUp!.waves[1]!.cancelledAt ? current : null;
    });
    expect(view.callUp!.waves[1]).to.include({ sentAt: null, recipientCount: 0 });
    expect(view.callUp!.state).to.equal('goal_reached');
    expect(env().push.to(fennaPhone)).to.have.length(0);
    expect((await inboxIds(fenna)).map((m) => m.id)).to.not.include(id);
    // Sweeps keep running: Erik still got exactly one push.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(env().push.to(erikPhone)).to.have.length(1);
  });

  it('reminds those of the waves before who have not answered, once, with a wave that names nobody new', async () => {
    const gijs = await addUser(tenant, ['member'], 'Gijs');
    const hanna = await addUser(tenant, ['member'], 'Hanna');
    const gijsPhone = await device(gijs);
    const hannaPhone = await device(hanna);
    const id = await send(tenant, { audience: { userIds: [gijs.id, hanna.id] }, waves: [{ afterMinutes: 1, audience: {}, remind: true }] });
    await eventually('both pushed', () => env().push.to(gijsPhone).length === 1 && env().push.to(hannaPhone).length === 1);
    expect(await answer(gijs, id, 'beschikbaar')).to.equal(200);
    env().clock.advance(61_000);
    const view = await eventually('reminder wave called', async () => {
      const current = await stats(tenant, id);
      return current.callUp!.waves[0]!.sentAt ? current : null;
    });
    expect(view.callUp!.waves[0]).to.include({ recipientCount: 0, cancelledAt: null, remind: true });
    await eventually('Hanna reminded', () => env().push.to(hannaPhone).length === 2);
    const reminder = (await inboxIds(hanna)).find((m) => m.title === 'Herinnering: Opkomst crisisteam');
    expect(reminder, 'reminder in Hanna’s inbox').to.not.equal(undefined);
    expect((await inboxIds(gijs)).map((m) => m.title)).to.not.include('Herinnering: Opkomst crisisteam');
    // Sweeps go on: one reminder, and the call-up itself still takes Hanna's answer.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(env().push.to(hannaPhone)).to.have.length(2);
    expect(env().push.to(gijsPhone)).to.have.length(1);
    expect(await answer(hanna, id, 'niet beschikbaar')).to.equal(200);
  });

  it('closes by hand: no more answers, the waiting waves cancelled; twice, a plain message or another tenant’s id is refused', async () => {
    const id = await send(tenant, { audience: { userIds: [anna.id] }, waves: [{ afterMinutes: 5, audience: { userIds: [bram.id] } }] });
    const closed = await call('POST', `/v1/messages/${id}/close`, { token: tenant.adminToken });
    expect(closed.status, closed.text).to.equal(200);
    expect(closed.body.closedAt).to.be.a('string');
    const view = await stats(tenant, id);
    expect(view.callUp!.state).to.equal('closed');
    expect(view.callUp!.waves[0]!.cancelledAt).to.be.a('string');
    expect(await answer(anna, id, 'beschikbaar')).to.equal(409);
    const again = await call('POST', `/v1/messages/${id}/close`, { token: tenant.adminToken });
    expect(again.status).to.equal(409);
    expect(again.headers.get('content-type')).to.match(/application\/problem\+json/);
    const plain = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'Info', body: 'Tekst', audience: { userIds: [anna.id] } } });
    expect((await call('POST', `/v1/messages/${plain.body.id as string}/close`, { token: tenant.adminToken })).status).to.equal(409);
    const other = await onboardTenant('Andere oproepen');
    expect((await call('POST', `/v1/messages/${id}/close`, { token: other.adminToken })).status).to.equal(404);
    expect((await call('GET', `/v1/messages/${id}`, { token: other.adminToken })).status).to.equal(404);
  });

  it('refuses a goal beyond the audience, a wave without people, unknown ids in a wave and waves on a plain message: problem+json, nothing sent', async () => {
    const empty = await createGroupIn(tenant);
    const before = (await call('GET', '/v1/messages', { token: tenant.adminToken })).body.total as number;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ audience: { userIds: [anna.id, bram.id] }, goal: { option: 'beschikbaar', count: 3 } }, '/goal/count'],
      [{ audience: { userIds: [anna.id] }, goal: { option: 'misschien', count: 1 } }, '/goal/option'],
      [{ audience: { userIds: [anna.id] }, waves: [{ afterMinutes: 5, audience: { groupIds: [empty] } }] }, '/waves/0/audience'],
      [{ audience: { userIds: [anna.id] }, waves: [{ afterMinutes: 5, audience: {} }] }, '/waves/0/audience'],
      [{ audience: { userIds: [anna.id] }, waves: [{ afterMinutes: 5, audience: { userIds: [randomUUID()] } }] }, '/waves/0/audience/userIds/0'],
      [{ audience: { userIds: [anna.id] }, waves: [{ afterMinutes: 5, audience: { userIds: [bram.id] } }, { afterMinutes: 5, audience: { userIds: [carla.id] } }] }, '/waves/1/afterMinutes'],
      [{ audience: { userIds: [anna.id] }, answerOptions: [], waves: [{ afterMinutes: 5, audience: { userIds: [bram.id] } }] }, '/waves'],
    ];
    for (const [body, pointer] of cases) {
      const reply = await call('POST', '/v1/messages', { token: tenant.adminToken, body: { title: 'Opkomst', body: 'Kom.', answerOptions: OPTIONS, ...body } });
      expect(reply.status, JSON.stringify(body)).to.equal(400);
      expect(reply.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(reply.body.errors.map((e: { pointer: string }) => e.pointer), JSON.stringify(body)).to.include(`/body${pointer}`);
    }
    // A goal as large as all waves together is accepted (Anna, then Bram).
    const wide = await send(tenant, { audience: { userIds: [anna.id] }, goal: { option: 'beschikbaar', count: 2 }, waves: [{ afterMinutes: 5, audience: { userIds: [bram.id] } }] });
    expect((await call('POST', `/v1/messages/${wide}/close`, { token: tenant.adminToken })).status).to.equal(200);
    expect((await call('GET', '/v1/messages', { token: tenant.adminToken })).body.total).to.equal(before + 1);
  });

  describe('with the worker stopped between waves and another started against the same database', function () {
    this.timeout(60_000);
    let second: Platform | null = null;
    let restarted = false;

    after(async () => {
      await second?.stopWorker();
      await second?.close();
      if (!restarted) env().platform.startWorker();
    });

    it('calls the due wave once', async () => {
      const gijs = await addUser(tenant, ['member'], 'Gijs');
      const gijsPhone = await device(gijs);
      const id = await send(tenant, { audience: { userIds: [anna.id] }, goal: { option: 'beschikbaar', count: 1 }, waves: [{ afterMinutes: 1, audience: { userIds: [gijs.id] } }] });
      // The worker goes away before the wave is due: nothing calls it meanwhile.
      await env().platform.stopWorker();
      env().clock.advance(61_000);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect((await stats(tenant, id)).callUp!.waves[0]!.sentAt).to.equal(null);
      // Another worker process comes up on the same database (the stopped one stays down), and two
      // escalation passes run at once besides: the wave row is taken FOR UPDATE SKIP LOCKED and
      // marked sent in the transaction that adds its people.
      second = await buildPlatform(env().config, env().database, createLogger('silent'), { clock: env().clock, push: env().push });
      const escalation = new Escalation(second.container.get<MessagingDeps>(MESSAGING_APP.Deps), second.container.get<FanOut>(MESSAGING_APP.FanOut));
      const passes = await Promise.all([escalation.escalateDue(tenant.id), escalation.escalateDue(tenant.id)]);
      expect(passes.sort()).to.deep.equal([0, 1]);
      second.startWorker();
      const view = await eventually('the wave called', async () => {
        const current = await stats(tenant, id);
        return current.callUp!.waves[0]!.sentAt ? current : null;
      });
      expect(view.callUp!.waves[0]!.recipientCount).to.equal(1);
      await eventually('Gijs pushed', () => env().push.to(gijsPhone).length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(env().push.to(gijsPhone)).to.have.length(1);
      expect((await stats(tenant, id)).counts.recipients).to.equal(2);
      await second.stopWorker();
      env().platform.startWorker();
      restarted = true;
    });
  });
});
