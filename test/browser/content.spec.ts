import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { eventually } from '../helpers/eventually.js';
import { call, fileForm } from '../helpers/http.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';
import { checkPage, openContext, signInThroughConsole, totp } from './harness.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function enrolSecondFactor(token: string): Promise<string> {
  const started = await call('POST', '/v1/me/second-factor', { token });
  expect(started.status, started.text).to.equal(200);
  const secret = started.body.secret as string;
  const confirmed = await call('POST', '/v1/me/second-factor/confirm', { token, body: { code: totp(secret) } });
  expect(confirmed.status, confirmed.text).to.equal(200);
  return secret;
}

const treeItem = (page: Page, title: string) => page.getByRole('treeitem', { name: new RegExp(title) });
const editor = (page: Page) => page.getByRole('tabpanel');

/** New item through the dialog, in the folder selected in the tree (or at the top). */
async function createItem(page: Page, kind: string, title: string, extra: { role?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Nieuw item' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Soort' }).click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  await dialog.getByLabel(/^Titel/).fill(title);
  if (extra.role) await dialog.getByLabel(/^Rol/).fill(extra.role);
  await dialog.getByRole('button', { name: 'Aanmaken' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

/** A row dragged with the mouse as a person does: press, move a little, move over the target (its upper edge, or its middle for "into"), release. */
async function dragRow(page: Page, from: Locator, to: Locator, where: 'above' | 'into'): Promise<void> {
  const source = (await from.boundingBox())!;
  const target = (await to.boundingBox())!;
  await page.mouse.move(source.x + 40, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + 46, source.y + source.height / 2 + 6, { steps: 3 });
  await page.mouse.move(target.x + 60, where === 'above' ? target.y + 3 : target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function publish(page: Page, title: string): Promise<void> {
  await editor(page).getByRole('button', { name: 'Publiceren' }).click();
  await treeItem(page, `${title}.*Gepubliceerd`).first().waitFor();
}

async function audienceToGroup(page: Page, group: string): Promise<void> {
  await page.getByRole('tab', { name: 'Publiek' }).click();
  await editor(page).getByRole('combobox', { name: 'Groepen' }).fill(group.slice(0, 5));
  await page.getByRole('option', { name: group }).click();
  await editor(page).getByRole('button', { name: 'Publiek opslaan' }).click();
  await editor(page).getByText(/Wie ziet dit: leden van 1 groep/).waitFor();
  await page.getByRole('tab', { name: 'Inhoud' }).click();
}

describe('console in the browser: the content tree, audiences, preview as, contacts, media and branding', function () {
  this.timeout(600_000);
  let tenant: OnboardedTenant;
  let secret: string;
  let memberA: { id: string; email: string; token: string };

  before(async () => {
    tenant = await onboardTenant('Zorggroep Inhoud');
    secret = await enrolSecondFactor(tenant.adminToken);
    memberA = await addUser(tenant, ['member'], 'Anna Crisisteam');
    await addUser(tenant, ['member'], 'Bram Buitenstaander');
    const group = await call('POST', '/v1/groups', { token: tenant.adminToken, body: { name: 'Crisisteam', type: 'team' } });
    expect(group.status, group.text).to.equal(201);
    expect((await call('PUT', `/v1/groups/${group.body.id}/members/${memberA.id}`, { token: tenant.adminToken })).status).to.equal(204);
    const contact = await call('POST', '/v1/contacts', { token: tenant.adminToken, body: { name: 'Piet de Boer', function: 'Officier van dienst', phones: ['+31 88 1234567'], legalBasis: 'legitimate_interest' } });
    expect(contact.status, contact.text).to.equal(201);
  });

  it('lets an admin build a small plan, set who sees it, reorder and move it, and preview it as two members', async () => {
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
      await page.getByRole('link', { name: 'Inhoud', exact: true }).click();
      await page.getByRole('heading', { name: 'Inhoud', level: 1 }).waitFor();
      await page.getByText('Er is nog geen inhoud').waitFor();

      // The folder, published, for the crisis team.
      await createItem(page, 'Map', 'Crisisplan');
      await publish(page, 'Crisisplan');
      await audienceToGroup(page, 'Crisisteam');

      // A page with markdown rendered live as the apps do; raw HTML stays text.
      await treeItem(page, 'Crisisplan').click();
      await createItem(page, 'Pagina', 'Brand op de afdeling');
      await editor(page).getByLabel('Tekst (markdown)').fill('# Brand\nBel **112** <script>alert(1)</script>');
      const preview = page.getByRole('region', { name: 'Voorbeeld zoals in de app' });
      await preview.getByRole('heading', { name: 'Brand' }).waitFor();
      expect(await preview.locator('strong').innerText()).to.equal('112');
      expect(await preview.locator('script').count()).to.equal(0);
      await checkPage(page, 'content-page-editor');
      await publish(page, 'Brand op de afdeling');
      await audienceToGroup(page, 'Crisisteam');

      // Two task cards with ordered steps.
      for (const [title, role, steps] of [
        ['Taakkaart BHV', 'BHV’er', ['Alarmeer de meldkamer', 'Begeleid bewoners']],
        ['Taakkaart Ontruiming', 'Ontruimer', ['Controleer de kamers', 'Meld de teller']],
      ] as const) {
        await treeItem(page, 'Crisisplan').click();
        await createItem(page, 'Taakkaart', title, { role });
        for (const step of steps) {
          await editor(page).getByLabel('Nieuwe stap').fill(step);
          await editor(page).getByRole('button', { name: 'Stap toevoegen' }).click();
        }
        await publish(page, title);
        await audienceToGroup(page, 'Crisisteam');
      }
      // Reorder a step: the second goes first.
      await editor(page).getByRole('button', { name: 'Meld de teller omhoog' }).click();
      expect(await editor(page).getByRole('textbox', { name: 'Stap 1' }).inputValue()).to.equal('Meld de teller');
      await editor(page).getByRole('button', { name: 'Opslaan als concept' }).click();
      await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();

      // A scenario linking both task cards, picked from the tree.
      await treeItem(page, 'Crisisplan').click();
      await createItem(page, 'Scenario', 'Brand in de nacht');
      await editor(page).getByRole('combobox', { name: 'Gekoppelde taakkaarten' }).fill('Taak');
      await page.getByRole('option', { name: 'Taakkaart BHV' }).click();
      await page.getByRole('option', { name: 'Taakkaart Ontruiming' }).click();
      await editor(page).getByLabel('Beschrijving (markdown)').fill('Bij brand **na 23:00**.');
      await page.keyboard.press('Escape');
      await publish(page, 'Brand in de nacht');
      await audienceToGroup(page, 'Crisisteam');

      // A contact list with a contact picked by search; the phone number is shown.
      await treeItem(page, 'Crisisplan').click();
      await createItem(page, 'Contactlijst', 'Contacten brand');
      await editor(page).getByRole('combobox', { name: 'Contactpersoon toevoegen' }).fill('Piet');
      await page.getByRole('option', { name: /Piet de Boer/ }).click();
      await editor(page).getByText('+31 88 1234567', { exact: false }).waitFor();
      await publish(page, 'Contacten brand');
      await audienceToGroup(page, 'Crisisteam');

      // A document: a refused upload shows the API's words, a PDF goes up.
      await treeItem(page, 'Crisisplan').click();
      await createItem(page, 'Document', 'Ontruimingsplan');
      let chooser = page.waitForEvent('filechooser');
      await editor(page).getByRole('button', { name: 'Bestand uploaden' }).click();
      await (await chooser).setFiles({ name: 'plan.txt', mimeType: 'text/plain', buffer: Buffer.from('gewoon tekst') });
      await editor(page).getByRole('alert').filter({ hasText: 'Bestand geweigerd' }).waitFor();
      await checkPage(page, 'content-upload-refused');
      chooser = page.waitForEvent('filechooser');
      await editor(page).getByRole('button', { name: 'Bestand uploaden' }).click();
      await (await chooser).setFiles({ name: 'ontruimingsplan.pdf', mimeType: 'application/pdf', buffer: PDF });
      await editor(page).getByText(/Bestand: ontruimingsplan\.pdf/).waitFor();

      // Published without an audience: flagged as unreachable, with the reason; fixed by an audience.
      await publish(page, 'Ontruimingsplan');
      await treeItem(page, 'Ontruimingsplan.*Niemand ziet dit').waitFor();
      await page.getByRole('tab', { name: 'Publiek' }).click();
      await editor(page).getByText('Er is geen publiek gekozen.', { exact: false }).waitFor();
      await checkPage(page, 'content-unreachable');
      await page.getByRole('tab', { name: 'Inhoud' }).click();
      await audienceToGroup(page, 'Crisisteam');
      await treeItem(page, 'Ontruimingsplan.*Niemand ziet dit').waitFor({ state: 'detached' });

      // Search within the tree.
      await page.getByLabel('Zoeken in de boom').fill('taakkaart');
      await page.getByText('2 items gevonden').waitFor();
      await page.getByLabel('Zoeken in de boom').fill('');

      // Drag-and-drop by keyboard (Ctrl+Shift+D, arrows, Enter): the second task card above the first.
      const titles = async () => (await page.getByRole('treeitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
      await treeItem(page, 'Taakkaart Ontruiming').click();
      await page.keyboard.press('Control+Shift+KeyD');
      for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await page.getByText('"Taakkaart Ontruiming" is verplaatst.').waitFor();

      // Keyboard way: a subfolder, the page moved into it with "Move to…"; a folder into its own subfolder is refused.
      await treeItem(page, 'Crisisplan').click();
      await createItem(page, 'Map', 'Nazorg');
      await publish(page, 'Nazorg');
      await audienceToGroup(page, 'Crisisteam');
      await treeItem(page, 'Brand op de afdeling').click();
      await page.getByRole('button', { name: 'Verplaatsen naar…' }).click();
      await page.getByRole('dialog').getByRole('combobox', { name: 'Naar map' }).fill('Nazorg');
      await page.getByRole('option', { name: 'Crisisplan / Nazorg' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Verplaatsen' }).click();
      await page.getByText('"Brand op de afdeling" is verplaatst.').waitFor();
      await treeItem(page, 'Crisisplan').first().click();
      await page.getByRole('button', { name: 'Verplaatsen naar…' }).click();
      await page.getByRole('dialog').getByRole('combobox', { name: 'Naar map' }).fill('Nazorg');
      await page.getByRole('option', { name: 'Crisisplan / Nazorg' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Verplaatsen' }).click();
      await page.getByRole('alert').filter({ hasText: 'kan niet in zichzelf' }).waitFor();

      // Both persist after a reload.
      await page.reload();
      await treeItem(page, 'Crisisplan').first().click();
      await treeItem(page, 'Taakkaart BHV').waitFor();
      const order = await titles();
      const ontruiming = order.findIndex((text) => text.includes('Taakkaart Ontruiming'));
      const bhv = order.findIndex((text) => text.includes('Taakkaart BHV'));
      expect(ontruiming, order.join(' | ')).to.be.greaterThan(-1);
      expect(ontruiming, order.join(' | ')).to.be.lessThan(bhv);
      const items = await call('GET', '/v1/content/items', { token: tenant.adminToken });
      const byTitle = new Map((items.body.items as Array<{ id: string; title: string; parentId: string | null }>).map((item) => [item.title, item]));
      expect(byTitle.get('Brand op de afdeling')!.parentId).to.equal(byTitle.get('Nazorg')!.id);
      await checkPage(page, 'content-tree');

      // Unsaved changes: leaving asks first.
      await treeItem(page, 'Ontruimingsplan').click();
      await editor(page).getByLabel(/^Titel/).fill('Ontruimingsplan (concept)');
      await page.getByRole('link', { name: 'Contactpersonen', exact: true }).click();
      await page.getByRole('dialog', { name: 'Wijzigingen niet opgeslagen' }).getByRole('button', { name: 'Blijven' }).click();
      expect(await editor(page).getByLabel(/^Titel/).inputValue()).to.equal('Ontruimingsplan (concept)');
      await editor(page).getByLabel(/^Titel/).fill('Ontruimingsplan');

      // Preview as: member A sees the crisis team's plan, member B sees nothing.
      await page.getByRole('link', { name: 'Bekijken als', exact: true }).click();
      await page.getByRole('heading', { name: 'Bekijken als een gebruiker' }).waitFor();
      await page.getByRole('combobox', { name: 'Gebruiker' }).fill('Anna');
      await page.getByRole('option', { name: /Anna Crisisteam/ }).click();
      const seen = page.getByRole('tree', { name: 'Inhoud zoals de gebruiker die ziet' });
      for (const title of ['Crisisplan', 'Nazorg', 'Brand op de afdeling', 'Taakkaart BHV', 'Brand in de nacht', 'Contacten brand', 'Ontruimingsplan']) await seen.getByText(title, { exact: true }).waitFor();
      await checkPage(page, 'content-preview');
      await page.getByRole('combobox', { name: 'Gebruiker' }).fill('Bram');
      await page.getByRole('option', { name: /Bram Buitenstaander/ }).click();
      await page.getByText('Bram Buitenstaander ziet nu geen inhoud.').waitFor();
      const mine = await call('GET', '/v1/me/content', { token: memberA.token });
      expect((mine.body.items as Array<{ title: string }>).map((item) => item.title)).to.include('Ontruimingsplan');

      // Contacts: where a contact is used; a new one with its legal basis and retention date.
      await page.getByRole('link', { name: 'Contactpersonen', exact: true }).click();
      await page.getByRole('cell', { name: 'Contacten brand' }).waitFor();
      await page.getByRole('button', { name: 'Contactpersoon toevoegen' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Naam/).fill('Karin Jansen');
      await dialog.getByLabel(/^Bewaren tot/).fill('2027-06-30');
      await dialog.getByRole('combobox', { name: 'Grondslag' }).click();
      await page.getByRole('option', { name: 'Publieke taak' }).click();
      await dialog.getByRole('button', { name: 'Opslaan' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: 'Karin Jansen', exact: true }).waitFor();
      await page.getByRole('checkbox', { name: 'Zonder grondslag' }).check();
      await page.getByText('Geen contactpersonen gevonden.').waitFor();
      await page.getByRole('checkbox', { name: 'Zonder grondslag' }).uncheck();
      await checkPage(page, 'content-contacts');

      // Media: the plan's PDF is in the library.
      await page.getByRole('link', { name: 'Bestanden', exact: true }).click();
      await page.getByText('In document "Ontruimingsplan"').waitFor();
      await checkPage(page, 'content-media');

      // Branding: a pale primary colour fails AA for white text; the header preview picks dark text.
      await page.getByRole('link', { name: 'Huisstijl', exact: true }).click();
      await page.getByRole('heading', { name: 'Huisstijl', level: 1 }).waitFor();
      await page.getByRole('textbox', { name: 'Hoofdkleur' }).fill('#ffd43b');
      await page.getByRole('textbox', { name: 'Accentkleur' }).fill('#005a9c');
      await page.getByRole('cell', { name: 'Onvoldoende' }).first().waitFor();
      await page.getByRole('img', { name: /Voorbeeld van de kop van de app/ }).waitFor();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Opgeslagen.').waitFor();
      await checkPage(page, 'content-branding');
      const branding = await call('GET', '/v1/tenant/branding', { token: tenant.adminToken });
      expect(branding.body).to.include({ primaryColor: '#ffd43b', accentColor: '#005a9c' });
    } finally {
      await context.close();
    }
  });

  it('shows who an item reaches, lists the media library, and moves rows by mouse drag-and-drop (refusing a move into its own subtree)', async () => {
    const token = tenant.adminToken;
    // The test above leaves a pale yellow primary colour, which the console's links take on.
    const plain = await call('PUT', '/v1/tenant/branding', { token, body: { primaryColor: null, accentColor: null, logoMediaId: null } });
    expect(plain.status, plain.text).to.equal(200);
    const made = async (body: Record<string, unknown>): Promise<string> => {
      const reply = await call('POST', '/v1/content/items', { token, body });
      expect(reply.status, reply.text).to.equal(201);
      expect((await call('POST', `/v1/content/items/${reply.body.id}/publish`, { token })).status).to.equal(200);
      return reply.body.id as string;
    };
    const groups = await call('GET', '/v1/groups?search=Crisisteam', { token });
    const crisisteam = (groups.body.items as Array<{ id: string }>)[0]!.id;
    const folderA = await made({ kind: 'folder', title: 'Map Alfa', body: {} });
    const folderB = await made({ parentId: folderA, kind: 'folder', title: 'Map Beta', body: {} });
    const first = await made({ parentId: folderA, kind: 'page', title: 'Eerste pagina', body: { markdown: 'Een' } });
    const second = await made({ parentId: folderA, kind: 'page', title: 'Tweede pagina', body: { markdown: 'Twee' } });
    expect((await call('PUT', `/v1/content/items/${second}/audience`, { token, body: { everyone: false, groupIds: [crisisteam] } })).status).to.equal(200);
    const photo = await call('POST', '/v1/media', { token, form: fileForm(smallPhonePhoto(), 'gevel-noord.jpg', 'image/jpeg') });
    expect(photo.status, photo.text).to.equal(201);
    const pdf = await call('POST', '/v1/media', { token, form: fileForm(PDF, 'draaiboek.pdf', 'application/pdf') });
    expect(pdf.status, pdf.text).to.equal(201);
    await made({ kind: 'document', title: 'Draaiboek', body: { mediaId: pdf.body.id, fileName: 'draaiboek.pdf' } });

    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });

      // Who sees this: the crisis team's one member, by name; not the outsider.
      await page.goto(`/content?item=${second}`);
      await page.getByRole('tab', { name: 'Publiek' }).click();
      const reach = page.getByRole('region', { name: 'Wie ziet dit' });
      await reach.getByText('Bereikt nu 1 gebruiker.').waitFor();
      const who = reach.getByRole('list', { name: 'Gebruikers die dit zien' });
      await who.getByText('Anna Crisisteam').waitFor();
      expect(await who.getByRole('listitem').count()).to.equal(1);
      expect(await reach.getByText('Bram Buitenstaander').count()).to.equal(0);
      await checkPage(page, 'content-reach');
      // Taken back to draft it reaches nobody, and says why and whom it would reach.
      await page.getByRole('tab', { name: 'Inhoud' }).click();
      await editor(page).getByRole('button', { name: 'Publicatie intrekken' }).click();
      await treeItem(page, 'Tweede pagina.*Concept').waitFor();
      await page.getByRole('tab', { name: 'Publiek' }).click();
      await reach.getByText('Bereikt nu niemand.').waitFor();
      await reach.getByText('Het item is een concept.').waitFor();
      await reach.getByText('Na publicatie bereikt het 1 gebruiker:').waitFor();
      await page.getByRole('tab', { name: 'Inhoud' }).click();
      await editor(page).getByRole('button', { name: 'Publiceren' }).click();
      await treeItem(page, 'Tweede pagina.*Gepubliceerd').waitFor();

      // Mouse drag-and-drop: the second page above the first, then the first into the subfolder.
      const titles = async () => (await page.getByRole('treeitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
      await dragRow(page, treeItem(page, 'Tweede pagina'), treeItem(page, 'Eerste pagina'), 'above');
      await page.getByText('"Tweede pagina" is verplaatst.').waitFor();
      await eventually('the second page above the first', async () => {
        const rows = await titles();
        return rows.findIndex((t) => t.includes('Tweede pagina')) < rows.findIndex((t) => t.includes('Eerste pagina'));
      });
      await dragRow(page, treeItem(page, 'Eerste pagina'), treeItem(page, 'Map Beta'), 'into');
      await page.getByText('"Eerste pagina" is verplaatst.').waitFor();
      // A folder dragged onto its own subfolder: refused with the message, nothing moved.
      await dragRow(page, treeItem(page, 'Map Alfa'), treeItem(page, 'Map Beta'), 'into');
      await page.getByRole('alert').filter({ hasText: 'kan niet in zichzelf' }).waitFor();
      const items = new Map(((await call('GET', '/v1/content/items', { token })).body.items as Array<{ id: string; parentId: string | null; position: number }>).map((i) => [i.id, i]));
      expect(items.get(first)!.parentId).to.equal(folderB);
      expect(items.get(folderA)!.parentId).to.equal(null);
      expect(items.get(second)!.parentId).to.equal(folderA);
      expect(items.get(second)!.position, 'the second page before where the first was').to.equal(1);
      // After a reload, with the moved page chosen: the folders above it open, it sits under Map Beta.
      await page.goto(`/content?item=${first}`);
      await treeItem(page, 'Eerste pagina').waitFor();
      const order = await titles();
      expect(order.findIndex((t) => t.includes('Eerste pagina')), order.join(' | ')).to.be.greaterThan(order.findIndex((t) => t.includes('Map Beta')));

      // The media library: every upload with where it is used, and a filter by type.
      await page.getByRole('link', { name: 'Bestanden' }).click();
      const library = page.getByRole('list', { name: 'Bestanden' });
      await library.getByRole('button', { name: 'gevel-noord.jpg openen' }).waitFor();
      await library.getByText('In document "Draaiboek"').waitFor();
      await library.getByRole('img', { name: 'Voorbeeld van gevel-noord.jpg' }).waitFor();
      await checkPage(page, 'content-media-list');
      await page.getByRole('combobox', { name: 'Soort' }).click();
      await page.getByRole('option', { name: 'Document', exact: true }).click();
      await library.getByText('In document "Draaiboek"').waitFor();
      await library.getByRole('button', { name: 'gevel-noord.jpg openen' }).waitFor({ state: 'detached' });
      await page.getByLabel('Zoeken op bestandsnaam').fill('bestaat-niet');
      await page.getByText('Geen bestanden gevonden.').waitFor();
    } finally {
      await context.close();
    }
  });
});
