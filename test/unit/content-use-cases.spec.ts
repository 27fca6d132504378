import { expect } from 'chai';
import { TouchListsShowingUser, CreateContact, DeleteContact, GetContact, ListContacts, UpdateContact } from '../../src/modules/content/application/contacts.js';
import {
  ChangePublication,
  CreateContentItem,
  DeleteContentItem,
  GetContentItem,
  ListContentItems,
  ListContentOutline,
  MoveContentItem,
  SetContentAudience,
  UpdateContentItem,
} from '../../src/modules/content/application/content-items.js';
import { PlanReader } from '../../src/modules/content/application/plans.js';
import { ContactPrivacy, ContentAppearancesHolder, CONTACT_EXPORT_COLUMNS } from '../../src/modules/content/application/privacy.js';
import { GetContentReach } from '../../src/modules/content/application/reach.js';
import { SyncSnapshot } from '../../src/modules/content/domain/audience.js';
import { InvalidContent, MoveIntoItself, NotAFolder } from '../../src/modules/content/domain/content.errors.js';
import type { UserProfileChanged } from '../../src/modules/users/domain/events.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { admin, ADMIN, COLLEAGUE, contact, GROUP, INVITED, item, MEMBER, OTHER_TENANT, pdf, T, UNKNOWN, world, type World } from '../support/in-memory/content-world.js';
import { refusal } from '../support/in-memory/refusal.js';
import { valueOf } from '../support/in-memory/result.js';

const page = { markdown: 'Verzamelen bij de hoofdingang.' };
const create = (p: World, extra: Partial<Parameters<CreateContentItem['execute']>[0]> = {}) =>
  new CreateContentItem(p).execute({ actor: admin, parentId: null, kind: 'page', title: 'Ontruimingsplan', body: page, ...extra });

describe('content use cases (in-memory ports)', () => {
  describe('ListContentItems and ListContentOutline', () => {
    it('show every live item with its audience, flagging what published cannot reach anybody', async () => {
      const p = world();
      const folder = item(p, { kind: 'folder', title: 'Plannen' });
      const linked = item(p, { parentId: folder.id, title: 'Gelinkt', groupIds: [GROUP] });
      item(p, { parentId: folder.id, title: 'Zonder publiek', position: 1 });
      const hidden = item(p, { kind: 'folder', title: 'Concepten', draft: true, position: 1 });
      const underDraft = item(p, { parentId: hidden.id, title: 'Onder concept', everyone: true });
      const draft = item(p, { title: 'Concept', draft: true, position: 2 });
      const removed = item(p, { title: 'Weg', position: 3 });
      removed.remove(p.clock.now());

      const views = await new ListContentItems(p).execute({ actor: admin });
      const flags = Object.fromEntries(views.map((v) => [v.item.title, v.unreachable]));
      expect(flags).to.deep.equal({ Plannen: false, Concepten: false, Gelinkt: false, 'Zonder publiek': true, 'Onder concept': true, Concept: false });
      expect(views.find((v) => v.item === linked)!.audience).to.deep.equal({ everyone: false, groupIds: [GROUP], userIds: [] });
      expect(views.find((v) => v.item === underDraft)!.audience.everyone).to.equal(true);

      const outline = await new ListContentOutline(p).execute({ actor: admin });
      expect(Object.fromEntries(outline.map((row) => [row.title, row.unreachable]))).to.deep.equal(flags);
      expect(outline.find((row) => row.id === linked.id)).to.deep.include({ parentId: folder.id, groupIds: [GROUP], userIds: [], status: 'published' });
      expect(outline[0]!.parentId, 'top-level items first').to.equal(null);
      expect(outline.some((row) => row.id === draft.id && 'body' in row)).to.equal(false);
    });

    it('show another tenant nothing of this one', async () => {
      const p = world();
      item(p, { everyone: true });
      expect(await new ListContentItems(p).execute({ actor: { ...admin, tenantId: OTHER_TENANT } })).to.deep.equal([]);
      expect(await new ListContentOutline(p).execute({ actor: { ...admin, tenantId: OTHER_TENANT } })).to.deep.equal([]);
    });
  });

  describe('GetContentItem', () => {
    it('gives the item with its audience', async () => {
      const p = world();
      const page1 = item(p, { userIds: [MEMBER] });
      const view = valueOf(await new GetContentItem(p).execute({ actor: admin, itemId: page1.id }));
      expect(view).to.deep.equal({ item: page1, audience: { everyone: false, groupIds: [], userIds: [MEMBER] }, unreachable: false });
    });

    it('answers NotFound for an unknown, deleted or foreign item', async () => {
      const p = world();
      const gone = item(p, {});
      gone.remove(p.clock.now());
      const foreign = item(p, { tenantId: OTHER_TENANT });
      const get = new GetContentItem(p);
      for (const itemId of [UNKNOWN, gone.id, foreign.id]) refusal(await get.execute({ actor: admin, itemId }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
    });
  });

  describe('CreateContentItem', () => {
    it('stores a draft at the asked position, shifting the siblings after it, and audits it with its kind', async () => {
      const p = world();
      const folder = item(p, { kind: 'folder', title: 'Plannen' });
      const first = item(p, { parentId: folder.id, title: 'Eerste', position: 0 });
      const second = item(p, { parentId: folder.id, title: 'Tweede', position: 1 });
      const view = valueOf(await create(p, { parentId: folder.id, position: 1, title: '  Nieuw  ' }));
      expect(p.items.items).to.include(view.item);
      expect(view).to.deep.include({ audience: { everyone: false, groupIds: [], userIds: [] }, unreachable: false });
      expect(view.item).to.deep.include({ title: 'Nieuw', status: 'draft', parentId: folder.id, position: 1, tenantId: T });
      expect([first.position, second.position]).to.deep.equal([0, 2]);
      expect(p.audit.entries).to.deep.equal([
        { tenantId: T, action: 'content.created', actorType: 'user', actorId: ADMIN, subjectType: 'content_item', subjectId: view.item.id, clientAddress: '192.0.2.1', userAgent: 'spec', details: { kind: 'page' } },
      ]);
    });

    it('places an item without a position last, and keeps references of this tenant', async () => {
      const p = world();
      item(p, { title: 'Bestaand' });
      const person = contact(p, { name: 'Piet Politie' });
      const card = item(p, { kind: 'task_card', title: 'Taakkaart', body: { role: 'Leider', steps: ['Bellen'] }, position: 1 });
      const file = pdf(p);
      expect(valueOf(await create(p, { kind: 'contact_list', title: 'Contacten', body: { entries: [{ contactId: person.id }, { userId: MEMBER }] } })).item.position).to.equal(2);
      valueOf(await create(p, { kind: 'scenario', title: 'Brand', body: { description: 'Brand in hal', taskCardIds: [card.id] } }));
      valueOf(await create(p, { kind: 'document', title: 'Plan', body: { mediaId: file.id } }));
      expect(p.audit.actions()).to.deep.equal(['content.created', 'content.created', 'content.created']);
    });

    it('refuses an unknown parent (NotFound), a parent that is no folder (NotAFolder) and an invalid item (InvalidContent), storing nothing', async () => {
      const p = world();
      const leaf = item(p, {});
      refusal(await create(p, { parentId: UNKNOWN }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      refusal(await create(p, { parentId: leaf.id }), NotAFolder, 'CONTENT.PARENT_NOT_FOLDER');
      expect(refusal(await create(p, { title: ' ' }), InvalidContent, 'CONTENT.INVALID').fields).to.deep.equal([{ pointer: '/title', detail: 'must not be empty' }]);
      expect(refusal(await create(p, { body: { markdown: 'x', colour: 'rood' } }), InvalidContent, 'CONTENT.INVALID').fields[0]!.pointer).to.equal('/body/colour');
      expect(p.items.items).to.deep.equal([leaf]);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('refuses a file, contact, user or task card that is not of the tenant (NotFound naming it), storing nothing', async () => {
      const p = world();
      const notACard = item(p, { title: 'Pagina' });
      refusal(await create(p, { kind: 'document', body: { mediaId: UNKNOWN } }), NotFound, 'MEDIA.NOT_FOUND');
      refusal(await create(p, { kind: 'contact_list', body: { entries: [{ contactId: UNKNOWN }] } }), NotFound, 'CONTACT.NOT_FOUND');
      refusal(await create(p, { kind: 'contact_list', body: { entries: [{ userId: UNKNOWN }] } }), NotFound, 'USER.NOT_FOUND');
      refusal(await create(p, { kind: 'scenario', body: { description: 'x', taskCardIds: [notACard.id] } }), NotFound, 'TASK_CARD.NOT_FOUND');
      expect(p.items.items).to.deep.equal([notACard]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('UpdateContentItem', () => {
    it('changes title and body, raises the version and audits the change', async () => {
      const p = world();
      const target = item(p, { userIds: [MEMBER] });
      const before = target.version;
      const view = valueOf(await new UpdateContentItem(p).execute({ actor: admin, itemId: target.id, changes: { title: 'Nieuw plan', body: { markdown: 'Anders' } } }));
      expect(view.item).to.equal(target);
      expect(target).to.deep.include({ title: 'Nieuw plan', body: { markdown: 'Anders' }, version: before + 1 });
      expect(view.audience.userIds).to.deep.equal([MEMBER]);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId])).to.deep.equal([['content.updated', target.id]]);
    });

    it('refuses an unknown item or file (NotFound) and an invalid change (InvalidContent), changing nothing', async () => {
      const p = world();
      const target = item(p, {});
      const document = item(p, { kind: 'document', title: 'Plan', body: {} });
      const update = new UpdateContentItem(p);
      refusal(await update.execute({ actor: admin, itemId: UNKNOWN, changes: { title: 'x' } }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      refusal(await update.execute({ actor: admin, itemId: document.id, changes: { body: { mediaId: UNKNOWN } } }), NotFound, 'MEDIA.NOT_FOUND');
      refusal(await update.execute({ actor: admin, itemId: target.id, changes: { body: { url: 'https://x' } } }), InvalidContent, 'CONTENT.INVALID');
      refusal(await update.execute({ actor: admin, itemId: target.id, changes: { title: '' } }), InvalidContent, 'CONTENT.INVALID');
      expect(target.title).to.equal('Ontruimingsplan');
      expect(document.body).to.deep.equal({});
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('MoveContentItem', () => {
    it('moves an item into a folder at a position, closing the gap it leaves', async () => {
      const p = world();
      const folder = item(p, { kind: 'folder', title: 'Map' });
      const moved = item(p, { title: 'Verplaatst', position: 1 });
      const after = item(p, { title: 'Erna', position: 2 });
      const inside = item(p, { parentId: folder.id, title: 'Binnen' });
      const view = valueOf(await new MoveContentItem(p).execute({ actor: admin, itemId: moved.id, parentId: folder.id, position: 0 }));
      expect(view.item).to.deep.include({ parentId: folder.id, position: 0 });
      expect(inside.position).to.equal(1);
      expect(after.position, 'a former sibling keeps its place until the next move of its own level').to.equal(2);
      expect(p.audit.entries.map((e) => [e.action, e.details])).to.deep.equal([['content.moved', { parentId: folder.id }]]);
      valueOf(await new MoveContentItem(p).execute({ actor: admin, itemId: after.id, parentId: null }));
      expect([folder.position, after.position]).to.deep.equal([0, 1]);
    });

    it('refuses an unknown item or parent (NotFound), a parent that is no folder (NotAFolder), and a folder into itself or below it (MoveIntoItself)', async () => {
      const p = world();
      const folder = item(p, { kind: 'folder', title: 'Map' });
      const sub = item(p, { kind: 'folder', parentId: folder.id, title: 'Submap' });
      const leaf = item(p, { title: 'Blad', position: 1 });
      const move = new MoveContentItem(p);
      refusal(await move.execute({ actor: admin, itemId: UNKNOWN, parentId: null }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      refusal(await move.execute({ actor: admin, itemId: leaf.id, parentId: UNKNOWN }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      refusal(await move.execute({ actor: admin, itemId: folder.id, parentId: leaf.id }), NotAFolder, 'CONTENT.PARENT_NOT_FOLDER');
      refusal(await move.execute({ actor: admin, itemId: folder.id, parentId: folder.id }), MoveIntoItself, 'CONTENT.MOVE_INTO_ITSELF');
      refusal(await move.execute({ actor: admin, itemId: folder.id, parentId: sub.id }), MoveIntoItself, 'CONTENT.MOVE_INTO_ITSELF');
      expect([folder.parentId, sub.parentId, leaf.parentId]).to.deep.equal([null, folder.id, null]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('ChangePublication', () => {
    it('publishes and unpublishes, auditing each', async () => {
      const p = world();
      const target = item(p, { draft: true, everyone: true });
      expect(valueOf(await new ChangePublication(p, true).execute({ actor: admin, itemId: target.id })).item.status).to.equal('published');
      expect(target.publishedAt).to.deep.equal(p.clock.now());
      valueOf(await new ChangePublication(p, false).execute({ actor: admin, itemId: target.id }));
      expect(target.status).to.equal('draft');
      expect(p.audit.actions()).to.deep.equal(['content.published', 'content.unpublished']);
    });

    it('answers NotFound for an unknown item, recording nothing', async () => {
      const p = world();
      refusal(await new ChangePublication(p, true).execute({ actor: admin, itemId: UNKNOWN }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('DeleteContentItem', () => {
    it('removes the item with everything under it, auditing the item', async () => {
      const p = world();
      const folder = item(p, { kind: 'folder', title: 'Map' });
      const sub = item(p, { kind: 'folder', parentId: folder.id, title: 'Sub' });
      const leaf = item(p, { parentId: sub.id });
      const other = item(p, { title: 'Blijft', position: 1 });
      valueOf(await new DeleteContentItem(p).execute({ actor: admin, itemId: folder.id }));
      expect([folder, sub, leaf].map((i) => i.deletedAt)).to.deep.equal([p.clock.now(), p.clock.now(), p.clock.now()]);
      expect(other.deletedAt).to.equal(null);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId])).to.deep.equal([['content.deleted', folder.id]]);
    });

    it('answers NotFound for an unknown or already deleted item', async () => {
      const p = world();
      const gone = item(p, {});
      valueOf(await new DeleteContentItem(p).execute({ actor: admin, itemId: gone.id }));
      refusal(await new DeleteContentItem(p).execute({ actor: admin, itemId: gone.id }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      refusal(await new DeleteContentItem(p).execute({ actor: admin, itemId: UNKNOWN }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
    });
  });

  describe('SetContentAudience', () => {
    it('replaces the links (repeats dropped), sets everyone, raises the version and audits the new audience', async () => {
      const p = world();
      const target = item(p, { userIds: [COLLEAGUE] });
      const before = target.version;
      const view = valueOf(await new SetContentAudience(p).execute({ actor: admin, itemId: target.id, everyone: true, groupIds: [GROUP, GROUP], userIds: [MEMBER] }));
      expect(view.audience).to.deep.equal({ everyone: true, groupIds: [GROUP], userIds: [MEMBER] });
      expect(p.items.audience.map((l) => [l.targetType, l.targetId])).to.deep.equal([
        ['group', GROUP],
        ['user', MEMBER],
      ]);
      expect(target.version).to.equal(before + 2);
      expect(p.audit.entries.map((e) => [e.action, e.details])).to.deep.equal([['content.audience_changed', { everyone: true, groupIds: [GROUP], userIds: [MEMBER] }]]);
    });

    it('refuses an unknown item, group or user (NotFound naming it), keeping the audience', async () => {
      const p = world();
      const target = item(p, { userIds: [COLLEAGUE] });
      const set = new SetContentAudience(p);
      refusal(await set.execute({ actor: admin, itemId: UNKNOWN, everyone: false, groupIds: [], userIds: [] }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      refusal(await set.execute({ actor: admin, itemId: target.id, everyone: false, groupIds: [UNKNOWN], userIds: [] }), NotFound, 'GROUP.NOT_FOUND');
      refusal(await set.execute({ actor: admin, itemId: target.id, everyone: false, groupIds: [], userIds: [UNKNOWN] }), NotFound, 'USER.NOT_FOUND');
      expect(p.items.audience.map((l) => l.targetId)).to.deep.equal([COLLEAGUE]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('GetContentReach', () => {
    it('counts the active people an item reaches and records each one shown as read', async () => {
      const p = world();
      const target = item(p, { groupIds: [GROUP] });
      const reach = valueOf(await new GetContentReach(p).execute({ actor: admin, itemId: target.id, page: 1, pageSize: 10 }));
      expect(reach).to.deep.include({ people: 2, inAudience: 2, invited: 1, reasons: [], total: 2 });
      expect(reach.users.map((u) => u.id)).to.deep.equal([COLLEAGUE, MEMBER]);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([
        ['personal_data.read', COLLEAGUE, { category: 'profile' }],
        ['personal_data.read', MEMBER, { category: 'profile' }],
      ]);
    });

    it('reaches nobody from a draft, under a draft folder or without audience, naming each reason', async () => {
      const p = world();
      const draftFolder = item(p, { kind: 'folder', title: 'Concepten', draft: true });
      const hidden = item(p, { parentId: draftFolder.id, draft: true, userIds: [MEMBER] });
      const reachOf = async (itemId: string) => valueOf(await new GetContentReach(p).execute({ actor: admin, itemId, page: 1, pageSize: 10 }));
      expect(await reachOf(hidden.id)).to.deep.include({ people: 0, inAudience: 1, reasons: ['draft', 'draft_folder_above'] });
      expect((await reachOf(item(p, { title: 'Leeg', position: 1 }).id)).reasons).to.deep.equal(['no_audience']);
      expect((await reachOf(item(p, { title: 'Alleen uitgenodigd', position: 2, userIds: [INVITED] }).id))).to.deep.include({ people: 0, invited: 1, reasons: ['no_active_users'] });
    });

    it("counts a folder's reach from the published items under it, searching the page by name", async () => {
      const p = world();
      const folder = item(p, { kind: 'folder', title: 'Map' });
      item(p, { parentId: folder.id, userIds: [MEMBER] });
      item(p, { parentId: folder.id, title: 'Concept', draft: true, position: 1, userIds: [COLLEAGUE] });
      const reach = valueOf(await new GetContentReach(p).execute({ actor: admin, itemId: folder.id, page: 1, pageSize: 10, search: 'mo' }));
      expect(reach).to.deep.include({ people: 1, total: 1, reasons: [] });
      expect(reach.users.map((u) => u.id)).to.deep.equal([MEMBER]);
    });

    it('answers NotFound for an unknown item, recording nothing', async () => {
      const p = world();
      refusal(await new GetContentReach(p).execute({ actor: admin, itemId: UNKNOWN, page: 1, pageSize: 10 }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('contacts', () => {
    it('CreateContact stores the contact with trimmed fields and audits it; InvalidContent stores nothing', async () => {
      const p = world();
      const created = valueOf(await new CreateContact(p).execute({ actor: admin, name: ' Piet Politie ', organisation: ' Politie ', phones: ['0612345678'] }));
      expect(p.contacts.contacts).to.deep.equal([created]);
      expect(created).to.deep.include({ name: 'Piet Politie', organisation: 'Politie', tenantId: T });
      refusal(await new CreateContact(p).execute({ actor: admin, name: ' ' }), InvalidContent, 'CONTENT.INVALID');
      expect(p.contacts.contacts).to.have.length(1);
      expect(p.audit.entries.map((e) => [e.action, e.subjectType, e.subjectId])).to.deep.equal([['contact.created', 'contact', created.id]]);
    });

    it('ListContacts filters and pages, past retention counted from today, recording each contact shown as read', async () => {
      const p = world();
      const old = contact(p, { name: 'Anna Archief', retentionUntil: '2026-01-01' });
      const kept = contact(p, { name: 'Bert Bewaard', retentionUntil: '2027-01-01', legalBasis: 'consent' });
      const list = new ListContacts(p);
      expect(await list.execute({ actor: admin, page: 1, pageSize: 1 })).to.deep.equal({ items: [old], total: 2, page: 1, pageSize: 1 });
      expect((await list.execute({ actor: admin, page: 1, pageSize: 10, pastRetention: true })).items).to.deep.equal([old]);
      expect((await list.execute({ actor: admin, page: 1, pageSize: 10, noLegalBasis: true })).items).to.deep.equal([old]);
      expect((await list.execute({ actor: admin, page: 1, pageSize: 10, search: 'bewa' })).items).to.deep.equal([kept]);
      expect(p.audit.entries.map((e) => [e.action, e.subjectId, e.details])).to.deep.equal([
        ['personal_data.read', old.id, { category: 'contact' }],
        ['personal_data.read', old.id, { category: 'contact' }],
        ['personal_data.read', old.id, { category: 'contact' }],
        ['personal_data.read', kept.id, { category: 'contact' }],
      ]);
    });

    it('GetContact gives the contact recorded as read, NotFound for an unknown one', async () => {
      const p = world();
      const person = contact(p, { name: 'Piet' });
      expect(valueOf(await new GetContact(p).execute({ actor: admin, contactId: person.id }))).to.equal(person);
      refusal(await new GetContact(p).execute({ actor: admin, contactId: UNKNOWN }), NotFound, 'CONTACT.NOT_FOUND');
      expect(p.audit.entries.map((e) => e.subjectId)).to.deep.equal([person.id]);
    });

    it('UpdateContact changes the contact and every contact list showing it; NotFound and InvalidContent change nothing', async () => {
      const p = world();
      const person = contact(p, { name: 'Piet' });
      const list = item(p, { kind: 'contact_list', title: 'Contacten', body: { entries: [{ contactId: person.id }] } });
      const unrelated = item(p, { kind: 'contact_list', title: 'Andere', body: { entries: [{ userId: MEMBER }] }, position: 1 });
      const [listVersion, unrelatedVersion] = [list.version, unrelated.version];
      const update = new UpdateContact(p);
      valueOf(await update.execute({ actor: admin, contactId: person.id, changes: { email: 'piet@politie.example' } }));
      expect(person.email).to.equal('piet@politie.example');
      expect([list.version, unrelated.version]).to.deep.equal([listVersion + 1, unrelatedVersion]);
      refusal(await update.execute({ actor: admin, contactId: UNKNOWN, changes: { name: 'x' } }), NotFound, 'CONTACT.NOT_FOUND');
      refusal(await update.execute({ actor: admin, contactId: person.id, changes: { name: '' } }), InvalidContent, 'CONTENT.INVALID');
      expect(person.name).to.equal('Piet');
      expect(list.version).to.equal(listVersion + 1);
      expect(p.audit.actions()).to.deep.equal(['contact.updated']);
    });

    it('DeleteContact removes the contact and changes the lists showing it; NotFound for an unknown one', async () => {
      const p = world();
      const person = contact(p, { name: 'Piet' });
      const list = item(p, { kind: 'contact_list', title: 'Contacten', body: { entries: [{ contactId: person.id }] } });
      const version = list.version;
      valueOf(await new DeleteContact(p).execute({ actor: admin, contactId: person.id }));
      expect(p.contacts.contacts).to.deep.equal([]);
      expect(list.version).to.equal(version + 1);
      refusal(await new DeleteContact(p).execute({ actor: admin, contactId: person.id }), NotFound, 'CONTACT.NOT_FOUND');
      expect(p.audit.actions()).to.deep.equal(['contact.deleted']);
    });

    it('TouchListsShowingUser changes the live contact lists that show the user whose profile changed', async () => {
      const p = world();
      const showing = item(p, { kind: 'contact_list', title: 'Met Mo', body: { entries: [{ userId: MEMBER }] } });
      const other = item(p, { kind: 'contact_list', title: 'Zonder Mo', body: { entries: [{ userId: COLLEAGUE }] }, position: 1 });
      const [a, b] = [showing.version, other.version];
      const changed: UserProfileChanged = { type: 'user.profile_changed', tenantId: T, userId: MEMBER };
      await new TouchListsShowingUser(p).handle(changed);
      expect([showing.version, other.version]).to.deep.equal([a + 1, b]);
    });
  });

  describe('PlanReader', () => {
    it('reads a live scenario (draft or published) and its task cards; nothing for another kind or an unknown id', async () => {
      const p = world();
      const card = item(p, { kind: 'task_card', title: 'Leider', body: { role: 'leider', steps: ['Bellen', 3, 'Verzamelen'] }, draft: true });
      const scenario = item(p, {
        kind: 'scenario',
        title: 'Brand',
        body: { description: 'Brand', escalationLevels: [{ level: 1, name: 'GRIP 1', extra: true }], taskCardIds: [card.id, card.id, 7] },
        position: 1,
        draft: true,
      });
      const plans = new PlanReader(p);
      expect(await plans.scenario(T, scenario.id)).to.deep.equal({ id: scenario.id, title: 'Brand', escalationLevels: [{ level: 1, name: 'GRIP 1' }], taskCardIds: [card.id] });
      expect(await plans.scenario(T, card.id)).to.equal(null);
      expect(await plans.scenario(T, UNKNOWN)).to.equal(null);
      expect(await plans.taskCards(T, [card.id, scenario.id, UNKNOWN, card.id])).to.deep.equal([{ id: card.id, title: 'Leider', role: 'leider', steps: ['Bellen', 'Verzamelen'] }]);
    });
  });

  describe('ContactPrivacy', () => {
    it('pages contacts as export rows, lists those past retention, names and erases a contact (leaving every list)', async () => {
      const p = world();
      const anna = contact(p, { name: 'Anna', phones: ['010', '020'], retentionUntil: '2026-01-01' });
      const bert = contact(p, { name: 'Bert' });
      const list = item(p, { kind: 'contact_list', title: 'Contacten', body: { entries: [{ contactId: anna.id }, { contactId: bert.id }] } });
      const privacy = new ContactPrivacy(p);
      expect(privacy.columns).to.equal(CONTACT_EXPORT_COLUMNS);
      const rows = await privacy.page(T, null, 10);
      expect(rows.map((r) => r.id)).to.deep.equal([anna.id, bert.id].sort());
      expect(rows.find((r) => r.id === anna.id)).to.deep.include({ name: 'Anna', phones: '010, 020' });
      expect(Object.keys(rows[0]!)).to.deep.equal(CONTACT_EXPORT_COLUMNS);
      expect(await privacy.pastRetention(T, '2026-11-24')).to.deep.equal([{ id: anna.id, retentionUntil: '2026-01-01' }]);
      expect(await privacy.nameOf(T, anna.id)).to.equal('Anna');
      expect(await privacy.nameOf(T, UNKNOWN)).to.equal(null);
      await privacy.erase(T, anna.id);
      await privacy.erase(T, UNKNOWN);
      expect(p.contacts.contacts).to.deep.equal([bert]);
      expect(list.body.entries).to.deep.equal([{ contactId: bert.id }]);
    });
  });

  describe('ContentAppearancesHolder', () => {
    it('exports the lists naming the user and the items linked to them, and erases both with their sync state', async () => {
      const p = world();
      const list = item(p, { kind: 'contact_list', title: 'Contacten', body: { entries: [{ userId: MEMBER }, { userId: COLLEAGUE }] } });
      const linked = item(p, { title: 'Voor Mo', userIds: [MEMBER, COLLEAGUE], position: 1 });
      p.snapshots.keep(SyncSnapshot.of({ id: 's1', tenantId: T, userId: MEMBER, viewHash: 'h', stamp: 'x', items: {} }, p.clock.now()));
      const holder = new ContentAppearancesHolder(p);
      expect(holder.category).to.equal('content_appearances');
      expect(await holder.exportSubject({ tenantId: T, userId: MEMBER })).to.deep.equal([
        { kind: 'contact_list_entry', itemId: list.id, title: 'Contacten' },
        { kind: 'audience_link', itemId: linked.id, title: null },
      ]);
      await holder.eraseSubject({ tenantId: T, userId: MEMBER, pseudonym: 'Verwijderd 1' });
      expect(list.body.entries).to.deep.equal([{ userId: COLLEAGUE }]);
      expect(p.items.audience.map((l) => l.targetId)).to.deep.equal([COLLEAGUE]);
      expect(p.snapshots.snapshots).to.deep.equal([]);
      expect(await holder.exportSubject({ tenantId: T, userId: MEMBER })).to.deep.equal([]);
    });
  });
});
