import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetItemLink, ItemLinks, OpenItemLink } from '../../src/modules/content/application/item-links.js';
import { GetMedia, ListMedia, MediaFiles, OpenFile, ShareLogo, UploadMedia, uploadLimit, type Upload } from '../../src/modules/content/application/media.js';
import { GetMyContent, PreviewUserContent, SearchMyContent } from '../../src/modules/content/application/member-view.js';
import { CursorExpired, FileLinkRefused, ItemLinkRefused, MediaTooLarge, UnsupportedMedia } from '../../src/modules/content/domain/content.errors.js';
import { NotFound } from '../../src/platform/domain/errors.js';
import { ImageRejected } from '../../src/platform/media/ports.js';
import { LabelledImageProcessor } from '../support/in-memory/content.js';
import {
  admin,
  ADMIN,
  adminReader,
  COLLEAGUE,
  contact,
  GROUP,
  image,
  item,
  linkParts,
  member,
  MEMBER,
  memberReader,
  pdf,
  T,
  UNKNOWN,
  world,
  type World,
} from '../support/in-memory/content-world.js';
import { refusal } from '../support/in-memory/refusal.js';
import { valueOf } from '../support/in-memory/result.js';

const sync = (p: World, query: { since?: string; ifNoneMatch?: string } = {}) => new GetMyContent(p, p.views).execute({ actor: member, ...query });
const full = async (p: World) => {
  const reply = valueOf(await sync(p));
  if (reply.notModified) throw new Error('expected a body');
  return reply;
};

describe('content use cases for members and media (in-memory ports)', () => {
  describe('GetMyContent', () => {
    it("gives the member's whole view (folders above included, drafts and other audiences left out), keeps a snapshot and records the people in contact lists as read", async () => {
      const p = world();
      const folder = item(p, { kind: 'folder', title: 'Map' });
      const mine = item(p, { parentId: folder.id, title: 'Voor de groep', groupIds: [GROUP] });
      item(p, { title: 'Voor een ander', userIds: [COLLEAGUE], position: 1 });
      item(p, { title: 'Concept', draft: true, everyone: true, position: 2 });
      const person = contact(p, { name: 'Piet Politie', phones: ['112'] });
      const list = item(p, { kind: 'contact_list', title: 'Contacten', body: { entries: [{ contactId: person.id }, { userId: COLLEAGUE }, { userId: MEMBER }, { contactId: UNKNOWN }] }, everyone: true, position: 3 });

      const reply = await full(p);
      expect(reply.body.full).to.equal(true);
      expect(reply.body.items.map((i) => i.id)).to.have.members([folder.id, mine.id, list.id]);
      expect(reply.etag).to.equal(`W/"${reply.body.cursor}"`);
      const shown = reply.body.items.find((i) => i.id === list.id)!;
      expect(shown.body.entries).to.deep.equal([
        { type: 'contact', id: person.id, name: 'Piet Politie', organisation: null, function: null, phones: ['112'], email: null },
        { type: 'user', id: COLLEAGUE, name: 'Cas Collega', organisation: null, function: 'Brandweer', phones: ['+31612345678'], email: 'cas@oost.example' },
        { type: 'user', id: MEMBER, name: 'Mo Lid', organisation: null, function: null, phones: [], email: 'mo@oost.example' },
      ]);
      expect(p.snapshots.snapshots.map((s) => [s.userId, s.viewHash])).to.deep.equal([[MEMBER, reply.body.cursor]]);
      expect(p.audit.entries.map((e) => [e.subjectType, e.subjectId, e.details])).to.deep.equal([
        ['user', COLLEAGUE, { category: 'contact_list' }],
        ['contact', person.id, { category: 'contact_list' }],
      ]);
    });

    it('answers not modified for the current ETag, and an empty delta for the current cursor, recording nothing', async () => {
      const p = world();
      item(p, { everyone: true });
      const first = await full(p);
      p.audit.entries.length = 0;
      expect(valueOf(await sync(p, { ifNoneMatch: `W/"other", ${first.etag}` }))).to.deep.equal({ notModified: true, etag: first.etag });
      expect(valueOf(await sync(p, { since: first.body.cursor }))).to.deep.equal({ notModified: false, etag: first.etag, body: { cursor: first.body.cursor, full: false, items: [], updated: [], removed: [] } });
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('tells what was added, updated and removed since a cursor, and keeps the new view', async () => {
      const p = world();
      const stays = item(p, { title: 'Blijft', everyone: true });
      const changes = item(p, { title: 'Verandert', everyone: true, position: 1 });
      const goes = item(p, { title: 'Gaat', everyone: true, position: 2 });
      const first = await full(p);
      changes.edit({ title: 'Veranderd' }, p.clock.now());
      goes.unpublish(p.clock.now());
      const added = item(p, { title: 'Nieuw', userIds: [MEMBER], position: 3 });
      const delta = valueOf(await sync(p, { since: first.body.cursor }));
      if (delta.notModified) throw new Error('expected a delta');
      expect(delta.body.full).to.equal(false);
      expect(delta.body.items.map((i) => i.id)).to.deep.equal([added.id]);
      expect(delta.body.updated.map((i) => [i.id, i.title])).to.deep.equal([[changes.id, 'Veranderd']]);
      expect(delta.body.removed).to.deep.equal([goes.id]);
      expect(delta.body.items.concat(delta.body.updated).some((i) => i.id === stays.id)).to.equal(false);
      expect(p.snapshots.snapshots.map((s) => s.viewHash)).to.deep.equal([first.body.cursor, delta.body.cursor]);
    });

    it('answers a view built since from the snapshot the tree has not changed since, without building it', async () => {
      const p = world();
      item(p, { everyone: true });
      const first = await full(p);
      p.items.viewCandidates = () => Promise.reject(new Error('the view should not be built again'));
      expect(valueOf(await sync(p, { ifNoneMatch: first.etag }))).to.deep.equal({ notModified: true, etag: first.etag });
      expect(valueOf(await sync(p, { since: first.body.cursor }))).to.deep.include({ notModified: false, etag: first.etag });
    });

    it('refuses a cursor it has no snapshot of (CursorExpired), keeping nothing', async () => {
      const p = world();
      item(p, { everyone: true });
      refusal(await sync(p, { since: 'forgotten' }), CursorExpired, 'CONTENT.CURSOR_EXPIRED');
      expect(p.snapshots.snapshots).to.deep.equal([]);
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('PreviewUserContent', () => {
    it("shows the admin the user's view, recording the user and the people in its contact lists as read", async () => {
      const p = world();
      const list = item(p, { kind: 'contact_list', title: 'Contacten', body: { entries: [{ userId: ADMIN }, { userId: COLLEAGUE }] }, groupIds: [GROUP] });
      const preview = valueOf(await new PreviewUserContent(p, p.views).execute({ actor: admin, userId: MEMBER }));
      expect(preview).to.deep.include({ full: true, updated: [], removed: [] });
      expect(preview.items.map((i) => i.id)).to.deep.equal([list.id]);
      expect(p.audit.entries.map((e) => [e.subjectId, e.details])).to.deep.equal([
        [MEMBER, { category: 'content_view' }],
        [COLLEAGUE, { category: 'contact_list' }],
      ]);
    });

    it('answers NotFound for an unknown user, recording nothing', async () => {
      const p = world();
      refusal(await new PreviewUserContent(p, p.views).execute({ actor: admin, userId: UNKNOWN }), NotFound, 'USER.NOT_FOUND');
      expect(p.audit.entries).to.deep.equal([]);
    });
  });

  describe('SearchMyContent', () => {
    it("searches only the member's view in the tenant's language, recording the people of the contact lists found", async () => {
      const p = world();
      p.language.language = 'english';
      const visible = item(p, { title: 'Brand in hal 3', everyone: true });
      item(p, { title: 'Brand geheim', userIds: [COLLEAGUE], position: 1 });
      const list = item(p, { kind: 'contact_list', title: 'Brandweer contacten', body: { entries: [{ userId: COLLEAGUE }] }, everyone: true, position: 2 });
      const found = await new SearchMyContent(p, p.views).execute({ actor: member, q: 'brand', limit: 10 });
      expect(found.map((hit) => [hit.item.id, hit.extract])).to.deep.equal([
        [visible.id, '**Brand in hal 3**'],
        [list.id, '**Brandweer contacten**'],
      ]);
      expect(p.items.searches.map((s) => s.language)).to.deep.equal(['english']);
      expect(p.audit.entries.map((e) => e.subjectId)).to.deep.equal([COLLEAGUE]);
    });
  });

  describe('GetItemLink and OpenItemLink', () => {
    it('signs a link to an item of the view that opens it for that member only', async () => {
      const p = world();
      const target = item(p, { userIds: [MEMBER] });
      const links = new ItemLinks(p, p.views);
      const link = valueOf(await new GetItemLink(links).execute({ reader: memberReader, itemId: target.id }));
      expect(link.url).to.match(new RegExp(`^/items/${target.id}\\?u=${MEMBER}&exp=\\d+&sig=`));
      expect(link.expiresAt).to.deep.equal(new Date(p.clock.now().getTime() + 300_000));
      const opened = valueOf(await new OpenItemLink(links).execute({ reader: memberReader, itemId: target.id, ...linkParts(link.url) }));
      expect(opened).to.deep.include({ id: target.id, title: 'Ontruimingsplan' });
    });

    it('refuses a link for an item outside the view (NotFound)', async () => {
      const p = world();
      const other = item(p, { userIds: [COLLEAGUE] });
      refusal(await new GetItemLink(new ItemLinks(p, p.views)).execute({ reader: memberReader, itemId: other.id }), NotFound, 'CONTENT_ITEM.NOT_FOUND');
    });

    it('refuses an altered, expired or borrowed link, and one whose item left the view (ItemLinkRefused)', async () => {
      const p = world();
      const target = item(p, { userIds: [MEMBER] });
      const links = new ItemLinks(p, p.views);
      const parts = linkParts(valueOf(await new GetItemLink(links).execute({ reader: memberReader, itemId: target.id })).url);
      const open = new OpenItemLink(links);
      refusal(await open.execute({ reader: memberReader, itemId: target.id, ...parts, sig: `${parts.sig.slice(0, -2)}xx` }), ItemLinkRefused, 'CONTENT.LINK_REFUSED');
      refusal(await open.execute({ reader: { ...memberReader, userId: COLLEAGUE }, itemId: target.id, ...parts }), ItemLinkRefused, 'CONTENT.LINK_REFUSED');
      target.unpublish(p.clock.now());
      expect(refusal(await open.execute({ reader: memberReader, itemId: target.id, ...parts }), ItemLinkRefused, 'CONTENT.LINK_REFUSED').detail).to.equal('You no longer have access to this item.');
      target.publish(p.clock.now());
      p.clock.advance(301_000);
      refusal(await open.execute({ reader: memberReader, itemId: target.id, ...parts }), ItemLinkRefused, 'CONTENT.LINK_REFUSED');
    });
  });

  describe('UploadMedia', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'content-spec-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const upload = (bytes: Buffer, extra: Partial<Upload> = {}): Upload => {
      const file = path.join(dir, 'upload');
      writeFileSync(file, bytes);
      return { path: file, size: bytes.length, head: bytes.subarray(0, 16), declaredType: null, fileName: 'foto.jpg', ...extra };
    };

    it('stores an image as three renditions without metadata under the tenant prefix, and audits the upload', async () => {
      const p = world();
      const media = valueOf(await new UploadMedia(p).execute({ actor: admin, upload: upload(JPEG, { declaredType: 'image/jpg' }) }));
      expect(p.media.files).to.deep.equal([media]);
      expect(media).to.deep.include({ kind: 'image', mimeType: 'image/jpeg', size: 'original without exif'.length, width: 1200, height: 800, originalName: 'foto.jpg', createdBy: ADMIN, renditions: ['original', 'thumb', 'display'] });
      expect([...p.storage.objects].map(([key, o]) => [key, o.contentType, o.body.toString()])).to.deep.equal([
        [`tenants/${T}/media/${media.id}/original`, 'image/jpeg', 'original without exif'],
        [`tenants/${T}/media/${media.id}/thumb`, 'image/webp', 'thumb'],
        [`tenants/${T}/media/${media.id}/display`, 'image/webp', 'display'],
      ]);
      expect(p.audit.entries.map((e) => [e.action, e.subjectType, e.subjectId, e.details])).to.deep.equal([['media.uploaded', 'media', media.id, { mimeType: 'image/jpeg', size: media.size }]]);
    });

    it('stores a document as it came, read from the spooled file', async () => {
      const p = world();
      const bytes = Buffer.from('%PDF-1.7 plan');
      const media = valueOf(await new UploadMedia(p).execute({ actor: admin, upload: upload(bytes, { declaredType: 'application/octet-stream', fileName: 'plan.pdf' }) }));
      expect(media).to.deep.include({ kind: 'document', mimeType: 'application/pdf', size: bytes.length, renditions: ['original'], width: null });
      expect(p.storage.objects.get(`tenants/${T}/media/${media.id}/original`)!.body).to.deep.equal(bytes);
      expect(p.images.asked).to.deep.equal([]);
    });

    it('refuses an unknown or unaccepted type, a type other than declared, and an unreadable image (UnsupportedMedia), storing nothing', async () => {
      const p = world();
      const uploadMedia = new UploadMedia(p);
      refusal(await uploadMedia.execute({ actor: admin, upload: upload(Buffer.from('plain text')) }), UnsupportedMedia, 'MEDIA.UNSUPPORTED_TYPE');
      refusal(await uploadMedia.execute({ actor: admin, upload: upload(Buffer.from('GIF89a')) }), UnsupportedMedia, 'MEDIA.UNSUPPORTED_TYPE');
      const mismatch = refusal(await uploadMedia.execute({ actor: admin, upload: upload(JPEG, { declaredType: 'application/pdf' }) }), UnsupportedMedia, 'MEDIA.UNSUPPORTED_TYPE');
      expect(mismatch.detail).to.equal('The file was sent as application/pdf, but its content is image/jpeg.');
      p.images.refuse = LabelledImageProcessor.rejected();
      refusal(await uploadMedia.execute({ actor: admin, upload: upload(JPEG) }), UnsupportedMedia, 'MEDIA.UNSUPPORTED_TYPE');
      expect(p.media.files).to.deep.equal([]);
      expect(p.storage.objects.size).to.equal(0);
      expect(p.audit.entries).to.deep.equal([]);
    });

    it('refuses a file larger than its type allows (MediaTooLarge), and lets another failure of the image processor through', async () => {
      const p = world();
      refusal(await new UploadMedia(p).execute({ actor: admin, upload: upload(JPEG, { size: 20 * 2 ** 20 + 1 }) }), MediaTooLarge, 'MEDIA.TOO_LARGE');
      p.images.refuse = new Error('disk full');
      let thrown: unknown;
      await new UploadMedia(p).execute({ actor: admin, upload: upload(JPEG) }).catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(Error).and.not.instanceOf(ImageRejected);
      expect(p.media.files).to.deep.equal([]);
    });

    it("uploadLimit gives the limit of the type the first bytes show, and throws UnsupportedMedia for any other", async () => {
      const p = world();
      expect(await uploadLimit(p, JPEG)).to.equal(20 * 2 ** 20);
      expect(await uploadLimit(p, Buffer.from('%PDF'))).to.equal(50 * 2 ** 20);
      let thrown: unknown;
      await uploadLimit(p, Buffer.from('GIF89a')).catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(UnsupportedMedia);
    });
  });

  describe('GetMedia, ListMedia and OpenFile', () => {
    it('GetMedia signs one link per rendition for who may read the file', async () => {
      const p = world();
      const photo = image(p);
      const got = valueOf(await new GetMedia(p, p.links).execute({ reader: adminReader, mediaId: photo.id }));
      expect(Object.keys(got.urls)).to.deep.equal(['original', 'thumb', 'display']);
      expect(got.urls.thumb).to.match(new RegExp(`^/files/${photo.id}/thumb\\?u=${ADMIN}&exp=\\d+&sig=`));
      expect(got.expiresAt).to.deep.equal(new Date(p.clock.now().getTime() + 300_000));
    });

    it("lets a member read a file of an item in their view, the tenant's shared logo, or one another module shows them; NotFound otherwise", async () => {
      const p = world();
      const inView = pdf(p);
      item(p, { kind: 'document', title: 'Plan', body: { mediaId: inView.id }, userIds: [MEMBER] });
      const logo = image(p, { originalName: 'logo.png' });
      const shown = image(p, { originalName: 'log.jpg' });
      const hidden = image(p, { originalName: 'geheim.jpg' });
      const foreign = image(p, { tenantId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' });
      await new ShareLogo(p).handle({ tenantId: T, mediaId: logo.id });
      p.deciders.push({ mayRead: (reader, mediaId) => Promise.resolve(reader.userId === MEMBER && mediaId === shown.id) });
      const get = new GetMedia(p, p.links);
      for (const media of [inView, logo, shown]) valueOf(await get.execute({ reader: memberReader, mediaId: media.id }));
      for (const mediaId of [hidden.id, foreign.id, UNKNOWN]) refusal(await get.execute({ reader: memberReader, mediaId }), NotFound, 'MEDIA.NOT_FOUND');
      valueOf(await get.execute({ reader: adminReader, mediaId: hidden.id }));
    });

    it('ListMedia pages the library with signed links and the items using each file, filtered by kind and name', async () => {
      const p = world();
      const photo = image(p, { originalName: 'hal3.jpg' });
      p.clock.advance(1000);
      const plan = pdf(p, { originalName: 'plan.pdf' });
      item(p, { kind: 'document', title: 'B-plan', body: { mediaId: plan.id } });
      item(p, { kind: 'document', title: 'A-plan', body: { mediaId: plan.id }, position: 1 });
      const list = new ListMedia(p, p.links);
      const all = await list.execute({ reader: adminReader, page: 1, pageSize: 10 });
      expect(all.total).to.equal(2);
      expect(all.items.map((e) => e.media)).to.deep.equal([plan, photo]);
      expect(all.items[0]!.usedIn.map((u) => u.title)).to.deep.equal(['A-plan', 'B-plan']);
      expect(Object.keys(all.items[1]!.urls)).to.deep.equal(['original', 'thumb', 'display']);
      expect((await list.execute({ reader: adminReader, page: 1, pageSize: 10, kind: 'image' })).items.map((e) => e.media)).to.deep.equal([photo]);
      expect((await list.execute({ reader: adminReader, page: 1, pageSize: 10, search: 'PLAN' })).items.map((e) => e.media)).to.deep.equal([plan]);
    });

    it('OpenFile streams a rendition of a valid link, with the type of the rendition', async () => {
      const p = world();
      const photo = image(p);
      await p.storage.put(`tenants/${T}/media/${photo.id}/thumb`, Buffer.from('thumb bytes'), 'image/webp');
      const { urls } = valueOf(await new GetMedia(p, p.links).execute({ reader: adminReader, mediaId: photo.id }));
      const opened = valueOf(await new OpenFile(p, p.links).execute({ reader: adminReader, mediaId: photo.id, rendition: 'thumb', ...linkParts(urls.thumb!) }));
      expect(opened).to.deep.include({ mimeType: 'image/webp', fileName: 'hal3.jpg' });
      const chunks: Buffer[] = [];
      for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).to.equal('thumb bytes');
    });

    it('OpenFile refuses an altered, expired or borrowed link and a reader who lost access (FileLinkRefused), and a rendition the file lacks (NotFound)', async () => {
      const p = world();
      const plan = pdf(p);
      await p.storage.put(`tenants/${T}/media/${plan.id}/original`, Buffer.from('%PDF'), 'application/pdf');
      const document = item(p, { kind: 'document', title: 'Plan', body: { mediaId: plan.id }, userIds: [MEMBER] });
      const { urls } = valueOf(await new GetMedia(p, p.links).execute({ reader: memberReader, mediaId: plan.id }));
      const parts = linkParts(urls.original!);
      const open = new OpenFile(p, p.links);
      refusal(await open.execute({ reader: memberReader, mediaId: plan.id, rendition: 'original', ...parts, exp: parts.exp + 1 }), FileLinkRefused, 'MEDIA.LINK_REFUSED');
      refusal(await open.execute({ reader: { ...memberReader, userId: COLLEAGUE }, mediaId: plan.id, rendition: 'original', ...parts }), FileLinkRefused, 'MEDIA.LINK_REFUSED');
      const signedThumb = p.links.sign(memberReader, plan, 'thumb');
      refusal(await open.execute({ reader: memberReader, mediaId: plan.id, rendition: 'thumb', ...linkParts(signedThumb.url) }), NotFound, 'MEDIA.NOT_FOUND');
      document.remove(p.clock.now());
      expect(refusal(await open.execute({ reader: memberReader, mediaId: plan.id, rendition: 'original', ...parts }), FileLinkRefused, 'MEDIA.LINK_REFUSED').detail).to.equal('You no longer have access to this file.');
      const adminLink = linkParts(p.links.sign(adminReader, plan, 'original').url);
      valueOf(await open.execute({ reader: adminReader, mediaId: plan.id, rendition: 'original', ...adminLink }));
      p.clock.advance(301_000);
      refusal(await open.execute({ reader: adminReader, mediaId: plan.id, rendition: 'original', ...adminLink }), FileLinkRefused, 'MEDIA.LINK_REFUSED');
    });
  });

  describe('ShareLogo and MediaFiles', () => {
    it('ShareLogo shares an uploaded image with the whole tenant, and throws NotFound for anything else', async () => {
      const p = world();
      const logo = image(p);
      const plan = pdf(p);
      await new ShareLogo(p).handle({ tenantId: T, mediaId: logo.id });
      expect(logo.sharedWithTenant).to.equal(true);
      for (const mediaId of [plan.id, UNKNOWN]) {
        let thrown: unknown;
        await new ShareLogo(p).handle({ tenantId: T, mediaId }).catch((error: unknown) => (thrown = error));
        expect(thrown).to.be.instanceOf(NotFound);
      }
      expect(plan.sharedWithTenant).to.equal(false);
    });

    it("MediaFiles describes the tenant's files (each once) and reads an image rendition's bytes", async () => {
      const p = world();
      const photo = image(p, { createdBy: COLLEAGUE });
      const plan = pdf(p);
      await p.storage.put(`tenants/${T}/media/${photo.id}/display`, Buffer.from('display bytes'), 'image/webp');
      const files = new MediaFiles(p);
      expect(await files.describe(T, [photo.id, photo.id, UNKNOWN])).to.deep.equal([{ id: photo.id, kind: 'image', mimeType: 'image/jpeg', originalName: 'hal3.jpg', createdBy: COLLEAGUE }]);
      expect((await files.imageBytes(T, photo.id, 'display'))!.toString()).to.equal('display bytes');
      expect(await files.imageBytes(T, plan.id, 'original')).to.equal(null);
      expect(await files.imageBytes(T, UNKNOWN, 'display')).to.equal(null);
    });
  });
});
