import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';
import { checkPage, openContext, signInThroughConsole, totp } from './harness.js';

async function enrolSecondFactor(token: string): Promise<string> {
  const started = await call('POST', '/v1/me/second-factor', { token });
  expect(started.status, started.text).to.equal(200);
  const secret = started.body.secret as string;
  const confirmed = await call('POST', '/v1/me/second-factor/confirm', { token, body: { code: totp(secret) } });
  expect(confirmed.status, confirmed.text).to.equal(200);
  return secret;
}

describe('console in the browser: privacy work', function () {
  this.timeout(180_000);
  let tenant: OnboardedTenant;
  let secret: string;

  before(async () => {
    tenant = await onboardTenant('Zorggroep Privacy');
    secret = await enrolSecondFactor(tenant.adminToken);
  });

  it('finds a person among users and contacts, shows and downloads what is held, finds the reads in the audit trail, erases them after a confirmation, and lists the erasure in the ledger', async () => {
    const subject = await addUser(tenant, ['member'], 'Karel Verzoeker');
    // A contact person of the same name: the search warns that both may be the one person.
    const contact = await call('POST', '/v1/contacts', {
      token: tenant.adminToken,
      body: { name: 'Karel Verzoeker', organisation: 'Gemeente Tiel', phones: ['+31 344 123456'], legalBasis: 'legitimate_interest' },
    });
    expect(contact.status, contact.text).to.equal(201);
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
      await page.getByRole('link', { name: 'Verzoeken van betrokkenen', exact: true }).click();
      await page.getByRole('heading', { name: 'Verzoeken van betrokkenen' }).waitFor();
      await page.getByLabel('Naam of e-mailadres').fill('Karel Verzoeker');
      await page.getByText('Mogelijk dezelfde persoon meer dan eens').waitFor();
      expect(await page.getByRole('link', { name: 'Karel Verzoeker' }).count()).to.equal(2);
      await checkPage(page, 'privacy-requests');

      await page.getByRole('row', { name: /Gebruiker/ }).getByRole('link', { name: 'Karel Verzoeker' }).click();
      await page.getByRole('heading', { name: 'Karel Verzoeker', level: 1 }).waitFor();
      await page.getByRole('heading', { name: /Profiel/ }).waitFor();
      await page.getByRole('cell', { name: subject.email }).first().waitFor();
      await checkPage(page, 'privacy-person');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Downloaden als JSON' }).click()]);
      const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as { subject: { id: string }; data: Record<string, unknown[]> };
      expect(saved.subject.id).to.equal(subject.id);
      expect(JSON.stringify(saved.data)).to.contain(subject.email);

      // Who read this person's data: the audit trail, filtered on them, shows the reads just made.
      await page.getByRole('link', { name: /Wie de gegevens van deze persoon inzag/ }).click();
      await page.getByRole('heading', { name: 'Auditlog' }).waitFor();
      expect(await page.getByLabel(/^Betrokken persoon/).inputValue()).to.equal(subject.id);
      await page.getByRole('cell', { name: 'personal_data.read' }).first().waitFor();
      await checkPage(page, 'privacy-audit');
      await page.goBack();
      await page.getByRole('heading', { name: 'Karel Verzoeker', level: 1 }).waitFor();

      await page.getByRole('button', { name: 'Karel Verzoeker verwijderen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Karel Verzoeker verwijderen?' });
      await dialog.waitFor();
      const consequence = await dialog.innerText();
      expect(consequence).to.contain('Wat verdwijnt').and.to.contain('onder een pseudoniem').and.to.contain('niet ongedaan');
      await checkPage(page, 'privacy-erase-confirm');
      await dialog.getByRole('button', { name: 'Karel Verzoeker definitief verwijderen' }).click();

      await page.getByRole('heading', { name: 'Verwijderregister' }).waitFor();
      await page.getByText('Karel Verzoeker is verwijderd.').waitFor();
      await page.getByRole('row', { name: new RegExp(subject.id) }).getByText('Verzoek aan een beheerder').waitFor();
      expect(await page.locator('body').innerText()).not.to.contain(subject.email);
      await checkPage(page, 'privacy-erasures');

      // Gone from the search: only the contact person is left.
      await page.getByRole('link', { name: 'Verzoeken van betrokkenen', exact: true }).click();
      await page.getByLabel('Naam of e-mailadres').fill('Karel Verzoeker');
      await page.getByRole('row', { name: /Contactpersoon/ }).waitFor();
      // The search shown before the erasure may flash from the cache while it is asked again.
      await page.getByRole('row', { name: /Gebruiker/ }).waitFor({ state: 'detached' });
      expect(await page.getByRole('link', { name: 'Karel Verzoeker' }).count()).to.equal(1);
      expect(await page.getByText('Mogelijk dezelfde persoon meer dan eens').count()).to.equal(0);
      const users = await call('GET', `/v1/users?search=${encodeURIComponent(subject.email)}`, { token: tenant.adminToken });
      expect(users.body.items).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('records a breach with the 72-hour countdown, flags an overdue one and records when it was reported', async () => {
    const longAgo = new Date(env().clock.now().getTime() - 4 * 24 * 3_600_000).toISOString();
    const late = await call('POST', '/v1/privacy/breaches', {
      token: tenant.adminToken,
      body: { title: 'USB-stick met bellijst kwijt', description: 'Onversleutelde stick verloren.', foundAt: longAgo, reportable: true },
    });
    expect(late.status, late.text).to.equal(201);
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
      await page.getByRole('link', { name: 'Datalekken', exact: true }).click();
      await page.getByRole('heading', { name: 'Register van datalekken' }).waitFor();
      await page.getByRole('article', { name: 'USB-stick met bellijst kwijt' }).getByText(/te laat/).waitFor();

      await page.getByRole('button', { name: 'Datalek vastleggen' }).click();
      await page.getByLabel(/^Wat er gebeurde/).fill('Mail aan verkeerde ontvangers');
      await page.getByLabel(/^Beschrijving/).fill('Bellijst van het crisisteam naar een externe lijst gestuurd.');
      await page.getByLabel(/^Soorten gegevens/).fill('naam, telefoonnummer');
      await page.getByLabel(/^Aantal betrokkenen/).fill('12');
      await page.getByRole('button', { name: 'Datalek opslaan' }).click();
      const fresh = page.getByRole('article', { name: 'Mail aan verkeerde ontvangers' });
      await fresh.getByText(/^Nog 7[012] u \d+ min om te melden$/).waitFor();
      await checkPage(page, 'privacy-breaches');

      await fresh.getByLabel(/^Kenmerk van de AP/).fill('AP-2026-42');
      await fresh.getByRole('button', { name: 'Nu gemeld bij de AP' }).click();
      await fresh.getByText(/^Gemeld bij de AP .*, kenmerk AP-2026-42$/).waitFor();
      const register = await call('GET', '/v1/privacy/breaches', { token: tenant.adminToken });
      const saved = (register.body.items as { title: string; reportedToAuthorityAt: string | null; overdue: boolean }[]).find((item) => item.title === 'Mail aan verkeerde ontvangers');
      expect(saved?.reportedToAuthorityAt).to.be.a('string');
      expect((register.body.items as { title: string; overdue: boolean }[]).find((item) => item.title === 'USB-stick met bellijst kwijt')?.overdue).to.equal(true);
    } finally {
      await context.close();
    }
  });
});
