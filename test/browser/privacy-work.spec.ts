import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { ownerQuery } from '../helpers/database-search.js';
import { addUser, onboardTenant, operatorToken, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { checkPage, openContext, signInThroughConsole, totp } from './harness.js';

/**
 * The privacy officer's day in one signed-in page (a code of the authenticator works once, so
 * the tests share one sign-in): retention, a person's request end to end, a breach, the large
 * export, the processing register and the organisation's settings.
 */
describe('console in the browser: retention, exports, registers and settings', function () {
  this.timeout(240_000);
  let tenant: OnboardedTenant;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    tenant = await onboardTenant('Veiligheidsregio Bewaren');
    const started = await call('POST', '/v1/me/second-factor', { token: tenant.adminToken });
    const secret = started.body.secret as string;
    expect((await call('POST', '/v1/me/second-factor/confirm', { token: tenant.adminToken, body: { code: totp(secret) } })).status).to.equal(200);
    ({ context, page } = await openContext());
    await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
  });

  after(async () => {
    await context?.close();
  });

  it('finds a person past retention, runs the retention job, exports their data, erases them: gone from the users list, in the ledger, their reads in the audit trail; records a breach and sees the countdown', async () => {
    const subject = await addUser(tenant, ['member'], 'Henk Bewaartermijn');
    const past = await call('PATCH', `/v1/users/${subject.id}`, { token: tenant.adminToken, body: { retentionUntil: '2020-01-31', legalBasis: 'contract' } });
    expect(past.status, past.text).to.equal(200);
    const contact = await call('POST', '/v1/contacts', { token: tenant.adminToken, body: { name: 'Joke Zondergrond', organisation: 'Brandweer' } });
    expect(contact.status, contact.text).to.equal(201);

    await page.getByRole('link', { name: 'Bewaartermijn en grondslag', exact: true }).click();
    await page.getByRole('heading', { name: 'Bewaartermijn en grondslag', level: 1 }).waitFor();
    const pastRetention = page.getByRole('region', { name: 'Bewaartermijn verstreken' });
    await pastRetention.getByRole('row', { name: /Henk Bewaartermijn/ }).getByText('31 jan 2020').waitFor();
    await page.getByRole('region', { name: 'Zonder grondslag' }).getByRole('link', { name: 'Joke Zondergrond' }).waitFor();
    expect(await page.getByLabel(/^Maanden tot een gedeactiveerd account/).inputValue()).to.equal('6');

    await page.getByRole('button', { name: 'Nu uitvoeren' }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'Wat de taak deed' });
    await outcome.waitFor();
    expect(await outcome.innerText()).to.match(/1\s+gemarkeerd/).and.to.match(/0\s+verwijderd/);
    await page.getByRole('region', { name: 'Gemarkeerd door de bewaartermijntaak' }).getByRole('link', { name: subject.id }).waitFor();
    await checkPage(page, 'privacy-retention');

    await pastRetention.getByRole('link', { name: 'Henk Bewaartermijn' }).click();
    await page.getByRole('heading', { name: 'Henk Bewaartermijn', level: 1 }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Downloaden als JSON' }).click()]);
    const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as { subject: { id: string } };
    expect(saved.subject.id).to.equal(subject.id);

    expect(await page.getByRole('link', { name: /^Gegevens corrigeren/ }).getAttribute('href')).to.equal(`/people/${subject.id}`);
    await page.getByRole('link', { name: /Wie de gegevens van deze persoon inzag/ }).click();
    await page.getByRole('heading', { name: 'Auditlog' }).waitFor();
    await page.getByRole('cell', { name: 'personal_data.read' }).first().waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Henk Bewaartermijn', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Henk Bewaartermijn verwijderen' }).click();
    await page.getByRole('dialog', { name: 'Henk Bewaartermijn verwijderen?' }).getByRole('button', { name: 'Henk Bewaartermijn definitief verwijderen' }).click();
    await page.getByRole('heading', { name: 'Verwijderregister' }).waitFor();
    await page.getByRole('row', { name: new RegExp(subject.id) }).waitFor();

    await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
    await page.getByRole('cell', { name: tenant.adminEmail }).waitFor();
    expect(await page.getByText('Henk Bewaartermijn').count()).to.equal(0);

    await page.getByRole('link', { name: 'Datalekken', exact: true }).click();
    await page.getByRole('button', { name: 'Datalek vastleggen' }).click();
    await page.getByLabel(/^Wat er gebeurde/).fill('Bewaarlijst gemaild naar buiten');
    await page.getByLabel(/^Beschrijving/).fill('De lijst van personen na hun bewaartermijn ging naar een verkeerd adres.');
    await page.getByRole('button', { name: 'Datalek opslaan' }).click();
    await page.getByRole('article', { name: 'Bewaarlijst gemaild naar buiten' }).getByRole('timer').getByText(/^Nog 7[012] u \d+ min om te melden$/).waitFor();
  });

  it('exports 10,000 users as a spreadsheet with progress, and the downloaded file opens', async () => {
    await ownerQuery(
      `insert into users (id, tenant_id, email, name, roles, status, created_at, updated_at)
       select gen_random_uuid(), $1, 'p' || n || '@bewaren.test', 'Persoon ' || n, '{member}', 'active', now(), now() from generate_series(1, 10000) n`,
      [tenant.id],
    );
    const total = (await call('GET', '/v1/users?pageSize=1', { token: tenant.adminToken })).body.total as number;
    expect(total).to.be.at.least(10_001);

    await page.getByRole('link', { name: 'Exporteren', exact: true }).click();
    const card = page.getByRole('region', { name: 'Alle gebruikers' });
    await card.getByText(`${total.toLocaleString('nl-NL')} gebruikers`).waitFor();
    await checkPage(page, 'privacy-exports');
    // Every progress text the page shows while the file comes in (the test compiles without DOM types).
    await page.evaluate(`(() => {
      window.__progress = [];
      new MutationObserver(() => {
        for (const status of document.querySelectorAll('[role="status"]')) if (!window.__progress.includes(status.textContent)) window.__progress.push(status.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), card.getByRole('button', { name: 'Alle gebruikers exporteren' }).click()]);
    // The bar stays at its end with what came in, so the person sees the export finished.
    await card.getByRole('progressbar', { name: 'Alle gebruikers' }).waitFor();
    await card.getByRole('status').getByText(/^Klaar: \d+,\d MB in \d+ s/).waitFor();
    const shown = await page.evaluate<string[]>('window.__progress');
    expect(shown.some((text) => /^\d+,\d MB binnen$/.test(text)), shown.join(' | ')).to.equal(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.getWorksheet('users')!;
    expect(sheet.rowCount).to.equal(total + 1);
    expect(download.suggestedFilename()).to.match(/\.xlsx$/);
    await checkPage(page, 'privacy-exports-done');
    const audit = await call('GET', '/v1/audit-events?action=privacy.export.users&pageSize=5', { token: tenant.adminToken });
    expect(audit.status, audit.text).to.equal(200);
    expect(audit.body.total).to.be.at.least(1);
  });

  it('keeps the processing register with special categories flagged, and exports it', async () => {
    await page.getByRole('link', { name: 'Verwerkingsregister', exact: true }).click();
    await page.getByRole('heading', { name: 'Verwerkingsregister', level: 1 }).waitFor();
    await page.getByText('Het register is nog leeg.').waitFor();
    await page.getByRole('button', { name: 'Verwerking toevoegen' }).click();
    await page.getByLabel(/^Verwerkingsactiviteit/).fill('Bedrijfshulpverlening');
    await page.getByLabel(/^Doel/).fill('Hulpverleners weten welke collega medische aandacht nodig heeft');
    await page.getByLabel(/^Soorten persoonsgegevens/).fill('naam, telefoonnummer');
    // The pills' wrapper takes the click that opens the options, as it does for a mouse.
    await page.getByRole('combobox', { name: /^Bijzondere persoonsgegevens/ }).click({ force: true });
    await page.getByRole('option', { name: 'Gezondheid' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel(/^Bewaartermijn/).fill('Tot uitdiensttreding');
    await page.getByLabel(/^Verantwoordelijke/).fill('Functionaris gegevensbescherming');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const activity = page.getByRole('article', { name: 'Bedrijfshulpverlening' });
    await activity.getByText('Bijzondere persoonsgegevens (art. 9)', { exact: true }).first().waitFor();
    await activity.getByRole('definition').filter({ hasText: /^Gezondheid$/ }).waitFor();
    await checkPage(page, 'privacy-processing');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren als spreadsheet' }).click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((row) => rows.push(JSON.stringify(row.values)));
    expect(rows.join('\n')).to.contain('Bedrijfshulpverlening').and.to.contain('health');
  });

  it("sets the organisation's second-factor policy and minimum app versions, and shows the processor agreement read-only", async () => {
    const operator = await operatorToken();
    const recorded = await call('POST', `/v1/platform/tenants/${tenant.id}/processor-agreements`, {
      token: operator,
      body: { version: '2026.1', acceptedByName: 'Marieke de Vries', acceptedByEmail: 'm.devries@bewaren.test', acceptedAt: '2026-11-20T14:00:00.000Z' },
    });
    expect(recorded.status, recorded.text).to.equal(201);

    await page.getByRole('link', { name: 'Organisatie-instellingen', exact: true }).click();
    await page.getByRole('heading', { name: 'Organisatie-instellingen', level: 1 }).waitFor();
    const agreement = page.getByRole('region', { name: 'Verwerkersovereenkomst' });
    await agreement.getByRole('row', { name: /2026\.1 \(geldend\).*Marieke de Vries/ }).waitFor();
    expect(await agreement.getByRole('button').count(), 'nothing to change in the agreement').to.equal(0);
    expect(await page.getByRole('combobox', { name: 'Tijdzone' }).inputValue()).to.equal('Europe/Amsterdam');

    const secondFactor = page.getByRole('region', { name: 'Tweestapsverificatie' });
    await secondFactor.getByRole('radio', { name: 'Beheerders' }).check();
    await secondFactor.getByRole('button', { name: 'Opslaan' }).click();
    await secondFactor.getByRole('status').getByText('Opgeslagen.').waitFor();

    const versions = page.getByRole('region', { name: 'Minimale app-versies' });
    await versions.getByLabel('iOS').fill('2.4');
    await versions.getByLabel('Android').fill('twee');
    await versions.getByText('Een versie zoals 2.4.0.').waitFor();
    await versions.getByLabel('Android').fill('2.3.1');
    await versions.getByRole('button', { name: 'Opslaan' }).click();
    await versions.getByRole('status').getByText('Opgeslagen.').waitFor();
    await checkPage(page, 'settings-organisation');

    const own = await call('GET', '/v1/tenant', { token: tenant.adminToken });
    expect(own.body.secondFactorPolicy).to.equal('admins');
    const minimums = await call('GET', '/v1/settings/app-versions', { token: tenant.adminToken });
    expect(minimums.body).to.deep.equal({ ios: '2.4', android: '2.3.1' });
  });
});
