import { expect } from 'chai';
import type { Locator } from 'playwright-core';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call, expectStatus, fileForm } from '../helpers/http.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';
import { checkPage, openContext, signInThroughConsole } from './harness.js';

/** Decoded and drawn: an <img> whose source the browser could not load has no natural width. */
async function expectDrawn(image: Locator): Promise<void> {
  await image.waitFor();
  const width = await image.evaluate(
    (element) =>
      new Promise<number>((resolve) => {
        const img = element as unknown as { complete: boolean; naturalWidth: number; addEventListener(type: string, listener: () => void): void };
        if (img.complete) resolve(img.naturalWidth);
        else {
          img.addEventListener('load', () => resolve(img.naturalWidth));
          img.addEventListener('error', () => resolve(0));
        }
      }),
  );
  expect(width, 'natural width of the image').to.be.greaterThan(0);
}

describe('console in the browser: photos, logos and attachments behind signed file links', function () {
  this.timeout(180_000);
  let tenant: OnboardedTenant;
  let coordinator: { id: string; email: string; token: string };
  let incidentId: string;

  before(async () => {
    tenant = await onboardTenant('Bestanden Zorggroep');
    coordinator = await addUser(tenant, ['coordinator'], 'Cor Coördinator');
    const logo = await expectStatus(await call('POST', '/v1/media', { token: tenant.adminToken, form: fileForm(smallPhonePhoto(), 'logo.jpg', 'image/jpeg') }), 201);
    await expectStatus(await call('PUT', '/v1/tenant/branding', { token: tenant.adminToken, body: { primaryColor: '#005a9c', accentColor: '#f39200', logoMediaId: logo.id } }), 200);
    const incident = await expectStatus(await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Wateroverlast kelder', type: 'general', severity: 'minor' } }), 201);
    incidentId = incident.id as string;
    const photo = await expectStatus(await call('POST', `/v1/incidents/${incidentId}/media`, { token: coordinator.token, form: fileForm(smallPhonePhoto(), 'kelder.jpg', 'image/jpeg') }), 201);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const document = await call('POST', `/v1/incidents/${incidentId}/media`, { token: coordinator.token, form: fileForm(pdf, 'pompplan.pdf', 'application/pdf') });
    expect(document.status, document.text).to.equal(201);
    await expectStatus(
      await call('POST', `/v1/incidents/${incidentId}/entries`, { token: coordinator.token, body: { text: 'Water staat 20 cm hoog in de kelder.', mediaIds: [photo.id, document.body.id] } }),
      201,
    );
  });

  it("shows the tenant's logo, an entry's photo and its larger view, and downloads the original and the attachment", async () => {
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: coordinator.email });
      await expectDrawn(page.getByRole('banner').getByRole('img', { name: 'Bestanden Zorggroep' }));
      await page.goto(`/incidents/${incidentId}`);
      await page.getByText('Water staat 20 cm hoog in de kelder.').waitFor();
      const open = page.getByRole('button', { name: 'Foto kelder.jpg openen' });
      await expectDrawn(open.getByRole('img'));
      await open.click();
      const viewer = page.getByRole('dialog', { name: 'kelder.jpg' });
      await expectDrawn(viewer.getByRole('img', { name: 'kelder.jpg' }));
      await checkPage(page, 'files-photo-viewer');
      const original = page.waitForEvent('download');
      await viewer.getByRole('button', { name: 'Origineel downloaden' }).click();
      expect((await original).suggestedFilename()).to.match(/kelder.*\.jpg$/);
      await page.keyboard.press('Escape');
      const attachment = page.waitForEvent('download');
      await page.getByRole('button', { name: 'pompplan.pdf' }).click();
      const saved = await attachment;
      expect(saved.suggestedFilename()).to.match(/pompplan.*\.pdf$/);
      const bytes = await new Promise<Buffer>((resolve, reject) => {
        void saved.createReadStream().then((stream) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks)));
          stream.on('error', reject);
        }, reject);
      });
      expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    } finally {
      await context.close();
    }
  });
});
