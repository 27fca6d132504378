import { expect } from 'chai';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';

async function created(t: OnboardedTenant, path: string, body: unknown): Promise<string> {
  const reply = await call('POST', path, { token: t.adminToken, body });
  expect(reply.status, reply.text).to.equal(201);
  return reply.body.id as string;
}

function expectNotFound(reply: Awaited<ReturnType<typeof call>>, what: string): void {
  expect(reply.status, reply.text).to.equal(404);
  expect(reply.body.type).to.equal('/problems/not-found');
  expect(reply.body.detail).to.equal(`No ${what.toLowerCase()} with this id exists.`);
}

describe('content: ids in request bodies must be of the caller\'s tenant', () => {
  let a: OnboardedTenant;
  let b: OnboardedTenant;
  const foreign = { contactId: '', userId: '', taskCardId: '', groupId: '', folderId: '' };
  const own = { contactId: '', userId: '', taskCardId: '', pageId: '' };

  before(async function () {
    this.timeout(60_000);
    a = await onboardTenant();
    b = await onboardTenant();
    foreign.contactId = await created(b, '/v1/contacts', { name: 'Jan Buitenland', phones: ['+31 88 0000000'] });
    foreign.userId = (await addUser(b, ['member'])).id;
    foreign.taskCardId = await created(b, '/v1/content/items', { kind: 'task_card', title: 'Taakkaart B', body: { role: 'Ploegleider', steps: ['Alarmeer'] } });
    foreign.groupId = await created(b, '/v1/groups', { name: 'Team B', type: 'team' });
    foreign.folderId = await created(b, '/v1/content/items', { kind: 'folder', title: 'Map B', body: { icon: 'map' } });
    own.contactId = await created(a, '/v1/contacts', { name: 'Piet de Boer', phones: ['+31 88 1234567'] });
    own.userId = (await addUser(a, ['member'])).id;
    own.taskCardId = await created(a, '/v1/content/items', { kind: 'task_card', title: 'Taakkaart A', body: { role: 'Ploegleider', steps: ['Alarmeer'] } });
    own.pageId = await created(a, '/v1/content/items', { kind: 'page', title: 'Pagina A', body: { markdown: 'x' } });
  });

  async function itemCount(): Promise<number> {
    return ((await call('GET', '/v1/content/items', { token: a.adminToken })).body.items as unknown[]).length;
  }

  it('refuses another tenant\'s contact or user in a contact list, on create and on update, storing nothing', async () => {
    const before = await itemCount();
    expectNotFound(await call('POST', '/v1/content/items', { token: a.adminToken, body: { kind: 'contact_list', title: 'Lijst', body: { entries: [{ contactId: own.contactId }, { contactId: foreign.contactId }] } } }), 'Contact');
    expectNotFound(await call('POST', '/v1/content/items', { token: a.adminToken, body: { kind: 'contact_list', title: 'Lijst', body: { entries: [{ userId: own.userId }, { userId: foreign.userId }] } } }), 'User');
    expectNotFound(await call('POST', '/v1/content/items', { token: a.adminToken, body: { kind: 'contact_list', title: 'Lijst', body: { entries: [{ contactId: '00000000-0000-4000-8000-000000000000' }] } } }), 'Contact');
    expect(await itemCount()).to.equal(before);

    const list = await created(a, '/v1/content/items', { kind: 'contact_list', title: 'Lijst', body: { entries: [{ contactId: own.contactId }, { userId: own.userId }] } });
    expectNotFound(await call('PATCH', `/v1/content/items/${list}`, { token: a.adminToken, body: { body: { entries: [{ contactId: foreign.contactId }] } } }), 'Contact');
    expectNotFound(await call('PATCH', `/v1/content/items/${list}`, { token: a.adminToken, body: { body: { entries: [{ userId: foreign.userId }] } } }), 'User');
    const kept = await call('GET', `/v1/content/items/${list}`, { token: a.adminToken });
    expect(kept.body.body).to.deep.equal({ entries: [{ contactId: own.contactId }, { userId: own.userId }] });
  });

  it('refuses another tenant\'s task card (or an item that is no task card) in a scenario, storing nothing', async () => {
    const before = await itemCount();
    expectNotFound(await call('POST', '/v1/content/items', { token: a.adminToken, body: { kind: 'scenario', title: 'Brand', body: { description: 'x', taskCardIds: [own.taskCardId, foreign.taskCardId] } } }), 'Task card');
    expectNotFound(await call('POST', '/v1/content/items', { token: a.adminToken, body: { kind: 'scenario', title: 'Brand', body: { description: 'x', taskCardIds: [own.pageId] } } }), 'Task card');
    expect(await itemCount()).to.equal(before);
    const scenario = await created(a, '/v1/content/items', { kind: 'scenario', title: 'Brand', body: { description: 'x', taskCardIds: [own.taskCardId] } });
    expectNotFound(await call('PATCH', `/v1/content/items/${scenario}`, { token: a.adminToken, body: { body: { description: 'y', taskCardIds: [foreign.taskCardId] } } }), 'Task card');
    expect((await call('GET', `/v1/content/items/${scenario}`, { token: a.adminToken })).body.body).to.deep.equal({ description: 'x', taskCardIds: [own.taskCardId] });
  });

  it('refuses another tenant\'s group in an audience and another tenant\'s folder as parent, changing nothing', async () => {
    const page = await created(a, '/v1/content/items', { kind: 'page', title: 'Pagina', body: { markdown: 'x' } });
    expectNotFound(await call('PUT', `/v1/content/items/${page}/audience`, { token: a.adminToken, body: { everyone: true, groupIds: [foreign.groupId] } }), 'Group');
    expect((await call('GET', `/v1/content/items/${page}`, { token: a.adminToken })).body.audience).to.deep.equal({ everyone: false, groupIds: [], userIds: [] });

    const before = await itemCount();
    expectNotFound(await call('POST', '/v1/content/items', { token: a.adminToken, body: { parentId: foreign.folderId, kind: 'page', title: 'Onder B', body: { markdown: 'x' } } }), 'Content item');
    expect(await itemCount()).to.equal(before);
    expectNotFound(await call('POST', `/v1/content/items/${page}/move`, { token: a.adminToken, body: { parentId: foreign.folderId, position: 0 } }), 'Content item');
    expect((await call('GET', `/v1/content/items/${page}`, { token: a.adminToken })).body.parentId).to.equal(null);
  });
});
