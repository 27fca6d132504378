import { expect } from 'chai';
import { CheckAppVersion, GetMinimumVersions, ListDevices, RegisterDevice, SetMinimumVersions, UnregisterDevice } from '../../src/modules/messaging/application/devices.js';
import { AnswerCallUp, GetInboxMessage, ListInbox, MarkRead } from '../../src/modules/messaging/application/inbox.js';
import { NotifyPeople, type Notification } from '../../src/modules/messaging/application/notify-people.js';
import { MessagingPersonalData } from '../../src/modules/messaging/application/personal-data.js';
import { CancelMessage } from '../../src/modules/messaging/application/send-message.js';
import { GetMessageStats, ListMessages, ListResponses, PreviewReach } from '../../src/modules/messaging/application/sender-view.js';
import {
  CreateMessageTemplate,
  DeleteMessageTemplate,
  EnsureMessageTemplates,
  GetMessageTemplate,
  ListMessageTemplates,
  MessageTemplateCatalogue,
  ReplaceMessageTemplate,
} from '../../src/modules/messaging/application/templates.js';
import { MESSAGE_TITLE_MAX } from '../../src/modules/messaging/domain/message.js';
import {
  AppUpdateRequired,
  CallUpClosed,
  EmptyWave,
  GoalBeyondAudience,
  InvalidDevice,
  InvalidMessage,
  MessageAlreadySent,
  MissingPlaceholderValue,
  NoRecipients,
  NotACallUp,
  UnknownAnswer,
  UnknownAudience,
  UnknownPlaceholder,
} from '../../src/modules/messaging/domain/messaging.errors.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import {
  callUp,
  CAS,
  cas,
  command,
  COORD,
  coordinator,
  device,
  EMPTY_GROUP,
  GROUP,
  IVO,
  LOU,
  MO,
  mo,
  options,
  OTHER_TENANT,
  sent,
  T,
  template,
  templateFields,
  toUsers,
  UNKNOWN,
  world,
} from '../support/in-memory/messaging-world.js';
import { userActor } from '../support/in-memory/platform.js';
import { refusal } from '../support/in-memory/refusal.js';
import { valueOf } from '../support/in-memory/result.js';

const WEB_TOKEN = JSON.stringify({ endpoint: 'https://push.example/abc', keys: { p256dh: 'p', auth: 'a' } });

describe('messaging use cases (in-memory ports)', () => {
  describe('SendMessage', () => {
    it('fixes the recipients the audience reaches now (active people only), marks the message sent, and dispatches it once committed', async () => {
      const p = world();
      device(p, MO, 'token-mo-1');
      device(p, CAS, 'token-cas-1');
      const message = await sent(p);
      expect(p.tables.messages).to.deep.equal([message]);
      expect(message).to.deep.include({ status: 'sent', sentAt: p.clock.now(), recipientCount: 2, senderId: COORD, priority: 'normal', format: 'plain' });
      expect(p.tables.recipients.map((r) => r.userId)).to.have.members([MO, CAS]);
      expect(p.tables.outbox.map((o) => o.messageId)).to.deep.equal([message.id]);
      expect(p.tables.deliveries, 'nothing delivered before the commit').to.deep.equal([]);
      await p.transactions.commit();
      expect(p.tables.outbox).to.deep.equal([]);
      expect(p.tables.deliveries.map((d) => d.status)).to.deep.equal(['queued', 'queued']);
      expect(p.queue.jobs.map((j) => j.id)).to.deep.equal([`${message.id}:d0:0`]);
    });

    it('schedules a message for later: no recipients yet, the outbox entry due then, nothing dispatched', async () => {
      const p = world();
      const at = new Date(p.clock.now().getTime() + 3600_000);
      const message = await sent(p, { scheduledAt: at });
      expect(message).to.deep.include({ status: 'scheduled', sentAt: null, recipientCount: 2 });
      expect(p.tables.recipients).to.deep.equal([]);
      expect(p.tables.outbox).to.deep.equal([{ tenantId: T, messageId: message.id, dueAt: at }]);
      expect(p.transactions.waiting()).to.equal(0);
    });

    it('sends from a template: its fields with the placeholders filled, the goal counted from now, the waves stored; the sender overrides field by field', async () => {
      const p = world();
      const saved = template(p);
      const message = valueOf(
        await p.sender.execute(command({ title: undefined, body: undefined, templateId: saved.id, placeholders: { 'incident.title': 'Hal 3', 'incident.location': 'Dorpsstraat 1' }, priority: 'normal' })),
      );
      expect(message).to.deep.include({ title: 'Brand: Hal 3', body: 'Kom naar Dorpsstraat 1.', priority: 'normal', answerOptions: options });
      expect(message.goal).to.deep.equal({ option: 'Beschikbaar', count: 2, by: new Date(p.clock.now().getTime() + 30 * 60_000).toISOString(), autoClose: true });
      expect(p.tables.waves.map((w) => [w.position, w.audience.userIds, w.remind, w.dueAt])).to.deep.equal([[2, [LOU], true, new Date(p.clock.now().getTime() + 10 * 60_000)]]);
    });

    it('refuses an unknown template (NotFound) and a placeholder without a value (MissingPlaceholderValue), storing nothing', async () => {
      const p = world();
      const saved = template(p);
      refusal(await p.sender.execute(command({ templateId: UNKNOWN })), NotFound, 'MESSAGE_TEMPLATE.NOT_FOUND');
      const missing = refusal(await p.sender.execute(command({ templateId: saved.id, placeholders: { 'incident.title': 'Hal 3' } })), MissingPlaceholderValue, 'MESSAGE_TEMPLATE.MISSING_VALUE');
      expect(missing.fields[0]!.pointer).to.equal('/placeholders/incident.location');
      expect(p.tables.messages).to.deep.equal([]);
    });

    it('refuses an invalid message or waves on a plain message (InvalidMessage), storing nothing', async () => {
      const p = world();
      expect(refusal(await p.sender.execute(command({ title: ' ' })), InvalidMessage, 'MESSAGE.INVALID').fields[0]!.pointer).to.equal('/title');
      expect(refusal(await p.sender.execute(command({ waves: [{ afterMinutes: 5, audience: toUsers(LOU) }] })), InvalidMessage, 'MESSAGE.INVALID').fields[0]!.pointer).to.equal('/waves');
      expect(p.tables.messages).to.deep.equal([]);
      expect(p.tables.outbox).to.deep.equal([]);
    });

    it('refuses groups and users of no one (UnknownAudience pointing at each, waves too), an audience of nobody active (NoRecipients), a wave of nobody active (EmptyWave) and a goal beyond all waves (GoalBeyondAudience)', async () => {
      const p = world();
      const unknown = refusal(
        await p.sender.execute(command({ answerOptions: options, audience: { everyone: false, groupIds: [GROUP, UNKNOWN], userIds: [UNKNOWN] }, waves: [{ afterMinutes: 5, audience: toUsers(MO, UNKNOWN) }] })),
        UnknownAudience,
        'MESSAGE.UNKNOWN_AUDIENCE',
      );
      expect(unknown.fields.map((f) => f.pointer)).to.deep.equal(['/audience/groupIds/1', '/audience/userIds/0', '/waves/0/audience/userIds/1']);
      refusal(await p.sender.execute(command({ audience: toUsers(IVO) })), NoRecipients, 'MESSAGE.NO_RECIPIENTS');
      const empty = refusal(await p.sender.execute(command({ answerOptions: options, waves: [{ afterMinutes: 5, audience: { everyone: false, groupIds: [EMPTY_GROUP], userIds: [] } }] })), EmptyWave, 'MESSAGE.EMPTY_WAVE');
      expect(empty.fields[0]!.pointer).to.equal('/waves/0/audience');
      const beyond = refusal(
        await p.sender.execute(command({ answerOptions: options, goal: { option: 'beschikbaar', count: 4 }, waves: [{ afterMinutes: 5, audience: toUsers(LOU) }, { afterMinutes: 9, audience: toUsers(), remind: true }] })),
        GoalBeyondAudience,
        'MESSAGE.GOAL_BEYOND_AUDIENCE',
      );
      expect(beyond.detail).to.equal('The call-up asks for 4 answers, but its waves together reach 3 people.');
      expect(p.tables.messages).to.deep.equal([]);
      expect(p.tables.recipients).to.deep.equal([]);
    });

    it('leaves a failed dispatch after the commit to the sweep, telling onError', async () => {
      const p = world();
      await sent(p);
      p.outbox.takeDue = () => Promise.reject(new Error('redis away'));
      await p.transactions.commit();
      expect(p.errors.map((e) => e.context)).to.deep.equal(['dispatch after send']);
      expect(p.tables.outbox).to.have.length(1);
    });
  });

  describe('CancelMessage', () => {
    it('cancels a scheduled message under a lock and drops its outbox entry', async () => {
      const p = world();
      const message = await sent(p, { scheduledAt: new Date(p.clock.now().getTime() + 60_000) });
      const cancelled = valueOf(await new CancelMessage(p).execute({ tenantId: T, messageId: message.id }));
      expect(cancelled).to.deep.include({ status: 'cancelled', cancelledAt: p.clock.now() });
      expect(p.messages.locked).to.deep.equal([message.id]);
      expect(p.tables.outbox).to.deep.equal([]);
    });

    it('refuses an unknown message (NotFound) and one sent already (MessageAlreadySent), keeping the outbox', async () => {
      const p = world();
      const message = await sent(p);
      refusal(await new CancelMessage(p).execute({ tenantId: T, messageId: UNKNOWN }), NotFound, 'MESSAGE.NOT_FOUND');
      refusal(await new CancelMessage(p).execute({ tenantId: OTHER_TENANT, messageId: message.id }), NotFound, 'MESSAGE.NOT_FOUND');
      refusal(await new CancelMessage(p).execute({ tenantId: T, messageId: message.id }), MessageAlreadySent, 'MESSAGE.ALREADY_SENT');
      expect(message.status).to.equal('sent');
      expect(p.tables.outbox).to.have.length(1);
    });
  });

  describe('ListInbox, GetInboxMessage and MarkRead', () => {
    it("list the member's messages newest first with the unread count, and mark one read once", async () => {
      const p = world();
      const first = await sent(p, { title: 'Eerste' });
      p.clock.advance(1000);
      const second = await sent(p, { title: 'Tweede' });
      await sent(p, { title: 'Niet voor Mo', audience: toUsers(CAS) });
      const inbox = await new ListInbox(p).execute({ actor: mo, page: 1, pageSize: 10 });
      expect(inbox.items.map((e) => e.message)).to.deep.equal([second, first]);
      expect([inbox.total, inbox.unread]).to.deep.equal([2, 2]);
      expect((await new ListInbox(p).execute({ actor: mo, page: 2, pageSize: 1 })).items.map((e) => e.message)).to.deep.equal([first]);

      const readAt = p.clock.now();
      valueOf(await new MarkRead(p).execute({ actor: mo, messageId: first.id }));
      p.clock.advance(5000);
      valueOf(await new MarkRead(p).execute({ actor: mo, messageId: first.id }));
      expect(p.recipients.row(T, first.id, MO)!.readAt).to.deep.equal(readAt);
      expect(valueOf(await new GetInboxMessage(p).execute({ actor: mo, messageId: first.id }))).to.deep.include({ message: first, readAt, answer: null });
      expect((await new ListInbox(p).execute({ actor: mo, page: 1, pageSize: 10 })).unread).to.equal(1);
    });

    it("answer NotFound for someone else's message and an unknown one, exactly alike", async () => {
      const p = world();
      const forCas = await sent(p, { audience: toUsers(CAS) });
      for (const messageId of [forCas.id, UNKNOWN]) {
        refusal(await new GetInboxMessage(p).execute({ actor: mo, messageId }), NotFound, 'MESSAGE.NOT_FOUND');
        refusal(await new MarkRead(p).execute({ actor: mo, messageId }), NotFound, 'MESSAGE.NOT_FOUND');
      }
      expect(p.tables.recipients.map((r) => r.readAt)).to.deep.equal([null]);
    });
  });

  describe('AnswerCallUp', () => {
    it('records the answer from the app in the option’s own spelling, marks the message read, and lets it change', async () => {
      const p = world();
      const message = await callUp(p);
      expect(valueOf(await new AnswerCallUp(p, p.fanOut).execute({ actor: mo, messageId: message.id, option: ' beschikbaar ' }))).to.deep.equal({ answer: 'Beschikbaar' });
      expect(p.recipients.row(T, message.id, MO)).to.deep.include({ answer: 'Beschikbaar', answeredVia: 'app', readAt: p.clock.now(), answeredAt: p.clock.now() });
      valueOf(await new AnswerCallUp(p, p.fanOut).execute({ actor: mo, messageId: message.id, option: 'Niet beschikbaar' }));
      expect(p.recipients.row(T, message.id, MO)!.answer).to.equal('Niet beschikbaar');
    });

    it("answers a retry of the last answer (same clientId) and a late answer observed before the recorded one with what stands", async () => {
      const p = world();
      const message = await callUp(p);
      const answer = new AnswerCallUp(p, p.fanOut);
      const observedAt = new Date(p.clock.now().getTime() - 60_000);
      valueOf(await answer.execute({ actor: mo, messageId: message.id, option: 'Beschikbaar', clientId: 'c1', observedAt }));
      expect(valueOf(await answer.execute({ actor: mo, messageId: message.id, option: 'Niet beschikbaar', clientId: 'c1' }))).to.deep.equal({ answer: 'Beschikbaar' });
      expect(valueOf(await answer.execute({ actor: mo, messageId: message.id, option: 'Niet beschikbaar', clientId: 'c2', observedAt: new Date(observedAt.getTime() - 1000) }))).to.deep.equal({ answer: 'Beschikbaar' });
      expect(p.recipients.row(T, message.id, MO)).to.deep.include({ answer: 'Beschikbaar', answerClientId: 'c1', answerObservedAt: observedAt });
    });

    it('refuses a non-recipient (NotFound), a device time out of bounds (InvalidMessage), a plain message (NotACallUp), a closed call-up (CallUpClosed) and an unknown option (UnknownAnswer)', async () => {
      const p = world();
      const message = await callUp(p);
      const plain = await sent(p);
      const answer = new AnswerCallUp(p, p.fanOut);
      refusal(await answer.execute({ actor: userActor({ tenantId: T, userId: LOU }), messageId: message.id, option: 'Beschikbaar' }), NotFound, 'MESSAGE.NOT_FOUND');
      const ahead = new Date(p.clock.now().getTime() + 6 * 60_000);
      expect(refusal(await answer.execute({ actor: mo, messageId: message.id, option: 'Beschikbaar', observedAt: ahead }), InvalidMessage, 'MESSAGE.INVALID').fields[0]!.pointer).to.equal('/observedAt');
      refusal(await answer.execute({ actor: mo, messageId: plain.id, option: 'Beschikbaar' }), NotACallUp, 'MESSAGE.NOT_A_CALL_UP');
      refusal(await answer.execute({ actor: mo, messageId: message.id, option: 'Misschien' }), UnknownAnswer, 'MESSAGE.UNKNOWN_ANSWER');
      message.close(p.clock.now());
      refusal(await answer.execute({ actor: mo, messageId: message.id, option: 'Beschikbaar' }), CallUpClosed, 'MESSAGE.CALL_UP_CLOSED');
      expect(p.tables.recipients.every((r) => r.answer === null)).to.equal(true);
    });

    it('closes a call-up that closes itself at its goal: pending waves cancelled, those who did not answer told they are not needed', async () => {
      const p = world();
      const message = await callUp(p, { audience: toUsers(MO, CAS, LOU), goal: { option: 'Beschikbaar', count: 2, autoClose: true }, waves: [{ afterMinutes: 10, audience: toUsers(COORD) }] });
      const answer = new AnswerCallUp(p, p.fanOut);
      valueOf(await answer.execute({ actor: mo, messageId: message.id, option: 'Beschikbaar' }));
      expect(message.closedAt).to.equal(null);
      valueOf(await answer.execute({ actor: cas, messageId: message.id, option: 'Beschikbaar' }));
      expect(message.closedAt).to.deep.equal(p.clock.now());
      expect(p.tables.waves.map((w) => w.cancelledAt)).to.deep.equal([p.clock.now()]);
      const notice = p.tables.messages.find((m) => m.source === `call-up:${message.id}`)!;
      expect(notice).to.deep.include({ title: 'Niet meer nodig: Oproep: brand', senderType: 'system', status: 'sent', recipientCount: 1 });
      expect(p.tables.recipientsOf(T, notice.id).map((r) => r.userId)).to.deep.equal([LOU]);
      expect(p.tables.outbox.map((o) => o.messageId)).to.deep.equal([notice.id]);
    });
  });

  describe('devices', () => {
    it('RegisterDevice registers a new token, and moves a known token to the caller instead of doubling it', async () => {
      const p = world();
      const registered = valueOf(await new RegisterDevice(p).execute({ actor: mo, platform: 'web', token: WEB_TOKEN, appVersion: '3.1.0' }));
      expect(p.tables.devices).to.deep.equal([registered]);
      expect(registered).to.deep.include({ userId: MO, platform: 'web', appVersion: '3.1.0', disabledAt: null });
      registered.disabledAt = p.clock.now();
      const moved = valueOf(await new RegisterDevice(p).execute({ actor: cas, platform: 'web', token: WEB_TOKEN, appVersion: '3.2.0' }));
      expect(moved).to.equal(registered);
      expect(p.tables.devices).to.have.length(1);
      expect(moved).to.deep.include({ userId: CAS, appVersion: '3.2.0', disabledAt: null });
      expect(await new ListDevices(p).execute({ actor: cas })).to.deep.equal([moved]);
      expect(await new ListDevices(p).execute({ actor: mo })).to.deep.equal([]);
    });

    it('RegisterDevice refuses an app older than the minimum (AppUpdateRequired) and a bad token or version (InvalidDevice), storing nothing', async () => {
      const p = world();
      p.tables.minimums.set(T, { android: '3.0.0' });
      const register = new RegisterDevice(p);
      refusal(await register.execute({ actor: mo, platform: 'android', token: 'token-mo-1', appVersion: '2.9.9' }), AppUpdateRequired, 'APP.UPDATE_REQUIRED');
      expect(refusal(await register.execute({ actor: mo, platform: 'web', token: 'not a subscription', appVersion: '3.1.0' }), InvalidDevice, 'DEVICE.INVALID').fields[0]!.pointer).to.equal('/token');
      expect(refusal(await register.execute({ actor: mo, platform: 'android', token: 'token-mo-1', appVersion: 'drie' }), InvalidDevice, 'DEVICE.INVALID').fields[0]!.pointer).to.equal('/appVersion');
      expect(p.tables.devices).to.deep.equal([]);
      const known = device(p, CAS, 'token-cas-1');
      refusal(await register.execute({ actor: mo, platform: 'android', token: 'token-cas-1', appVersion: 'drie' }), InvalidDevice, 'DEVICE.INVALID');
      expect(known.userId).to.equal(CAS);
    });

    it("UnregisterDevice removes the caller's own device; someone else's or an unknown one is NotFound", async () => {
      const p = world();
      const mine = device(p, MO, 'token-mo-1');
      const theirs = device(p, CAS, 'token-cas-1');
      refusal(await new UnregisterDevice(p).execute({ actor: mo, deviceId: theirs.id }), NotFound, 'DEVICE.NOT_FOUND');
      refusal(await new UnregisterDevice(p).execute({ actor: mo, deviceId: UNKNOWN }), NotFound, 'DEVICE.NOT_FOUND');
      valueOf(await new UnregisterDevice(p).execute({ actor: mo, deviceId: mine.id }));
      expect(p.tables.devices).to.deep.equal([theirs]);
    });

    it('SetMinimumVersions stores the minimums GetMinimumVersions gives; a version that is none is InvalidDevice', async () => {
      const p = world();
      expect(valueOf(await new SetMinimumVersions(p).execute({ tenantId: T, minimums: { ios: '3.0', android: '2.10.1' } }))).to.deep.equal({ ios: '3.0', android: '2.10.1' });
      expect(await new GetMinimumVersions(p).execute({ tenantId: T })).to.deep.equal({ ios: '3.0', android: '2.10.1' });
      expect(refusal(await new SetMinimumVersions(p).execute({ tenantId: T, minimums: { web: 'nieuw' } }), InvalidDevice, 'DEVICE.INVALID').fields[0]!.pointer).to.equal('/web');
      expect(await new GetMinimumVersions(p).execute({ tenantId: T })).to.deep.equal({ ios: '3.0', android: '2.10.1' });
    });

    it('CheckAppVersion refuses an app below the minimum (AppUpdateRequired), lets unknown platforms and versions pass, and reads the minimums once per cache period', async () => {
      const p = world();
      p.tables.minimums.set(T, { ios: '3.2.0' });
      const check = new CheckAppVersion(p);
      refusal(await check.execute({ tenantId: T, platform: 'ios', version: '3.1.9' }), AppUpdateRequired, 'APP.UPDATE_REQUIRED');
      valueOf(await check.execute({ tenantId: T, platform: 'ios', version: '3.10.0' }));
      valueOf(await check.execute({ tenantId: T, platform: 'android', version: '1.0.0' }));
      valueOf(await check.execute({ tenantId: T, platform: 'symbian', version: '1.0.0' }));
      valueOf(await check.execute({ tenantId: T, platform: 'ios', version: 'oud' }));
      expect(p.versions.reads).to.equal(1);
      expect(p.transactions.opened).to.deep.equal([T]);
      p.tables.minimums.set(T, {});
      check.forget(T);
      valueOf(await check.execute({ tenantId: T, platform: 'ios', version: '3.1.9' }));
      expect(p.versions.reads).to.equal(2);
    });
  });

  describe('ListMessages, GetMessageStats, PreviewReach and ListResponses', () => {
    it("ListMessages pages the tenant's messages newest first", async () => {
      const p = world();
      const older = await sent(p, { title: 'Oud' });
      p.clock.advance(1000);
      const newer = await sent(p, { title: 'Nieuw', scheduledAt: new Date(p.clock.now().getTime() + 60_000) });
      expect(await new ListMessages(p).execute({ tenantId: T, page: 1, pageSize: 10 })).to.deep.equal({ items: [newer, older], total: 2 });
      expect(await new ListMessages(p).execute({ tenantId: OTHER_TENANT, page: 1, pageSize: 10 })).to.deep.equal({ items: [], total: 0 });
    });

    it('GetMessageStats counts a plain message, and a call-up with its state, progress and waves', async () => {
      const p = world();
      device(p, MO, 'token-mo-1');
      const plain = await sent(p);
      await p.transactions.commit();
      const stats = valueOf(await new GetMessageStats(p).execute({ tenantId: T, messageId: plain.id }));
      expect(stats.callUp).to.equal(null);
      expect(stats.counts).to.deep.include({ recipients: 2, delivered: 0, read: 0, answered: 0, devices: { queued: 1, sent: 0, failed: 0 }, sms: {}, email: {} });

      const call = await callUp(p, { goal: { option: 'Beschikbaar', count: 2 }, waves: [{ afterMinutes: 5, audience: toUsers(LOU) }] });
      await new AnswerCallUp(p, p.fanOut).execute({ actor: mo, messageId: call.id, option: 'Beschikbaar' });
      const view = valueOf(await new GetMessageStats(p).execute({ tenantId: T, messageId: call.id }));
      expect(view.counts).to.deep.include({ answered: 1, read: 1, answers: { Beschikbaar: 1 } });
      expect(view.callUp).to.deep.include({ state: 'open', progress: { answers: 1, needed: 1 } });
      expect(view.callUp!.waves.map((w) => [w.position, w.sentAt])).to.deep.equal([[2, null]]);
      await new AnswerCallUp(p, p.fanOut).execute({ actor: cas, messageId: call.id, option: 'Beschikbaar' });
      expect(valueOf(await new GetMessageStats(p).execute({ tenantId: T, messageId: call.id })).callUp).to.deep.include({ state: 'goal_reached', progress: { answers: 2, needed: 0 } });
    });

    it('GetMessageStats answers NotFound for an unknown message', async () => {
      const p = world();
      refusal(await new GetMessageStats(p).execute({ tenantId: T, messageId: UNKNOWN }), NotFound, 'MESSAGE.NOT_FOUND');
    });

    it('PreviewReach counts the active people and their devices, storing nothing; unknown groups and users are UnknownAudience', async () => {
      const p = world();
      device(p, MO, 'token-mo-1');
      device(p, MO, 'token-mo-2');
      device(p, LOU, 'token-lou-1');
      expect(valueOf(await new PreviewReach(p).execute({ tenantId: T, audience: { everyone: false, groupIds: [GROUP, GROUP], userIds: [IVO] } }))).to.deep.equal({ people: 2, devices: 2 });
      const unknown = refusal(await new PreviewReach(p).execute({ tenantId: T, audience: { everyone: false, groupIds: [UNKNOWN], userIds: [MO, UNKNOWN] } }), UnknownAudience, 'MESSAGE.UNKNOWN_AUDIENCE');
      expect(unknown.fields.map((f) => f.pointer)).to.deep.equal(['/body/groupIds/0', '/body/userIds/1']);
      expect(p.tables.messages).to.deep.equal([]);
    });

    it('ListResponses shows each recipient with name, answer and channels, filtered, recording each person shown as read', async () => {
      const p = world();
      const call = await callUp(p, { audience: toUsers(MO, CAS, LOU) });
      await new AnswerCallUp(p, p.fanOut).execute({ actor: mo, messageId: call.id, option: 'Beschikbaar' });
      p.clock.advance(1000);
      await new AnswerCallUp(p, p.fanOut).execute({ actor: cas, messageId: call.id, option: 'Niet beschikbaar' });
      const responses = new ListResponses(p);
      const all = valueOf(await responses.execute({ actor: coordinator, messageId: call.id, page: 1, pageSize: 10 }));
      expect(all.total).to.equal(3);
      expect(all.items.map((r) => [r.name, r.answer, r.answeredVia, r.wave])).to.deep.equal([
        ['Cas Collega', 'Niet beschikbaar', 'app', 1],
        ['Mo Lid', 'Beschikbaar', 'app', 1],
        ['Lou Los', null, null, 1],
      ]);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([
        ['personal_data.read', CAS, { category: 'message_responses' }],
        ['personal_data.read', MO, { category: 'message_responses' }],
        ['personal_data.read', LOU, { category: 'message_responses' }],
      ]);
      expect(valueOf(await responses.execute({ actor: coordinator, messageId: call.id, page: 1, pageSize: 10, answer: 'Beschikbaar' })).items.map((r) => r.userId)).to.deep.equal([MO]);
      expect(valueOf(await responses.execute({ actor: coordinator, messageId: call.id, page: 1, pageSize: 10, unanswered: true })).items.map((r) => r.userId)).to.deep.equal([LOU]);
      await new MessagingPersonalData(p).eraseSubject({ tenantId: T, userId: MO, pseudonym: 'Verwijderd' });
      expect(valueOf(await responses.execute({ actor: coordinator, messageId: call.id, page: 1, pageSize: 10, answer: 'Beschikbaar' })).items.map((r) => r.name)).to.deep.equal(['(removed)']);
    });

    it('ListResponses answers NotFound for an unknown message, recording nothing', async () => {
      const p = world();
      refusal(await new ListResponses(p).execute({ actor: coordinator, messageId: UNKNOWN, page: 1, pageSize: 10 }), NotFound, 'MESSAGE.NOT_FOUND');
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('message templates', () => {
    it('CreateMessageTemplate stores a checked template and audits it; List and Get read it back', async () => {
      const p = world();
      const created = valueOf(await new CreateMessageTemplate(p).execute({ actor: coordinator, fields: templateFields({ name: '  Brand  ' }) }));
      expect(p.tables.templates).to.deep.equal([created]);
      expect(created).to.deep.include({ name: 'Brand', tenantId: T });
      template(p, { name: 'Afgelasting', goal: null, waves: [], answerOptions: [] });
      expect((await new ListMessageTemplates(p).execute({ tenantId: T })).map((t) => t.name)).to.deep.equal(['Afgelasting', 'Brand']);
      expect(valueOf(await new GetMessageTemplate(p).execute({ tenantId: T, templateId: created.id }))).to.equal(created);
      expect(p.audit.entries.map((e) => [e.action, e.subjectType, e.subjectId])).to.deep.equal([['message_template.created', 'message_template', created.id]]);
    });

    it('CreateMessageTemplate refuses an invalid template (InvalidMessage), an unknown placeholder (UnknownPlaceholder) and unknown wave audiences (UnknownAudience), storing nothing', async () => {
      const p = world();
      const create = new CreateMessageTemplate(p);
      refusal(await create.execute({ actor: coordinator, fields: templateFields({ name: '' }) }), InvalidMessage, 'MESSAGE.INVALID');
      expect(refusal(await create.execute({ actor: coordinator, fields: templateFields({ body: '{{incident.time}}' }) }), UnknownPlaceholder, 'MESSAGE_TEMPLATE.UNKNOWN_PLACEHOLDER').fields[0]!.pointer).to.equal('/body');
      expect(refusal(await create.execute({ actor: coordinator, fields: templateFields({ waves: [{ afterMinutes: 5, audience: toUsers(UNKNOWN), remind: false }] }) }), UnknownAudience, 'MESSAGE.UNKNOWN_AUDIENCE').fields[0]!.pointer).to.equal(
        '/waves/0/audience/userIds/0',
      );
      expect(p.tables.templates).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('GetMessageTemplate answers NotFound for an unknown template', async () => {
      const p = world();
      refusal(await new GetMessageTemplate(p).execute({ tenantId: T, templateId: UNKNOWN }), NotFound, 'MESSAGE_TEMPLATE.NOT_FOUND');
    });

    it('ReplaceMessageTemplate replaces the fields and audits; NotFound, UnknownAudience and InvalidMessage leave it as it was', async () => {
      const p = world();
      const saved = template(p);
      const replace = new ReplaceMessageTemplate(p);
      p.clock.advance(1000);
      valueOf(await replace.execute({ actor: coordinator, templateId: saved.id, fields: templateFields({ title: 'Brand!' }) }));
      expect(saved).to.deep.include({ title: 'Brand!', updatedAt: p.clock.now() });
      refusal(await replace.execute({ actor: coordinator, templateId: UNKNOWN, fields: templateFields() }), NotFound, 'MESSAGE_TEMPLATE.NOT_FOUND');
      refusal(await replace.execute({ actor: coordinator, templateId: saved.id, fields: templateFields({ waves: [{ afterMinutes: 5, audience: { everyone: false, groupIds: [UNKNOWN], userIds: [] }, remind: false }] }) }), UnknownAudience, 'MESSAGE.UNKNOWN_AUDIENCE');
      refusal(await replace.execute({ actor: coordinator, templateId: saved.id, fields: templateFields({ answerOptions: ['Alleen'] }) }), InvalidMessage, 'MESSAGE.INVALID');
      refusal(await replace.execute({ actor: coordinator, templateId: saved.id, fields: templateFields({ title: '{{onbekend}}' }) }), UnknownPlaceholder, 'MESSAGE_TEMPLATE.UNKNOWN_PLACEHOLDER');
      expect(saved.title).to.equal('Brand!');
      expect(p.audit.actions()).to.deep.equal(['message_template.updated']);
    });

    it('DeleteMessageTemplate removes the template and audits; NotFound for an unknown one', async () => {
      const p = world();
      const saved = template(p);
      valueOf(await new DeleteMessageTemplate(p).execute({ actor: coordinator, templateId: saved.id }));
      expect(p.tables.templates).to.deep.equal([]);
      refusal(await new DeleteMessageTemplate(p).execute({ actor: coordinator, templateId: saved.id }), NotFound, 'MESSAGE_TEMPLATE.NOT_FOUND');
      expect(p.audit.actions()).to.deep.equal(['message_template.deleted']);
    });

    it('EnsureMessageTemplates creates, updates or leaves each named template, audits once only when something changed, and gives the ids by name', async () => {
      const p = world();
      const ensure = new EnsureMessageTemplates(p);
      const first = valueOf(await ensure.execute({ tenantId: T, templates: [templateFields(), templateFields({ name: 'Afgelasting', answerOptions: [], goal: null, waves: [] })] }));
      expect([first.created, first.updated, first.unchanged]).to.deep.equal([2, 0, 0]);
      expect([...first.idsByName.keys()]).to.deep.equal(['Brand', 'Afgelasting']);
      expect(p.audit.entries).to.deep.equal([
        { tenantId: T, action: 'message_template.applied', actorType: 'system', actorId: null, subjectType: 'tenant', subjectId: T, details: { source: 'tenant file', created: 2, updated: 0, unchanged: 0 } },
      ]);
      const brand = p.tables.templates.find((t) => t.name === 'Brand')!;
      const stamp = brand.updatedAt;
      p.clock.advance(1000);
      const again = valueOf(await ensure.execute({ tenantId: T, templates: [templateFields()] }));
      expect([again.created, again.updated, again.unchanged]).to.deep.equal([0, 0, 1]);
      expect(brand.updatedAt).to.equal(stamp);
      expect(p.audit.entries).to.have.length(1);
      const changed = valueOf(await ensure.execute({ tenantId: T, templates: [templateFields({ body: 'Anders.' })] }));
      expect([changed.created, changed.updated, changed.idsByName.get('Brand')]).to.deep.equal([0, 1, brand.id]);
      expect(brand.body).to.equal('Anders.');
      expect(p.audit.entries).to.have.length(2);
    });

    it('EnsureMessageTemplates stops at the first template that is refused (UnknownAudience, InvalidMessage, UnknownPlaceholder)', async () => {
      const p = world();
      const ensure = new EnsureMessageTemplates(p);
      template(p);
      refusal(await ensure.execute({ tenantId: T, templates: [templateFields({ waves: [{ afterMinutes: 5, audience: toUsers(UNKNOWN), remind: false }] })] }), UnknownAudience, 'MESSAGE.UNKNOWN_AUDIENCE');
      refusal(await ensure.execute({ tenantId: T, templates: [templateFields({ answerOptions: ['Eén'] })] }), InvalidMessage, 'MESSAGE.INVALID');
      refusal(await ensure.execute({ tenantId: T, templates: [templateFields({ name: 'Nieuw', title: '{{x}}' })] }), UnknownPlaceholder, 'MESSAGE_TEMPLATE.UNKNOWN_PLACEHOLDER');
      expect(p.tables.templates.map((t) => t.name)).to.deep.equal(['Brand']);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('MessageTemplateCatalogue previews a template filled in, its raw text when a value is missing, null for an unknown one', async () => {
      const p = world();
      const saved = template(p);
      const catalogue = new MessageTemplateCatalogue(p);
      expect(await catalogue.preview(T, saved.id, { 'incident.title': 'Hal 3', 'incident.location': 'Dorp' })).to.deep.equal({ name: 'Brand', title: 'Brand: Hal 3', body: 'Kom naar Dorp.' });
      expect(await catalogue.preview(T, saved.id, {})).to.deep.equal({ name: 'Brand', title: 'Brand: {{incident.title}}', body: 'Kom naar {{incident.location}}.' });
      expect(await catalogue.preview(T, UNKNOWN, {})).to.equal(null);
    });
  });

  describe('MessagingPersonalData', () => {
    it("exports the messages a person received (with read and answer) and their devices, and erases both, the counts kept anonymous", async () => {
      const p = world();
      const phone = device(p, MO, 'token-mo-1');
      const call = await callUp(p);
      await new AnswerCallUp(p, p.fanOut).execute({ actor: mo, messageId: call.id, option: 'Beschikbaar' });
      const holder = new MessagingPersonalData(p);
      expect(holder.category).to.equal('messages');
      const at = p.clock.now().toISOString();
      expect(await holder.exportSubject({ tenantId: T, userId: MO })).to.deep.equal([
        { type: 'message_received', messageId: call.id, title: 'Oproep: brand', body: 'Wie kan komen?', sentAt: at, readAt: at, answer: 'Beschikbaar', answeredAt: at },
        { type: 'device', deviceId: phone.id, platform: 'android', appVersion: '3.1.0', registeredAt: at, disabled: false },
      ]);
      await holder.eraseSubject({ tenantId: T, userId: MO, pseudonym: 'Verwijderd' });
      expect(await holder.exportSubject({ tenantId: T, userId: MO })).to.deep.equal([]);
      expect(p.tables.devices).to.deep.equal([]);
      expect(p.tables.deliveries.some((d) => d.userId === MO)).to.equal(false);
      expect(valueOf(await new GetMessageStats(p).execute({ tenantId: T, messageId: call.id })).counts).to.deep.include({ recipients: 2, answered: 1 });
    });
  });

  describe('NotifyPeople', () => {
    const notification = (extra: Partial<Notification> = {}): Notification => ({ tenantId: T, senderId: COORD, userIds: [MO, CAS], title: 'Incident: brand', body: 'Kom naar hal 3.', priority: 'urgent', source: 'incident:1', ...extra });

    it('sends the words of the other module as a plain message to the people named, cut to the bounds of a message', async () => {
      const p = world();
      await new NotifyPeople(p.sender).execute(notification({ title: `  ${'T'.repeat(200)}  ` }));
      const [message] = p.tables.messages;
      expect(message).to.deep.include({ priority: 'urgent', source: 'incident:1', senderType: 'user', senderId: COORD, body: 'Kom naar hal 3.', answerOptions: [] });
      expect(message!.title).to.have.length(MESSAGE_TITLE_MAX);
      expect(message!.title.endsWith('…')).to.equal(true);
      expect(p.tables.recipients.map((r) => r.userId)).to.have.members([MO, CAS]);
    });

    it('sends from a template with the words as its text, staying urgent; tells nobody when nobody is named', async () => {
      const p = world();
      const saved = template(p, { priority: 'normal', goal: null, waves: [] });
      await new NotifyPeople(p.sender).execute(notification({ template: { id: saved.id, placeholders: { 'incident.title': 'Hal 3', 'incident.location': 'Dorp' } } }));
      expect(p.tables.messages).to.have.length(1);
      expect(p.tables.messages[0]).to.deep.include({ title: 'Incident: brand', priority: 'urgent', answerOptions: options });
      await new NotifyPeople(p.sender).execute(notification({ userIds: [] }));
      expect(p.tables.messages).to.have.length(1);
    });

    it('falls back to a plain message when the template cannot go to these people (its goal beyond them)', async () => {
      const p = world();
      const saved = template(p, { goal: { option: 'Beschikbaar', count: 5, withinMinutes: null, autoClose: false }, waves: [] });
      await new NotifyPeople(p.sender).execute(notification({ template: { id: saved.id, placeholders: { 'incident.title': 'Hal 3', 'incident.location': 'Dorp' } } }));
      expect(p.tables.messages.map((m) => [m.answerOptions, m.goal])).to.deep.equal([[[], null]]);
    });

    it('lets the caller go on when none of the people is active (NoRecipients), and throws any other refusal (UnknownAudience)', async () => {
      const p = world();
      await new NotifyPeople(p.sender).execute(notification({ userIds: [IVO] }));
      const saved = template(p);
      await new NotifyPeople(p.sender).execute(notification({ userIds: [IVO], template: { id: saved.id, placeholders: { 'incident.title': 'x', 'incident.location': 'y' } } }));
      expect(p.tables.messages).to.deep.equal([]);
      let thrown: unknown;
      await new NotifyPeople(p.sender).execute(notification({ userIds: [UNKNOWN] })).catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(UnknownAudience);
    });
  });
});
