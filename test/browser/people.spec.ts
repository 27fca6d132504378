import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { onboardTenant, PASSWORD, type OnboardedTenant } from '../helpers/fixtures.js';
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

/** Confirms the open ConfirmDialog with its red button. */
async function confirm(page: Page, label: string): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: label }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

describe('console in the browser: users, groups and API keys', function () {
  this.timeout(240_000);
  let tenant: OnboardedTenant;
  let secret: string;

  before(async () => {
    tenant = await onboardTenant('Zorggroep Mensen');
    secret = await enrolSecondFactor(tenant.adminToken);
  });

  it('lets an admin invite a member who activates through the console, build a group, create and revoke an API key and log the member out everywhere', async () => {
    const memberEmail = `sanne@${tenant.slug}.test`;
    const admin = await openContext();
    try {
      const { page } = admin;
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
      await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
      await page.getByRole('heading', { name: 'Gebruikers' }).waitFor();
      await page.getByRole('link', { name: 'Eerste Beheerder' }).waitFor();
      await checkPage(page, 'users');

      // Bad input: the server's field error next to the field, what was typed kept.
      await page.getByRole('button', { name: 'Gebruiker uitnodigen' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Naam/).fill('Sanne Jansen');
      await dialog.getByLabel(/^E-mail/).fill('sanne-at-nowhere');
      await dialog.getByLabel(/^Functie/).fill('Verpleegkundige');
      await dialog.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await dialog.getByText(/^Vul een e-mailadres in/).waitFor();
      expect(await dialog.getByLabel(/^Naam/).inputValue()).to.equal('Sanne Jansen');
      expect(await dialog.getByLabel(/^E-mail/).getAttribute('aria-invalid')).to.equal('true');
      await checkPage(page, 'users-invite-error');
      await dialog.getByLabel(/^E-mail/).fill(memberEmail);
      await dialog.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Sanne Jansen' }).waitFor();

      // Filters: only invited people.
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('option', { name: 'Uitgenodigd' }).click();
      await page.getByRole('link', { name: 'Sanne Jansen' }).waitFor();
      await page.getByRole('link', { name: 'Eerste Beheerder' }).waitFor({ state: 'detached' });

      // The member activates from the mailed link and signs in in a browser of their own.
      const member = await openContext();
      try {
        await member.page.goto(`/activate#token=${encodeURIComponent(env().mailer.activationTokenFor(memberEmail))}`);
        await member.page.getByLabel(/^Nieuw wachtwoord/).fill(PASSWORD);
        await member.page.getByLabel(/^Herhaal het wachtwoord/).fill(PASSWORD);
        await member.page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
        await member.page.getByText('Uw account is actief.', { exact: false }).waitFor();
        await signInThroughConsole(member.page, { slug: tenant.slug, email: memberEmail });
        await member.page.getByRole('heading', { name: /Welkom, Sanne Jansen/ }).waitFor();
        expect(await member.page.getByRole('link', { name: 'Gebruikers', exact: true }).count()).to.equal(0);

        // The member enrols a second factor in My account: QR code, first code, recovery codes once.
        await member.page.getByRole('link', { name: 'Mijn account', exact: true }).click();
        await member.page.getByRole('heading', { name: 'Mijn account', exact: true }).waitFor();
        await member.page.getByText('Tweestapsverificatie staat uit.', { exact: false }).waitFor();
        await checkPage(member.page, 'account');
        await member.page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
        await member.page.getByRole('img', { name: /QR-code/ }).waitFor();
        const memberSecret = (await member.page.getByText(/^[A-Z2-7]{16,}$/).innerText()).trim();
        await checkPage(member.page, 'account-enrol');
        await member.page.getByLabel(/^Code uit uw authenticator-app/).fill(totp(memberSecret));
        await member.page.getByRole('button', { name: 'Bevestigen' }).click();
        await member.page.getByText('Tweestapsverificatie staat aan.').waitFor();
        await member.page.getByRole('button', { name: 'Codes kopiëren' }).waitFor();
        await checkPage(member.page, 'account-recovery-codes');
        await member.page.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
        await member.page.getByText(/^Tweestapsverificatie staat aan: /).waitFor();

        // A group with the member in it.
        await page.getByRole('link', { name: 'Groepen', exact: true }).click();
        await page.getByText('Geen groepen gevonden.').waitFor();
        await checkPage(page, 'groups-empty');
        await page.getByRole('button', { name: 'Groep maken' }).click();
        await page.getByRole('dialog').getByLabel(/^Naam/).fill('Crisisteam Tiel');
        await page.getByRole('dialog').getByLabel(/^Omschrijving/).fill('Beleidsteam bij opschaling');
        await page.getByRole('dialog').getByRole('button', { name: 'Groep maken' }).click();
        await page.getByRole('heading', { name: 'Crisisteam Tiel' }).waitFor();
        await page.getByRole('combobox', { name: 'Lid toevoegen' }).fill('Sanne');
        await page.getByRole('option', { name: /Sanne Jansen/ }).click();
        await page.getByRole('cell', { name: memberEmail }).waitFor();
        await checkPage(page, 'group');
        await page.getByRole('link', { name: '← Terug naar groepen' }).click();
        await page.getByRole('cell', { name: '1', exact: true }).waitFor();
        await checkPage(page, 'groups');

        // An API key: the secret once, with a copy button; then revoked.
        await page.getByRole('link', { name: 'API-sleutels', exact: true }).click();
        await page.getByText('Nog geen API-sleutels.').waitFor();
        await page.getByRole('button', { name: 'API-sleutel maken' }).click();
        await page.getByRole('dialog').getByLabel(/^Naam/).fill('HR-koppeling AFAS');
        await page.getByRole('dialog').getByRole('button', { name: 'API-sleutel maken' }).click();
        await page.getByText('Kies minstens één recht.').waitFor();
        expect(await page.getByRole('dialog').getByLabel(/^Naam/).inputValue()).to.equal('HR-koppeling AFAS');
        await page.getByRole('dialog').getByLabel('Gebruikers lezen').check();
        await page.getByRole('dialog').getByRole('button', { name: 'API-sleutel maken' }).click();
        await page.getByText('hij wordt maar één keer getoond', { exact: false }).waitFor();
        const key = await page.getByRole('dialog').locator('pre').innerText();
        expect(key).to.match(/^cpk_/);
        await page.getByRole('dialog').getByRole('button', { name: 'Kopiëren' }).waitFor();
        await checkPage(page, 'api-key-created');
        expect((await call('GET', '/v1/users', { headers: { 'x-api-key': key.trim() } })).status).to.equal(200);
        await page.getByRole('dialog').getByRole('button', { name: 'Klaar' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        await page.getByRole('cell', { name: 'HR-koppeling AFAS', exact: true }).waitFor();
        expect(await page.getByText(key.trim()).count(), 'the secret is not shown again').to.equal(0);
        await checkPage(page, 'api-keys');
        await page.getByRole('button', { name: 'HR-koppeling AFAS intrekken' }).click();
        await confirm(page, 'Intrekken');
        await page.getByText(/^Ingetrokken/).waitFor();
        expect((await call('GET', '/v1/users', { headers: { 'x-api-key': key.trim() } })).status).to.equal(401);

        // The member's page: roles edited, then logged out on all devices.
        await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
        await page.getByRole('link', { name: 'Sanne Jansen' }).click();
        await page.getByRole('heading', { name: 'Sanne Jansen' }).waitFor();
        await page.getByRole('cell', { name: /Webbrowser|Ander apparaat/ }).first().waitFor();
        await page.getByLabel('Coördinator').check();
        await page.getByRole('button', { name: 'Opslaan' }).click();
        await page.getByText('Opgeslagen.').waitFor();
        await checkPage(page, 'user');
        await page.getByRole('button', { name: 'Uitloggen op alle apparaten' }).click();
        await checkPage(page, 'user-confirm');
        await confirm(page, 'Uitloggen op alle apparaten');
        await page.getByText('De gebruiker is op alle apparaten uitgelogd.').waitFor();
        await page.getByText('Geen actieve sessies.').waitFor();
        // The member's browser finds out at its next request.
        await member.page.reload();
        await member.page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
      } finally {
        await member.context.close();
      }
    } finally {
      await admin.context.close();
    }
  });
});
