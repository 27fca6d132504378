import { expect } from 'chai';
import { compareVersions, Device } from '../../src/modules/messaging/domain/device.js';
import { checkWaves, Message, type Composition } from '../../src/modules/messaging/domain/message.js';

const now = new Date('2026-11-24T03:00:00Z');
const base: Composition = {
  tenantId: '6f1d3c2b-8a7e-4f5d-9c0b-1e2d3f4a5b6c',
  senderType: 'user',
  senderId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  title: 'Opkomst crisisteam',
  body: 'Kom naar de crisiskamer.',
  format: 'plain',
  priority: 'urgent',
  answerOptions: [],
  audience: { everyone: true, groupIds: [], userIds: [] },
  scheduledAt: null,
  closesAt: null,
  source: null,
};

function compose(changes: Partial<Composition>): Message {
  const result = Message.compose({ ...base, ...changes }, now);
  if (!result.ok) throw result.error;
  return result.value;
}

describe('Message', () => {
  it('is a call-up when it has answer options, and trims what it is given', () => {
    const message = compose({ title: '  Opkomst  ', answerOptions: [' beschikbaar', 'niet beschikbaar '] });
    expect(message.isCallUp()).to.equal(true);
    expect(message.title).to.equal('Opkomst');
    expect(message.answerOptions).to.deep.equal(['beschikbaar', 'niet beschikbaar']);
    expect(compose({}).isCallUp()).to.equal(false);
  });

  it('refuses one option, repeated options, a past schedule and a closing time on a plain message', () => {
    for (const changes of [
      { answerOptions: ['ja'] },
      { answerOptions: ['ja', 'JA'] },
      { scheduledAt: new Date(now.getTime() - 1) },
      { closesAt: new Date(now.getTime() + 60_000) },
      { answerOptions: ['ja', 'nee'], closesAt: now },
      { title: '' },
      { body: 'x'.repeat(4001) },
    ]) {
      expect(Message.compose({ ...base, ...changes }, now).ok, JSON.stringify(changes)).to.equal(false);
    }
  });

  it('keeps markdown limited (no HTML, only http(s), mailto: and tel: links) and pushes its text', () => {
    const message = compose({ format: 'markdown', body: '# Ontruiming\n- Verlaat **direct** het gebouw\n- Bel [de meldkamer](tel:+31881234567)' });
    expect(message.pushText()).to.equal('Ontruiming\nVerlaat direct het gebouw\nBel de meldkamer');
    expect(Message.compose({ ...base, format: 'markdown', body: 'Klik <script>alert(1)</script>' }, now).ok).to.equal(false);
    expect(Message.compose({ ...base, format: 'markdown', body: '[hier](javascript:alert(1))' }, now).ok).to.equal(false);
    expect(compose({ body: 'a < b en <geen> opmaak' }).pushText()).to.equal('a < b en <geen> opmaak');
  });

  it('can be cancelled while scheduled, never once sent', () => {
    const scheduled = compose({ scheduledAt: new Date(now.getTime() + 60_000) });
    expect(scheduled.dueAt()).to.deep.equal(scheduled.scheduledAt);
    expect(scheduled.cancel(now).ok).to.equal(true);
    expect(scheduled.status).to.equal('cancelled');
    const sent = compose({});
    sent.markSent(now);
    expect(sent.cancel(now).ok).to.equal(false);
  });

  it('takes an answer to one of its options, in any case, until it closes', () => {
    const callUp = compose({ answerOptions: ['beschikbaar', 'niet beschikbaar'], closesAt: new Date(now.getTime() + 60_000) });
    expect(callUp.checkAnswer('ja', now).ok, 'not sent yet').to.equal(false);
    callUp.markSent(now);
    const answered = callUp.checkAnswer('Niet Beschikbaar', now);
    expect(answered.ok && answered.value).to.equal('niet beschikbaar');
    expect(callUp.checkAnswer('misschien', now).ok).to.equal(false);
    const late = callUp.checkAnswer('beschikbaar', new Date(now.getTime() + 60_000));
    expect(!late.ok && late.error.code).to.equal('MESSAGE.CALL_UP_CLOSED');
    const plain = compose({});
    plain.markSent(now);
    const refused = plain.checkAnswer('ja', now);
    expect(!refused.ok && refused.error.code).to.equal('MESSAGE.NOT_A_CALL_UP');
  });
});

describe('Device and app versions', () => {
  it('compares versions numerically, part by part', () => {
    expect(compareVersions('2.10.0', '2.9.3')).to.equal(1);
    expect(compareVersions('2.4', '2.4.0')).to.equal(0);
    expect(compareVersions('1.9.9', '2')).to.equal(-1);
  });

  it('wants a Web Push subscription as the token of a web device, and a version that looks like one', () => {
    const web = (token: string, appVersion = '1.0.0') => Device.register({ tenantId: base.tenantId, userId: base.senderId, platform: 'web', token, appVersion }, now);
    expect(web(JSON.stringify({ endpoint: 'https://push.example/abc', keys: { p256dh: 'BNc', auth: 'x1' } })).ok).to.equal(true);
    expect(web(JSON.stringify({ endpoint: 'http://push.example/abc', keys: { p256dh: 'BNc', auth: 'x1' } })).ok).to.equal(false);
    expect(web('not a subscription at all').ok).to.equal(false);
    expect(web(JSON.stringify({ endpoint: 'https://push.example/abc', keys: { p256dh: 'BNc', auth: 'x1' } }), 'latest').ok).to.equal(false);
  });
});

describe('Call-up goal, state and waves', () => {
  const options = ['beschikbaar', 'niet beschikbaar'];
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  it('moves from open to deadline_passed to goal_reached, and closed wins over both', () => {
    const callUp = compose({ answerOptions: options, goal: { option: 'BESCHIKBAAR', count: 4, by: minutes(15), autoClose: false } });
    callUp.markSent(now);
    expect(callUp.goal).to.deep.equal({ option: 'beschikbaar', count: 4, by: minutes(15).toISOString(), autoClose: false });
    expect(callUp.state(3, minutes(5))).to.equal('open');
    expect(callUp.state(3, minutes(15))).to.equal('deadline_passed');
    expect(callUp.state(4, minutes(16))).to.equal('goal_reached');
    expect(callUp.closesItselfAt(4, minutes(16))).to.equal(false);
    expect(callUp.close(minutes(17)).ok).to.equal(true);
    expect(callUp.state(4, minutes(18))).to.equal('closed');
    expect(callUp.close(minutes(18)).ok).to.equal(false);
    expect(callUp.checkAnswer('beschikbaar', minutes(18)).ok).to.equal(false);
  });

  it('closes itself only with autoClose, once the count reaches the goal', () => {
    const callUp = compose({ answerOptions: options, goal: { option: 'beschikbaar', count: 2, by: null, autoClose: true } });
    callUp.markSent(now);
    expect(callUp.closesItselfAt(1, now)).to.equal(false);
    expect(callUp.closesItselfAt(2, now)).to.equal(true);
    callUp.close(now);
    expect(callUp.closesItselfAt(3, now)).to.equal(false);
  });

  it('refuses a goal on a plain message, an option it does not offer, a count below 1 and a deadline before it goes out', () => {
    for (const goal of [
      { option: 'beschikbaar', count: 1, by: null, autoClose: false, answerOptions: [] },
      { option: 'misschien', count: 1, by: null, autoClose: false, answerOptions: options },
      { option: 'beschikbaar', count: 0, by: null, autoClose: false, answerOptions: options },
      { option: 'beschikbaar', count: 1, by: minutes(-1), autoClose: false, answerOptions: options },
    ]) {
      const { answerOptions, ...rest } = goal;
      expect(Message.compose({ ...base, answerOptions, goal: rest }, now).ok, JSON.stringify(goal)).to.equal(false);
    }
  });

  it('numbers later waves from 2 and wants each later than the one before, with people named, on a call-up only', () => {
    const team = { everyone: false, groupIds: ['g1', 'g1'], userIds: [] };
    const planned = checkWaves([{ afterMinutes: 5, audience: team }, { afterMinutes: 10, audience: { everyone: true, groupIds: [], userIds: [] } }], true);
    expect(planned.ok && planned.value.map((w) => [w.position, w.afterMinutes, w.audience.groupIds])).to.deep.equal([
      [2, 5, ['g1']],
      [3, 10, []],
    ]);
    expect(checkWaves([{ afterMinutes: 5, audience: team }], false).ok).to.equal(false);
    expect(checkWaves([{ afterMinutes: 5, audience: team }, { afterMinutes: 5, audience: team }], true).ok).to.equal(false);
    expect(checkWaves([{ afterMinutes: 0, audience: team }], true).ok).to.equal(false);
    expect(checkWaves([{ afterMinutes: 5, audience: { everyone: false, groupIds: [], userIds: [] } }], true).ok).to.equal(false);
    // A wave that only reminds those reached before names nobody new.
    const reminding = checkWaves([{ afterMinutes: 5, audience: { everyone: false, groupIds: [], userIds: [] }, remind: true }], true);
    expect(reminding.ok && reminding.value[0]).to.deep.include({ position: 2, remind: true });
    expect(checkWaves(Array.from({ length: 6 }, (_, i) => ({ afterMinutes: i + 1, audience: team })), true).ok).to.equal(false);
  });
});
