import { expect } from 'chai';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, download, fileForm } from '../helpers/http.js';
import { PHONE_CAMERA_MAKE, phonePhoto } from '../helpers/phone-photo.js';
import { env } from '../helpers/test-env.js';


function upload(t: OnboardedTenant, bytes: Buffer, name: string, type: string) {
  return call('POST', '/v1/media', { token: t.adminToken, form: fileForm(bytes, name, type) });
}

describe('media: uploads through sharp, typed by their bytes', () => {
  let t: OnboardedTenant;
  before(async () => {
    t = await onboardTenant();
  });

  it('strips EXIF (GPS, camera, time) from every rendition and turns phone photos upright', async function () {
    this.timeout(60_000);
    const original = await phonePhoto(4032, 3024);
    expect((await sharp(original).metadata()).exif).to.be.instanceOf(Buffer);
    const stored = await upload(t, original, 'IMG_2031.jpg', 'image/jpeg');
    expect(stored.status, stored.text).to.equal(201);
    expect(stored.body).to.include({ kind: 'image', mimeType: 'image/jpeg', width: 3024, height: 4032, originalName: 'IMG_2031.jpg' });
    for (const rendition of ['original', 'thumb', 'display']) {
      const file = await download(stored.body.urls[rendition] as string, t.adminToken);
      expect(file.status).to.equal(200);
      const meta = await sharp(file.bytes).metadata();
      expect(meta.exif, `${rendition} has no EXIF`).to.equal(undefined);
      expect(meta.orientation ?? 1).to.equal(1);
      expect(meta.height).to.be.greaterThan(meta.width);
      expect(file.bytes.includes(Buffer.from(PHONE_CAMERA_MAKE))).to.equal(false);
    }
    const thumb = await sharp((await download(stored.body.urls.thumb as string, t.adminToken)).bytes).metadata();
    expect(thumb).to.include({ format: 'webp', height: 320, width: 240 });
  });

  it('stores a PDF as it is and serves it as an attachment', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const stored = await upload(t, pdf, 'Ontruimingsplan.pdf', 'application/pdf');
    expect(stored.status, stored.text).to.equal(201);
    expect(stored.body).to.include({ kind: 'document', mimeType: 'application/pdf', size: pdf.length });
    const file = await download(stored.body.urls.original as string, t.adminToken);
    expect(file.bytes.equals(pdf)).to.equal(true);
    expect(file.headers.get('content-disposition')).to.match(/^attachment; filename="Ontruimingsplan.pdf"/);
  });

  it('accepts an office document (a real .xlsx) typed by its bytes as a document, and serves it as an attachment', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Bereikbaarheid');
    sheet.addRow(['Naam', 'Functie', 'Telefoon']);
    sheet.addRow(['Piet de Boer', 'Officier van dienst', '+31 88 1234567']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const stored = await upload(t, xlsx, 'Bereikbaarheid.xlsx', type);
    expect(stored.status, stored.text).to.equal(201);
    expect(stored.body).to.include({ kind: 'document', mimeType: type, size: xlsx.length, width: null, height: null });
    expect(Object.keys(stored.body.urls as object)).to.deep.equal(['original']);
    const file = await download(stored.body.urls.original as string, t.adminToken);
    expect(file.bytes.equals(xlsx)).to.equal(true);
    expect(file.headers.get('content-type')).to.equal(type);
    expect(file.headers.get('content-disposition')).to.match(/^attachment; filename="Bereikbaarheid.xlsx"/);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(read.getWorksheet('Bereikbaarheid')?.getCell('A2').value).to.equal('Piet de Boer');

    const asPdf = await upload(t, xlsx, 'Bereikbaarheid.pdf', 'application/pdf');
    expect(asPdf.status).to.equal(415);
  });

  it('accepts short videos typed by their bytes (MP4, QuickTime) and stores them as they are', async () => {
    // An ISO base media file: a ftyp box naming the brand, then an (empty) media data box.
    const video = (brand: string) => {
      const ftyp = Buffer.alloc(24);
      ftyp.writeUInt32BE(24, 0);
      ftyp.write('ftyp', 4, 'latin1');
      ftyp.write(brand, 8, 'latin1');
      ftyp.writeUInt32BE(0x200, 12);
      ftyp.write(brand, 16, 'latin1');
      ftyp.write('mp41', 20, 'latin1');
      const mdat = Buffer.alloc(4096, 7);
      mdat.writeUInt32BE(mdat.length, 0);
      mdat.write('mdat', 4, 'latin1');
      return Buffer.concat([ftyp, mdat]);
    };
    const mp4 = await upload(t, video('isom'), 'ontruiming.mp4', 'video/mp4');
    expect(mp4.status, mp4.text).to.equal(201);
    expect(mp4.body).to.include({ kind: 'video', mimeType: 'video/mp4', size: 4120, width: null, height: null });
    const file = await download(mp4.body.urls.original as string, t.adminToken);
    expect(file.bytes.equals(video('isom'))).to.equal(true);
    const mov = await upload(t, video('qt  '), 'IMG_0042.MOV', 'application/octet-stream');
    expect(mov.status, mov.text).to.equal(201);
    expect(mov.body).to.include({ kind: 'video', mimeType: 'video/quicktime' });
    const posingAsVideo = await upload(t, Buffer.from('%PDF-1.4\n%%EOF\n'), 'film.mp4', 'video/mp4');
    expect(posingAsVideo.status).to.equal(415);
  });

  it('refuses a type that is not accepted, and one declared as something it is not (415), changing nothing', async () => {
    const script = await upload(t, Buffer.from('#!/bin/sh\nrm -rf /\n'.repeat(400)), 'foto.jpg', 'image/jpeg');
    expect(script.status).to.equal(415);
    expect(script.body.type).to.equal('/problems/media-unsupported-type');
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c00' } }).png().toBuffer();
    const disguised = await upload(t, png, 'foto.jpg', 'image/jpeg');
    expect(disguised.status).to.equal(415);
    expect(disguised.body.detail).to.contain('image/png');
    const audit = await call('GET', '/v1/audit-events?action=media.uploaded', { token: t.adminToken });
    const count = audit.body.total as number;
    expect((await upload(t, png, 'logo.png', 'image/png')).status).to.equal(201);
    expect((await call('GET', '/v1/audit-events?action=media.uploaded', { token: t.adminToken })).body.total).to.equal(count + 1);
  });

  it('refuses an image over its size limit while it streams (413), and a decompression bomb (415)', async function () {
    this.timeout(60_000);
    const header = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#0c0' } }).png().toBuffer();
    const huge = Buffer.concat([header, Buffer.alloc(21 * 2 ** 20, 1)]);
    const tooLarge = await upload(t, huge, 'groot.png', 'image/png');
    expect(tooLarge.status).to.equal(413);
    expect(tooLarge.body.type).to.equal('/problems/media-too-large');
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).to.be.lessThan(2 * 2 ** 20);
    const refused = await upload(t, bomb, 'bom.png', 'image/png');
    expect(refused.status).to.equal(415);
  });

  it('needs a file part', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const reply = await call('POST', '/v1/media', { token: t.adminToken, form });
    expect(reply.status).to.equal(400);
  });
});

describe('signed per-user file links', () => {
  it('work for their user only, until they expire, untampered, and only while the user may see the file', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const other = await addUser(t, ['member']);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const media = await upload(t, pdf, 'plan.pdf', 'application/pdf');
    const doc = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'document', title: 'Plan', body: { mediaId: media.body.id, fileName: 'plan.pdf' } } });
    await call('POST', `/v1/content/items/${doc.body.id}/publish`, { token: t.adminToken });
    await call('PUT', `/v1/content/items/${doc.body.id}/audience`, { token: t.adminToken, body: { everyone: false, userIds: [member.id] } });

    const foreignFile = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'document', title: 'X', body: { mediaId: '00000000-0000-4000-8000-000000000000' } } });
    expect(foreignFile.status).to.equal(404);
    expect((await call('GET', `/v1/media/${media.body.id}`, { token: other.token })).status).to.equal(404);
    const mine = await call('GET', `/v1/media/${media.body.id}`, { token: member.token });
    expect(mine.status, mine.text).to.equal(200);
    const link = mine.body.urls.original as string;
    expect((await download(link, member.token)).status).to.equal(200);

    const byOther = await call('GET', link, { token: other.token });
    expect(byOther.status).to.equal(403);
    expect(byOther.body.type).to.equal('/problems/media-link-refused');
    const tampered = link.replace(/sig=[^&]+/, 'sig=' + 'A'.repeat(43));
    expect((await call('GET', tampered, { token: member.token })).status).to.equal(403);
    const longer = link.replace(/exp=(\d+)/, (_, exp: string) => `exp=${Number(exp) + 3600}`);
    expect((await call('GET', longer, { token: member.token })).status).to.equal(403);

    env().clock.advance((env().config.FILE_LINK_TTL_SECONDS + 1) * 1000);
    try {
      const expired = await call('GET', link, { token: member.token });
      expect(expired.status).to.equal(403);
    } finally {
      env().clock.reset();
    }

    await call('PUT', `/v1/content/items/${doc.body.id}/audience`, { token: t.adminToken, body: { everyone: false, userIds: [] } });
    const lost = await call('GET', link, { token: member.token });
    expect(lost.status).to.equal(403);
    expect(lost.body.detail).to.contain('no longer');
  });
});

describe('tenant branding', () => {
  it('sets colours and a logo that every user of the tenant can fetch, in renditions', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const logo = await upload(t, await sharp({ create: { width: 600, height: 200, channels: 4, background: '#005a9c' } }).png().toBuffer(), 'logo.png', 'image/png');
    expect((await call('GET', `/v1/media/${logo.body.id}`, { token: member.token })).status).to.equal(404);

    const set = await call('PUT', '/v1/tenant/branding', { token: t.adminToken, body: { primaryColor: '#005A9C', accentColor: '#f39200', logoMediaId: logo.body.id } });
    expect(set.status, set.text).to.equal(200);
    expect(set.body).to.deep.equal({ primaryColor: '#005a9c', accentColor: '#f39200', logoMediaId: logo.body.id });

    const seen = await call('GET', '/v1/tenant/branding', { token: member.token });
    expect(seen.body).to.deep.equal(set.body);
    const media = await call('GET', `/v1/media/${logo.body.id}`, { token: member.token });
    expect(media.status, media.text).to.equal(200);
    const thumb = await download(media.body.urls.thumb as string, member.token);
    expect(thumb.status).to.equal(200);
    expect((await sharp(thumb.bytes).metadata()).width).to.equal(320);
  });

  it('refuses a logo that is not an uploaded image, and bad colours, changing nothing', async () => {
    const t = await onboardTenant();
    const pdf = await upload(t, Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf', 'application/pdf');
    const notImage = await call('PUT', '/v1/tenant/branding', { token: t.adminToken, body: { primaryColor: '#000000', accentColor: null, logoMediaId: pdf.body.id } });
    expect(notImage.status).to.equal(404);
    const badColour = await call('PUT', '/v1/tenant/branding', { token: t.adminToken, body: { primaryColor: 'blauw', accentColor: null, logoMediaId: null } });
    expect(badColour.status).to.equal(400);
    expect((await call('GET', '/v1/tenant/branding', { token: t.adminToken })).body).to.deep.equal({ primaryColor: null, accentColor: null, logoMediaId: null });
  });
});

describe('the media library', () => {
  it('lists the library newest first, paged and filtered, with where each file is used and links signed for the caller', async function () {
    this.timeout(60_000);
    const own = await onboardTenant();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const document = await call('POST', '/v1/media', { token: own.adminToken, form: fileForm(pdf, 'ontruimingsplan.pdf', 'application/pdf') });
    expect(document.status, document.text).to.equal(201);
    const photo = await call('POST', '/v1/media', { token: own.adminToken, form: fileForm(await phonePhoto(640, 480), 'gevel.jpg', 'image/jpeg') });
    expect(photo.status, photo.text).to.equal(201);
    const item = await call('POST', '/v1/content/items', { token: own.adminToken, body: { kind: 'document', title: 'Ontruimingsplan', body: { mediaId: document.body.id, fileName: 'ontruimingsplan.pdf' } } });
    expect(item.status, item.text).to.equal(201);

    const all = await call('GET', '/v1/media', { token: own.adminToken });
    expect(all.status, all.text).to.equal(200);
    expect(all.body).to.include({ total: 2, page: 1, pageSize: 50 });
    const [first, second] = all.body.items as Array<{ id: string; originalName: string; usedIn: unknown[]; urls: Record<string, string>; mimeType: string; size: number }>;
    expect(first!.id).to.equal(photo.body.id);
    expect(first!.usedIn).to.deep.equal([]);
    expect(second).to.deep.include({ id: document.body.id, originalName: 'ontruimingsplan.pdf', mimeType: 'application/pdf', size: pdf.length });
    expect(second!.usedIn).to.deep.equal([{ id: item.body.id, title: 'Ontruimingsplan', kind: 'document' }]);
    const thumb = await download(first!.urls.thumb!, own.adminToken);
    expect(thumb.status).to.equal(200);

    const images = await call('GET', '/v1/media?kind=image', { token: own.adminToken });
    expect(images.body.items.map((m: { id: string }) => m.id)).to.deep.equal([photo.body.id]);
    const named = await call('GET', '/v1/media?search=ONTRUIM&pageSize=1', { token: own.adminToken });
    expect(named.body).to.include({ total: 1, pageSize: 1 });
    expect(named.body.items.map((m: { id: string }) => m.id)).to.deep.equal([document.body.id]);
    // Deleted items no longer count as a use.
    expect((await call('DELETE', `/v1/content/items/${item.body.id}`, { token: own.adminToken })).status).to.equal(204);
    expect((await call('GET', '/v1/media?kind=document', { token: own.adminToken })).body.items[0].usedIn).to.deep.equal([]);
    const member = await addUser(own, ['member']);
    expect((await call('GET', '/v1/media', { token: member.token })).status).to.equal(403);
  });
});
