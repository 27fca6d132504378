import { expect } from 'chai';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, type Reply } from '../helpers/http.js';

async function created(reply: Promise<Reply>): Promise<string> {
  const r = await reply;
  expect(r.status, r.text).to.be.oneOf([200, 201]);
  return r.body.id as string;
}

function item(t: OnboardedTenant, body: Record<string, unknown>): Promise<string> {
  return created(call('POST', '/v1/content/items', { token: t.adminToken, body }));
}

async function publish(t: OnboardedTenant, ...ids: string[]): Promise<void> {
  for (const id of ids) expect((await call('POST', `/v1/content/items/${id}/publish`, { token: t.adminToken })).status).to.equal(200);
}

async function audience(t: OnboardedTenant, id: string, body: { everyone: boolean; groupIds?: string[]; userIds?: string[] }): Promise<Reply> {
  const reply = await call('PUT', `/v1/content/items/${id}/audience`, { token: t.adminToken, body });
  expect(reply.status, reply.text).to.equal(200);
  return reply;
}

function titles(reply: Reply): string[] {
  return (reply.body.items as Array<{ title: string }>).map((i) => i.title).sort();
}

describe('content: the crisis information tree', () => {
  it('builds a tree of every kind, ordered among siblings, as drafts until published', async () => {
    const t = await onboardTenant();
    const folder = await item(t, { kind: 'folder', title: 'Calamiteiten', body: { icon: 'alert' } });
    const card = await item(t, { parentId: folder, kind: 'task_card', title: "Taakkaart BHV'er", body: { role: "BHV'er", steps: ['Alarmeer', 'Ontruim', 'Tel de bewoners'] } });
    const page = await item(t, { parentId: folder, kind: 'page', title: 'Brand', body: { markdown: '# Brand\nBel 112.' }, position: 0 });
    await item(t, { parentId: folder, kind: 'scenario', title: 'Scenario brand', body: { description: 'Bij brand', escalationLevels: [{ level: 1, name: 'GRIP 1' }], taskCardIds: [card] } });
    await item(t, { parentId: folder, kind: 'link', title: 'KNMI', body: { url: 'https://www.knmi.nl' } });
    await item(t, { parentId: folder, kind: 'document', title: 'Ontruimingsplan', body: { mediaId: null, fileName: null } });
    const tree = await call('GET', '/v1/content/items', { token: t.adminToken });
    const children = (tree.body.items as Array<{ id: string; parentId: string; position: number; status: string }>).filter((i) => i.parentId === folder).sort((a, b) => a.position - b.position);
    expect(children.map((c) => c.id).slice(0, 2)).to.deep.equal([page, card]);
    expect(children.map((c) => c.position)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(children.every((c) => c.status === 'draft')).to.equal(true);
  });

  it('refuses bad content with the field named, and items under anything but a folder', async () => {
    const t = await onboardTenant();
    const page = await item(t, { kind: 'page', title: 'Pagina', body: { markdown: 'x' } });
    const link = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'link', title: 'X', body: { url: 'javascript:alert(1)' } } });
    expect(link.status).to.equal(400);
    // The errors of the kind that was sent, not one set per kind of item.
    expect(link.body.errors, link.text).to.deep.equal([{ pointer: '/body/body/url', detail: 'must match pattern "^https?://"' }]);
    const wrongField = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'page', title: 'X', body: { markdown: 7 } } });
    expect(wrongField.status).to.equal(400);
    expect(wrongField.body.errors, wrongField.text).to.deep.equal([{ pointer: '/body/body/markdown', detail: 'must be string' }]);
    const unknownKind = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'poster', title: 'X', body: {} } });
    expect(unknownKind.status).to.equal(400);
    expect(unknownKind.body.errors, unknownKind.text).to.have.length(1);
    expect(unknownKind.body.errors[0].pointer).to.equal('/body/kind');
    expect(unknownKind.body.errors[0].detail).to.contain('folder, page, scenario, task_card, contact_list, document, link');
    const wrongBody = await call('PATCH', `/v1/content/items/${page}`, { token: t.adminToken, body: { body: { url: 'https://example.org' } } });
    expect(wrongBody.status).to.equal(400);
    expect(wrongBody.body.errors[0].pointer).to.match(/\/body\/body\//);
    const under = await call('POST', '/v1/content/items', { token: t.adminToken, body: { parentId: page, kind: 'page', title: 'Kind', body: { markdown: 'y' } } });
    expect(under.status).to.equal(400);
    expect(under.body.type).to.equal('/problems/content-parent-not-folder');
  });

  it('moves items between folders, refuses a folder into itself, and deletes a folder with what is under it', async () => {
    const t = await onboardTenant();
    const a = await item(t, { kind: 'folder', title: 'A', body: {} });
    const b = await item(t, { parentId: a, kind: 'folder', title: 'B', body: {} });
    const page = await item(t, { parentId: b, kind: 'page', title: 'P', body: { markdown: 'p' } });
    const loop = await call('POST', `/v1/content/items/${a}/move`, { token: t.adminToken, body: { parentId: b } });
    expect(loop.status).to.equal(409);
    const moved = await call('POST', `/v1/content/items/${page}/move`, { token: t.adminToken, body: { parentId: null, position: 0 } });
    expect(moved.body).to.include({ parentId: null, position: 0 });
    expect((await call('DELETE', `/v1/content/items/${a}`, { token: t.adminToken })).status).to.equal(204);
    expect((await call('GET', `/v1/content/items/${b}`, { token: t.adminToken })).status).to.equal(404);
    expect((await call('GET', `/v1/content/items/${page}`, { token: t.adminToken })).status).to.equal(200);
  });
});

describe('audiences: a member gets exactly what is meant for them', () => {
  it('shows published items of the member’s audience with the folders above them, nothing else', async () => {
    const t = await onboardTenant();
    const team = await created(call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'BHV', type: 'team' } }));
    const inTeam = await addUser(t, ['member']);
    const outsider = await addUser(t, ['member']);
    await call('PUT', `/v1/groups/${team}/members/${inTeam.id}`, { token: t.adminToken });

    const folder = await item(t, { kind: 'folder', title: 'Calamiteiten', body: {} });
    const forTeam = await item(t, { parentId: folder, kind: 'page', title: 'Voor BHV', body: { markdown: 'a' } });
    const forAll = await item(t, { kind: 'page', title: 'Voor iedereen', body: { markdown: 'b' } });
    const forOutsider = await item(t, { parentId: folder, kind: 'page', title: 'Persoonlijk', body: { markdown: 'c' } });
    const draft = await item(t, { parentId: folder, kind: 'page', title: 'Concept', body: { markdown: 'd' } });
    await publish(t, folder, forTeam, forAll, forOutsider);
    await audience(t, forTeam, { everyone: false, groupIds: [team] });
    await audience(t, forAll, { everyone: true });
    await audience(t, forOutsider, { everyone: false, userIds: [outsider.id] });
    await audience(t, draft, { everyone: true });

    const mine = await call('GET', '/v1/me/content', { token: inTeam.token });
    expect(mine.status, mine.text).to.equal(200);
    expect(titles(mine)).to.deep.equal(['Calamiteiten', 'Voor BHV', 'Voor iedereen']);
    const theirs = await call('GET', '/v1/me/content', { token: outsider.token });
    expect(titles(theirs)).to.deep.equal(['Calamiteiten', 'Persoonlijk', 'Voor iedereen']);
    const preview = await call('GET', `/v1/content/preview/${inTeam.id}`, { token: t.adminToken });
    expect(titles(preview)).to.deep.equal(titles(mine));

    // A draft folder hides everything under it.
    await call('POST', `/v1/content/items/${folder}/unpublish`, { token: t.adminToken });
    expect(titles(await call('GET', '/v1/me/content', { token: inTeam.token }))).to.deep.equal(['Voor iedereen']);
    const tree = await call('GET', '/v1/content/items', { token: t.adminToken });
    const flagged = (tree.body.items as Array<{ title: string; unreachable: boolean }>).filter((i) => i.unreachable).map((i) => i.title).sort();
    expect(flagged).to.deep.equal(['Persoonlijk', 'Voor BHV']);
  });

  it('flags a published item that nobody can see', async () => {
    const t = await onboardTenant();
    const lonely = await item(t, { kind: 'page', title: 'Niemand', body: { markdown: 'x' } });
    await publish(t, lonely);
    expect((await call('GET', `/v1/content/items/${lonely}`, { token: t.adminToken })).body.unreachable).to.equal(true);
    const linked = await audience(t, lonely, { everyone: true });
    expect(linked.body.unreachable).to.equal(false);
  });

  it('gives the same tree without bodies as the outline, flags included', async () => {
    const t = await onboardTenant();
    const team = await created(call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'Crisisteam', type: 'team' } }));
    const draftFolder = await item(t, { kind: 'folder', title: 'Concepten', body: {} });
    const under = await item(t, { parentId: draftFolder, kind: 'page', title: 'Onder concept', body: { markdown: 'x' } });
    const folder = await item(t, { kind: 'folder', title: 'Plan', body: {} });
    const linked = await item(t, { parentId: folder, kind: 'page', title: 'Gekoppeld', body: { markdown: 'y' } });
    const lonely = await item(t, { parentId: folder, kind: 'link', title: 'Niemand', body: { url: 'https://example.org' } });
    await publish(t, under, folder, linked, lonely);
    await audience(t, under, { everyone: true });
    await audience(t, linked, { everyone: false, groupIds: [team], userIds: [t.adminId] });
    expect((await call('DELETE', `/v1/content/items/${await item(t, { kind: 'page', title: 'Weg', body: { markdown: 'z' } })}`, { token: t.adminToken })).status).to.equal(204);

    const full = await call('GET', '/v1/content/items', { token: t.adminToken });
    const outline = await call('GET', '/v1/content/outline', { token: t.adminToken });
    expect(outline.status, outline.text).to.equal(200);
    const strip = (items: Array<Record<string, unknown>>) =>
      items
        .map(({ id, parentId, kind, title, position, status, audience: a, unreachable, version, updatedAt }) => ({ id, parentId, kind, title, position, status, audience: a, unreachable, version, updatedAt }))
        .sort((x, y) => String(x.id).localeCompare(String(y.id)));
    expect(strip(outline.body.items)).to.deep.equal(strip(full.body.items));
    expect(outline.body.items[0]).to.not.have.property('body');
    const flagged = (outline.body.items as Array<{ title: string; unreachable: boolean }>).filter((i) => i.unreachable).map((i) => i.title).sort();
    expect(flagged).to.deep.equal(['Niemand', 'Onder concept']);
  });

  it('refuses audiences with groups or users of another tenant', async () => {
    const t = await onboardTenant();
    const other = await onboardTenant();
    const page = await item(t, { kind: 'page', title: 'P', body: { markdown: 'p' } });
    const foreign = await call('PUT', `/v1/content/items/${page}/audience`, { token: t.adminToken, body: { everyone: false, userIds: [other.adminId] } });
    expect(foreign.status).to.equal(404);
  });
});

describe('offline sync: cursor, delta and ETag', () => {
  it('returns only what changed for the member: added, updated, removed — also when they leave a group', async () => {
    const t = await onboardTenant();
    const team = await created(call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'Crisisteam', type: 'team' } }));
    const member = await addUser(t, ['member']);
    await call('PUT', `/v1/groups/${team}/members/${member.id}`, { token: t.adminToken });
    const general = await item(t, { kind: 'page', title: 'Algemeen', body: { markdown: 'v1' } });
    const teamOnly = await item(t, { kind: 'page', title: 'Crisisteam', body: { markdown: 't' } });
    await publish(t, general, teamOnly);
    await audience(t, general, { everyone: true });
    await audience(t, teamOnly, { everyone: false, groupIds: [team] });

    const full = await call('GET', '/v1/me/content', { token: member.token });
    expect(full.body.full).to.equal(true);
    expect(titles(full)).to.deep.equal(['Algemeen', 'Crisisteam']);
    const cursor = full.body.cursor as string;

    const nothing = await call('GET', `/v1/me/content?since=${encodeURIComponent(cursor)}`, { token: member.token });
    expect(nothing.body).to.deep.include({ full: false, items: [], updated: [], removed: [], cursor });

    const added = await item(t, { kind: 'link', title: 'Nieuw', body: { url: 'https://example.org' } });
    await publish(t, added);
    await audience(t, added, { everyone: true });
    await call('PATCH', `/v1/content/items/${general}`, { token: t.adminToken, body: { body: { markdown: 'v2' } } });
    await call('DELETE', `/v1/groups/${team}/members/${member.id}`, { token: t.adminToken });

    const delta = await call('GET', `/v1/me/content?since=${encodeURIComponent(cursor)}`, { token: member.token });
    expect(delta.status, delta.text).to.equal(200);
    expect(delta.body.full).to.equal(false);
    expect(delta.body.items.map((i: { id: string }) => i.id)).to.deep.equal([added]);
    expect(delta.body.updated.map((i: { id: string; body: { markdown: string } }) => [i.id, i.body.markdown])).to.deep.equal([[general, 'v2']]);
    expect(delta.body.removed).to.deep.equal([teamOnly]);

    const next = await call('GET', `/v1/me/content?since=${encodeURIComponent(delta.body.cursor as string)}`, { token: member.token });
    expect(next.body).to.deep.include({ items: [], updated: [], removed: [] });
  });

  it('answers 304 for an unchanged view and 410 for an unknown cursor', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const page = await item(t, { kind: 'page', title: 'P', body: { markdown: 'p' } });
    await publish(t, page);
    await audience(t, page, { everyone: true });
    const first = await call('GET', '/v1/me/content', { token: member.token });
    const etag = first.headers.get('etag')!;
    expect(etag).to.match(/^W\/".+"$/);
    expect((await call('GET', '/v1/me/content', { token: member.token, headers: { 'if-none-match': etag } })).status).to.equal(304);
    await call('PATCH', `/v1/content/items/${page}`, { token: t.adminToken, body: { title: 'P2' } });
    const changed = await call('GET', '/v1/me/content', { token: member.token, headers: { 'if-none-match': etag } });
    expect(changed.status).to.equal(200);
    expect(changed.headers.get('etag')).not.to.equal(etag);
    const gone = await call('GET', '/v1/me/content?since=onbekende-cursor', { token: member.token });
    expect(gone.status).to.equal(410);
    expect(gone.body.type).to.equal('/problems/content-cursor-expired');
  });

  it('keeps the last ten views of a member as cursors, and an older one answers 410', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const page = await item(t, { kind: 'page', title: 'v0', body: { markdown: 'p' } });
    await publish(t, page);
    await audience(t, page, { everyone: true });
    const cursors: string[] = [];
    for (let version = 1; version <= 11; version++) {
      const full = await call('GET', '/v1/me/content', { token: member.token });
      expect(full.status).to.equal(200);
      cursors.push(full.body.cursor as string);
      expect((await call('PATCH', `/v1/content/items/${page}`, { token: t.adminToken, body: { title: `v${version}` } })).status).to.equal(200);
    }
    expect(new Set(cursors).size).to.equal(11);
    expect((await call('GET', `/v1/me/content?since=${cursors[0]}`, { token: member.token })).status).to.equal(410);
    for (const cursor of cursors.slice(1)) {
      const delta = await call('GET', `/v1/me/content?since=${cursor}`, { token: member.token });
      expect(delta.status, cursor).to.equal(200);
      expect((delta.body.updated as Array<{ title: string }>).map((i) => i.title)).to.deep.equal(['v11']);
    }
  });

  it('fills contact lists with the people in them, and a changed contact or colleague reaches readers as an update', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const colleague = await addUser(t, ['coordinator'], 'Fatima El Amrani');
    const contact = await created(
      call('POST', '/v1/contacts', {
        token: t.adminToken,
        body: { name: 'Piet de Boer', organisation: 'Veiligheidsregio', function: 'OvD', phones: ['+31 88 1234567'], legalBasis: 'legitimate_interest', retentionUntil: '2027-12-31' },
      }),
    );
    const list = await item(t, { kind: 'contact_list', title: 'Contacten crisis', body: { entries: [{ contactId: contact }, { userId: colleague.id }] } });
    await publish(t, list);
    await audience(t, list, { everyone: true });
    const full = await call('GET', '/v1/me/content', { token: member.token });
    const entries = full.body.items[0].body.entries as Array<{ type: string; name: string; phones: string[] }>;
    expect(entries.map((e) => [e.type, e.name])).to.deep.equal([
      ['contact', 'Piet de Boer'],
      ['user', 'Fatima El Amrani'],
    ]);
    expect(entries[0]!.phones).to.deep.equal(['+31 88 1234567']);

    await call('PATCH', `/v1/contacts/${contact}`, { token: t.adminToken, body: { phones: ['+31 6 11223344'] } });
    const delta = await call('GET', `/v1/me/content?since=${encodeURIComponent(full.body.cursor as string)}`, { token: member.token });
    expect(delta.body.updated).to.have.length(1);
    expect(delta.body.updated[0].body.entries[0].phones).to.deep.equal(['+31 6 11223344']);

    // A colleague's new phone number reaches readers of the list as an update too, and so does
    // their deactivation (a deactivated user is no longer shown).
    expect((await call('PATCH', `/v1/users/${colleague.id}`, { token: t.adminToken, body: { phone: '+31 6 99887766' } })).status).to.equal(200);
    const afterPhone = await call('GET', `/v1/me/content?since=${encodeURIComponent(delta.body.cursor as string)}`, { token: member.token });
    expect(afterPhone.body.updated).to.have.length(1);
    expect(afterPhone.body.updated[0].body.entries[1]).to.include({ type: 'user', name: 'Fatima El Amrani' });
    expect(afterPhone.body.updated[0].body.entries[1].phones).to.deep.equal(['+31 6 99887766']);
    expect((await call('POST', `/v1/users/${colleague.id}/deactivate`, { token: t.adminToken })).status).to.equal(200);
    const afterDeactivation = await call('GET', `/v1/me/content?since=${encodeURIComponent(afterPhone.body.cursor as string)}`, { token: member.token });
    expect(afterDeactivation.body.updated.map((i: { id: string }) => i.id)).to.deep.equal([list]);
    expect(afterDeactivation.body.updated[0].body.entries.map((e: { name: string }) => e.name)).to.deep.equal(['Piet de Boer']);
  });
});

describe('audit of the people shown in contact lists', () => {
  it('records a read per person a full sync, a search and a preview show, none for an empty delta or 304', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const colleague = await addUser(t, ['coordinator'], 'Noor Bakker');
    const contact = await created(call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Kees Visser', phones: ['+31 88 7654321'], legalBasis: 'public_task' } }));
    const list = await item(t, { kind: 'contact_list', title: 'Bereikbaarheid BHV', body: { entries: [{ contactId: contact }, { userId: colleague.id }, { userId: member.id }] } });
    await publish(t, list);
    await audience(t, list, { everyone: true });
    const reads = async (actorId: string) => {
      const page = await call('GET', `/v1/audit-events?action=personal_data.read&actorId=${actorId}&pageSize=100`, { token: t.adminToken });
      expect(page.status).to.equal(200);
      return (page.body.items as Array<{ subjectType: string; subjectId: string; details: { category: string } }>).filter((e) => e.details.category === 'contact_list');
    };
    const shown = (entries: Array<{ subjectType: string; subjectId: string }>) => entries.map((e) => `${e.subjectType}:${e.subjectId}`).sort();

    const full = await call('GET', '/v1/me/content', { token: member.token });
    expect(full.status).to.equal(200);
    // The colleague and the contact person; not the member themself.
    expect(shown(await reads(member.id))).to.deep.equal([`contact:${contact}`, `user:${colleague.id}`].sort());

    const empty = await call('GET', `/v1/me/content?since=${encodeURIComponent(full.body.cursor as string)}`, { token: member.token });
    expect(empty.status).to.equal(200);
    expect(empty.body.updated).to.deep.equal([]);
    const unchanged = await call('GET', '/v1/me/content', { token: member.token, headers: { 'if-none-match': full.headers.get('etag')! } });
    expect(unchanged.status).to.equal(304);
    expect(await reads(member.id)).to.have.length(2);

    const found = await call('GET', '/v1/me/content/search?q=bereikbaarheid', { token: member.token });
    expect(found.body.items.map((i: { id: string }) => i.id)).to.deep.equal([list]);
    expect(await reads(member.id)).to.have.length(4);

    const preview = await call('GET', `/v1/content/preview/${member.id}`, { token: t.adminToken });
    expect(preview.status).to.equal(200);
    expect(shown(await reads(t.adminId))).to.deep.equal([`contact:${contact}`, `user:${colleague.id}`, `user:${member.id}`].sort());
  });
});

describe('contacts', () => {
  it('keeps external contact persons with retention date and legal basis, searchable', async () => {
    const t = await onboardTenant();
    const id = await created(call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Huisarts Jansen', organisation: 'Huisartsenpost Tiel', phones: ['0344 123456'], legalBasis: 'contract', retentionUntil: '2028-01-01' } }));
    const found = await call('GET', '/v1/contacts?search=huisartsenpost', { token: t.adminToken });
    expect(found.body.items.map((c: { id: string }) => c.id)).to.deep.equal([id]);
    expect(found.body.items[0]).to.include({ legalBasis: 'contract', retentionUntil: '2028-01-01' });
    const bad = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'X', legalBasis: 'omdat het kan' } });
    expect(bad.status).to.equal(400);
    expect((await call('DELETE', `/v1/contacts/${id}`, { token: t.adminToken })).status).to.equal(204);
    expect((await call('GET', `/v1/contacts/${id}`, { token: t.adminToken })).status).to.equal(404);
  });
});

describe('search in what the member may see', () => {
  it('finds items by Dutch word forms, only within the member’s view', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const visible = await item(t, { kind: 'page', title: 'Ontruiming van de afdeling', body: { markdown: 'Bij brand ontruimen we de kamers in de volgorde van het plan.' } });
    const hidden = await item(t, { kind: 'page', title: 'Ontruimingsplan directie', body: { markdown: 'Alleen voor de directie: ontruimen van het kantoor.' } });
    const other = await item(t, { kind: 'page', title: 'Stroomstoring', body: { markdown: 'Noodaggregaat starten.' } });
    await publish(t, visible, hidden, other);
    await audience(t, visible, { everyone: true });
    await audience(t, other, { everyone: true });
    await audience(t, hidden, { everyone: false, userIds: [t.adminId] });

    // "ontruiming" and "ontruimen" share their Dutch stem (ontruim).
    const found = await call('GET', '/v1/me/content/search?q=ontruiming', { token: member.token });
    expect(found.status, found.text).to.equal(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).to.deep.equal([visible]);
    expect(found.body.items[0].extract).to.contain('**');
    const admin = await call('GET', '/v1/me/content/search?q=ontruimen', { token: t.adminToken });
    expect(admin.body.items.map((i: { id: string }) => i.id)).to.include(hidden);
    expect((await call('GET', '/v1/me/content/search?q=aggregaat', { token: member.token })).body.items).to.have.length(0);
    expect((await call('GET', '/v1/me/content/search?q=noodaggregaat', { token: member.token })).body.items.map((i: { id: string }) => i.id)).to.deep.equal([other]);
  });
});

describe('who sees this: how many users an item reaches, and who', () => {
  it('says how many users an item reaches and who, why it reaches nobody, and records each person shown as read', async () => {
    const t = await onboardTenant();
    const anna = await addUser(t, ['member'], 'Anna Crisisteam');
    const bram = await addUser(t, ['member'], 'Bram Crisisteam');
    await addUser(t, ['member'], 'Cor Buitenstaander');
    const group = await created(call('POST', '/v1/groups', { token: t.adminToken, body: { name: 'Crisisteam', type: 'team' } }));
    for (const member of [anna, bram]) expect((await call('PUT', `/v1/groups/${group}/members/${member.id}`, { token: t.adminToken })).status).to.equal(204);
    const folder = await item(t, { kind: 'folder', title: 'Crisisplan', body: {} });
    const card = await item(t, { parentId: folder, kind: 'task_card', title: 'Taakkaart BHV', body: { role: 'BHV', steps: ['Alarmeer'] } });
    const reach = async (id: string, query = '') => {
      const reply = await call('GET', `/v1/content/items/${id}/reach${query}`, { token: t.adminToken });
      expect(reply.status, reply.text).to.equal(200);
      return reply.body as { people: number; inAudience: number; invited: number; reasons: string[]; users: Array<{ id: string; name: string; email: string }>; total: number; page: number; pageSize: number };
    };

    expect(await reach(card)).to.deep.include({ people: 0, inAudience: 0, reasons: ['draft', 'draft_folder_above', 'no_audience'], users: [], total: 0 });
    await audience(t, card, { everyone: false, groupIds: [group] });
    // Drafts reach nobody yet, but the list says whom they will reach once published.
    const drafted = await reach(card);
    expect(drafted).to.deep.include({ people: 0, inAudience: 2, reasons: ['draft', 'draft_folder_above'], total: 2 });
    expect(drafted.users.map((u) => u.name)).to.deep.equal(['Anna Crisisteam', 'Bram Crisisteam']);
    await publish(t, card);
    expect((await reach(card)).reasons).to.deep.equal(['draft_folder_above']);
    await publish(t, folder);
    const live = await reach(card);
    expect(live).to.deep.include({ people: 2, inAudience: 2, invited: 0, reasons: [], total: 2 });
    expect(live.users[0]).to.deep.equal({ id: anna.id, name: 'Anna Crisisteam', email: anna.email });
    // A folder reaches whoever sees what is under it; its own audience is empty.
    expect(await reach(folder)).to.deep.include({ people: 2, reasons: [] });
    // Searched and paged, the counts stay those of the whole audience.
    const searched = await reach(card, '?search=bram&pageSize=1');
    expect(searched).to.deep.include({ people: 2, total: 1, page: 1, pageSize: 1 });
    expect(searched.users.map((u) => u.id)).to.deep.equal([bram.id]);
    // What the count says is what the members' views show.
    for (const [member, sees] of [[anna, true], [bram, true]] as const) {
      const view = await call('GET', '/v1/me/content', { token: member.token });
      expect((view.body.items as Array<{ id: string }>).some((i) => i.id === card)).to.equal(sees);
    }
    // Everyone: the three members and the admin; an invited user is counted apart, not listed.
    await audience(t, card, { everyone: true });
    const invited = await call('POST', '/v1/users', { token: t.adminToken, body: { name: 'Dirk Uitgenodigd', email: `dirk@${t.slug}.test`, roles: ['member'] } });
    expect(invited.status, invited.text).to.equal(201);
    const everyone = await reach(card);
    expect(everyone).to.deep.include({ people: 4, invited: 1, total: 4 });
    expect(everyone.users.map((u) => u.name)).to.not.include('Dirk Uitgenodigd');

    const audit = await call('GET', `/v1/audit-events?action=personal_data.read&actorId=${t.adminId}&pageSize=100`, { token: t.adminToken });
    const read = (audit.body.items as Array<{ subjectId: string; details: { category: string } }>).filter((e) => e.details.category === 'profile').map((e) => e.subjectId);
    expect(read).to.include.members([anna.id, bram.id]);
    // Not for those who only read content: the reach names people.
    const coordinator = await addUser(t, ['coordinator']);
    expect((await call('GET', `/v1/content/items/${card}/reach`, { token: coordinator.token })).status).to.equal(403);
  });
});
