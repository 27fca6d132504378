import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { onboardTenant, operatorEmail, operatorToken, PASSWORD } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';
import { checkPage, openContext } from './harness.js';

async function signInAsOperator(page: Page, email: string): Promise<void> {
  await page.getByLabel(/^E-mailadres/).fill(email);
  await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { name: 'Organisaties' }).waitFor();
}

describe('operator console in the browser (/platform)', function () {
  this.timeout(240_000);

  it('lets an operator onboard an organisation with its first admin, edit it, record a processor agreement, suspend and reactivate it', async () => {
    const email = await operatorEmail();
    const suffix = randomUUID().slice(0, 6);
    const name = `Veiligheidsregio Gelderland ${suffix}`;
    const slug = `veiligheidsregio-gelderland-${suffix}`;
    const adminEmail = `h.bakker@vr-${suffix}.test`;
    const { context, page } = await openContext();
    try {
      // A deep link before sign-in lands on the operator's own sign-in page.
      await page.goto('/platform');
      await page.getByRole('heading', { name: 'Aanmelden als platformbeheerder' }).waitFor();
      await page.getByLabel(/^E-mailadres/).fill(email);
      await page.getByLabel(/^Wachtwoord/).fill('niet-het-wachtwoord');
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByText('Het e-mailadres of wachtwoord klopt niet.').waitFor();
      expect(await page.getByLabel(/^E-mailadres/).inputValue()).to.equal(email);
      await checkPage(page, 'platform-sign-in');
      await signInAsOperator(page, email);
      await checkPage(page, 'platform-tenants');

      // Bad input: the field error at the field, what was typed kept, nothing created.
      await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Naam van de organisatie/).fill(name);
      expect(await dialog.getByLabel(/^Aanmeldnaam/).inputValue(), 'the sign-in name follows the name').to.equal(slug);
      await dialog.getByLabel(/^Functionaris gegevensbescherming/).fill(`fg@vr-${suffix}.test`);
      await dialog.getByLabel(/^Naam$|^Naam \*/).fill('Hanneke Bakker');
      await dialog.getByLabel(/^E-mailadres/).fill('hanneke-zonder-apenstaart');
      await dialog.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await dialog.getByText(/^Vul een e-mailadres in/).waitFor();
      expect(await dialog.getByLabel(/^E-mailadres/).getAttribute('aria-invalid')).to.equal('true');
      expect(await dialog.getByLabel(/^Naam van de organisatie/).inputValue()).to.equal(name);
      await checkPage(page, 'platform-create-error');
      const none = await call('GET', '/v1/platform/tenants?pageSize=200', { token: await operatorToken() });
      expect((none.body.items as Array<{ slug: string }>).map((t) => t.slug)).not.to.include(slug);

      await dialog.getByLabel(/^E-mailadres/).fill(adminEmail);
      await dialog.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await page.getByText('De organisatie is toegevoegd.', { exact: false }).waitFor();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      // The first admin was invited: the activation mail went out.
      expect(env().mailer.activationTokenFor(adminEmail)).to.be.a('string').and.not.empty;
      await checkPage(page, 'platform-tenant');

      // Edit.
      await page.getByLabel(/^Naam van de organisatie/).fill(`${name} en Zuid`);
      await page.getByRole('combobox', { name: 'Tijdzone' }).click();
      await page.getByRole('option', { name: 'Europe/Brussels' }).click();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Opgeslagen.').waitFor();
      await page.getByRole('heading', { name: `${name} en Zuid`, level: 1 }).waitFor();

      // A processor agreement accepted by the new admin.
      await page.getByText('Nog geen verwerkersovereenkomst vastgelegd.').waitFor();
      await page.getByLabel(/^Versie/).fill('2026.1');
      await page.getByLabel(/^Aanvaard door \(naam\)/).fill('Hanneke Bakker');
      await page.getByLabel(/^Aanvaard door \(e-mailadres\)/).fill(adminEmail);
      await page.getByRole('button', { name: 'Vastleggen' }).click();
      await page.getByText('De aanvaarding is vastgelegd.').waitFor();
      await page.getByRole('cell', { name: `Hanneke Bakker (${adminEmail})` }).waitFor();

      // Suspend: asks for the reason and says what follows.
      await page.getByRole('button', { name: 'Organisatie schorsen' }).click();
      const suspend = page.getByRole('dialog');
      await suspend.getByText('Er worden geen gegevens verwijderd', { exact: false }).waitFor();
      await suspend.getByRole('button', { name: 'Schorsen' }).click();
      await suspend.getByText('Geef de reden.').waitFor();
      await checkPage(page, 'platform-suspend-confirm');
      await suspend.getByLabel(/^Reden/).fill('Verwerkersovereenkomst opgezegd per 31-12-2026');
      await suspend.getByRole('button', { name: 'Schorsen' }).click();
      await suspend.waitFor({ state: 'detached' });
      await page.getByText(/^Geschorst sinds .*Verwerkersovereenkomst opgezegd/).waitFor();
      const tenantId = new URL(page.url()).pathname.split('/').pop()!;
      const suspended = await call('GET', `/v1/platform/tenants/${tenantId}`, { token: await operatorToken() });
      expect(suspended.body).to.include({ status: 'suspended', name: `${name} en Zuid`, timeZone: 'Europe/Brussels' });
      await checkPage(page, 'platform-tenant-suspended');

      // Reactivate, after a confirmation.
      await page.getByRole('button', { name: 'Organisatie weer activeren' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Weer activeren' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Organisatie schorsen' }).waitFor();
      expect((await call('GET', `/v1/platform/tenants/${tenantId}`, { token: await operatorToken() })).body.status).to.equal('active');

      // Back in the list, filtered by status.
      await page.getByRole('link', { name: '← Terug naar organisaties' }).click();
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('option', { name: 'Actief' }).click();
      await page.getByRole('link', { name: `${name} en Zuid` }).waitFor();

      await page.getByRole('banner').getByRole('button', { name: 'Afmelden' }).click();
      await page.getByRole('heading', { name: 'Aanmelden als platformbeheerder' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('keeps a tenant admin out: /platform asks for an operator sign-in, and their credentials do not open it', async () => {
    const tenant = await onboardTenant('Zorggroep Geen Beheer');
    const { context, page } = await openContext();
    try {
      await page.goto('/platform');
      await page.getByLabel(/^E-mailadres/).fill(tenant.adminEmail);
      await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByText('Het e-mailadres of wachtwoord klopt niet.').waitFor();
      expect(await page.getByRole('heading', { name: 'Organisaties' }).count()).to.equal(0);
    } finally {
      await context.close();
    }
  });
});
