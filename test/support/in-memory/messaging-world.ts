import { FanOut } from '../../../src/modules/messaging/application/fan-out.js';
import { SendMessage, type SendMessageCommand } from '../../../src/modules/messaging/application/send-message.js';
import { Device, type Platform } from '../../../src/modules/messaging/domain/device.js';
import type { Message } from '../../../src/modules/messaging/domain/message.js';
import { MessageTemplate, type MessageTemplateFields } from '../../../src/modules/messaging/domain/message-template.js';
import { inMemoryMessaging } from './messaging.js';
import { apiKeyActor, userActor } from './platform.js';
import { valueOf } from './result.js';

/** One tenant for the messaging specs: a coordinator, three active members (two in one group) and one not yet active. */
export const T = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
export const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const COORD = '11111111-1111-4111-8111-111111111111';
export const MO = '22222222-2222-4222-8222-222222222222';
export const CAS = '33333333-3333-4333-8333-333333333333';
export const LOU = '44444444-4444-4444-8444-444444444444';
export const IVO = '55555555-5555-4555-8555-555555555555';
export const GROUP = '66666666-6666-4666-8666-666666666666';
export const EMPTY_GROUP = '77777777-7777-4777-8777-777777777777';
export const UNKNOWN = '88888888-8888-4888-8888-888888888888';

export const coordinator = userActor({ tenantId: T, userId: COORD, roles: ['coordinator'] });
export const mo = userActor({ tenantId: T, userId: MO, roles: ['member'] });
export const cas = userActor({ tenantId: T, userId: CAS, roles: ['member'] });
export const integration = apiKeyActor({ tenantId: T, keyId: 'key-1', permissions: ['messages.send'] });

export function world() {
  const p = inMemoryMessaging([T]);
  p.people.groups.add(GROUP).add(EMPTY_GROUP);
  p.people.people.push(
    { id: COORD, name: 'Cora Coördinator', phone: '0612345678', email: 'cora@oost.example', active: true, groupIds: [] },
    { id: MO, name: 'Mo Lid', phone: '06 1234 5679', email: 'mo@oost.example', active: true, groupIds: [GROUP] },
    { id: CAS, name: 'Cas Collega', phone: '12-34-56', email: 'cas@oost.example', active: true, groupIds: [GROUP] },
    { id: LOU, name: 'Lou Los', phone: null, email: 'lou@oost.example', active: true, groupIds: [] },
    { id: IVO, name: 'Ivo Uitgenodigd', phone: null, email: 'ivo@oost.example', active: false, groupIds: [GROUP] },
  );
  const fanOut = new FanOut(p);
  return { ...p, fanOut, sender: new SendMessage(p, fanOut) };
}

export type World = ReturnType<typeof world>;

export const toGroup = { everyone: false, groupIds: [GROUP], userIds: [] };
export const toUsers = (...userIds: string[]) => ({ everyone: false, groupIds: [], userIds });

export function command(extra: Partial<SendMessageCommand> = {}): SendMessageCommand {
  return { tenantId: T, senderType: 'user', senderId: COORD, title: 'Oefening vanavond', body: 'Om 19:00 in de kazerne.', audience: toGroup, ...extra };
}

/** A message sent through SendMessage, its after-commit dispatch still waiting. */
export async function sent(p: World, extra: Partial<SendMessageCommand> = {}): Promise<Message> {
  return valueOf(await p.sender.execute(command(extra)));
}

export const options = ['Beschikbaar', 'Niet beschikbaar'];

/** A call-up to the group (Mo and Cas), dispatched: its outbox entry gone, its deliveries queued. */
export async function callUp(p: World, extra: Partial<SendMessageCommand> = {}): Promise<Message> {
  const message = await sent(p, { title: 'Oproep: brand', body: 'Wie kan komen?', answerOptions: options, ...extra });
  await p.transactions.commit();
  return message;
}

export function device(p: World, userId: string, token: string, platform: Platform = 'android'): Device {
  const registered = valueOf(Device.register({ tenantId: T, userId, platform, token, appVersion: '3.1.0' }, p.clock.now()));
  p.devices.add(registered);
  return registered;
}

export const templateFields = (extra: Partial<MessageTemplateFields> = {}): MessageTemplateFields => ({
  name: 'Brand',
  title: 'Brand: {{incident.title}}',
  body: 'Kom naar {{incident.location}}.',
  format: 'plain',
  priority: 'urgent',
  answerOptions: options,
  goal: { option: 'Beschikbaar', count: 2, withinMinutes: 30, autoClose: true },
  waves: [{ afterMinutes: 10, audience: toUsers(LOU), remind: true }],
  ...extra,
});

export function template(p: World, extra: Partial<MessageTemplateFields> = {}): MessageTemplate {
  const created = valueOf(MessageTemplate.create(T, templateFields(extra), p.clock.now()));
  p.templates.add(created);
  return created;
}
