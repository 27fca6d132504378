import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { addUser, onboardTenant, PASSWORD, type OnboardedTenant } from '../helpers/fixtures.js';
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

async function openMyAccount(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Mijn account', exact: true }).click();
  await page.getByRole('heading', { name: 'Mijn account', exact: true }).waitFor();
}

describe('console in the browser: my account (second factor off, my data, delete my account) and a demotion', function () {
  this.timeout(240_000);
  let tenant: OnboardedTenant;

  before(async () => {
    tenant = await onboardTenant('Zorggroep Account');
  });

  it('lets a member turn two-step verification off with a current code, download their data and delete their account', async () => {
    const member = await addUser(tenant, ['member'], 'Ruud van Dam');
    const secret = await enrolSecondFactor(member.token);
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: member.email, secret });
      await openMyAccount(page);
      await page.getByText('Tweestapsverificatie staat aan:', { exact: false }).waitFor();

      // Off: a wrong code is refused at the field and changes nothing; the current one turns it off.
      await page.getByRole('button', { name: 'Tweestapsverificatie uitzetten' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Code uit uw authenticator-app/).fill('000000');
      await dialog.getByRole('button', { name: 'Uitzetten' }).click();
      await dialog.getByText('Typ de code die uw app nu toont.', { exact: true }).waitFor();
      expect((await call('GET', '/v1/me', { token: member.token })).body.secondFactor.enabled).to.equal(true);
      await checkPage(page, 'account-second-factor-off');
      await dialog.getByLabel(/^Code uit uw authenticator-app/).fill(totp(secret));
      await dialog.getByRole('button', { name: 'Uitzetten' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Tweestapsverificatie staat uit.', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).waitFor();
      expect((await call('GET', '/v1/me', { token: member.token })).body.secondFactor.enabled).to.equal(false);

      // My data, as the file the browser saves.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Mijn gegevens downloaden' }).click();
      const file = await download;
      expect(file.suggestedFilename()).to.equal('mijn-gegevens.json');
      const saved = await readFile((await file.path()), 'utf8');
      expect(saved).to.contain(member.email);

      // Delete: password, then a confirmation that says what goes.
      await page.getByLabel(/^Wachtwoord/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Mijn account verwijderen' }).click();
      await page.getByRole('dialog').getByText('definitief gewist', { exact: false }).waitFor();
      await checkPage(page, 'account-delete-confirm');
      await page.getByRole('dialog').getByRole('button', { name: 'Mijn account verwijderen' }).click();
      await page.getByText('Uw account en persoonsgegevens zijn verwijderd.').waitFor();
      await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
      const again = await call('POST', '/v1/auth/login', { body: { tenant: tenant.slug, email: member.email, password: PASSWORD } });
      expect(again.status, again.text).to.equal(401);
    } finally {
      await context.close();
    }
  });

  it('resets a forgotten password through the console pages, then signs in with a printed recovery code', async () => {
    const member = await addUser(tenant, ['member'], 'Vera Vergeten');
    const started = await call('POST', '/v1/me/second-factor', { token: member.token });
    const confirmed = await call('POST', '/v1/me/second-factor/confirm', { token: member.token, body: { code: totp(started.body.secret as string) } });
    const recoveryCode = (confirmed.body.recoveryCodes as string[])[0]!;
    const newPassword = 'Nieuw-wachtwoord-voor-Vera-2026';
    const { context, page } = await openContext();
    try {
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
      await page.getByRole('heading', { name: 'Wachtwoord vergeten?' }).waitFor();
      await page.getByLabel(/^Organisatie/).fill(tenant.slug);
      await page.getByLabel(/^E-mailadres/).fill(member.email);
      await page.getByRole('button', { name: 'Link versturen' }).click();
      await page.getByText('Als er een account met dit adres bestaat', { exact: false }).waitFor();
      await checkPage(page, 'forgot-password');

      const link = /https?:\/\/[^/\s]+(\/reset-password#token=\S+)/.exec(env().mailer.lastTo(member.email).text);
      expect(link, 'the reset mail links to the console page').not.to.equal(null);
      await page.goto(link![1]!);
      await page.getByRole('heading', { name: 'Kies een nieuw wachtwoord' }).waitFor();
      await page.getByLabel(/^Nieuw wachtwoord/).fill(newPassword);
      await page.getByLabel(/^Herhaal het wachtwoord/).fill(newPassword);
      await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await page.getByText('Uw wachtwoord is gewijzigd.', { exact: false }).waitFor();
      await checkPage(page, 'reset-password-done');

      await page.getByRole('link', { name: 'Naar aanmelden' }).click();
      await page.getByLabel(/^Organisatie/).fill(tenant.slug);
      await page.getByLabel(/^E-mailadres/).fill(member.email);
      await page.getByLabel(/^Wachtwoord/).fill(newPassword);
      await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
      await page.getByLabel(/^Code uit uw authenticator-app/).fill(recoveryCode);
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      await page.getByRole('heading', { name: /Welkom, Vera Vergeten/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('says an admin cannot turn two-step verification off when the organisation asks it of admins', async () => {
    const admin = await addUser(tenant, ['admin'], 'Beheerder Beleid');
    const secret = await enrolSecondFactor(admin.token);
    const policy = await call('PATCH', '/v1/tenant', { token: tenant.adminToken, body: { secondFactorPolicy: 'admins' } });
    expect(policy.status, policy.text).to.equal(200);
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: admin.email, secret });
      await openMyAccount(page);
      await page.getByText('Uw organisatie vraagt om tweestapsverificatie; u kunt deze niet uitzetten.').waitFor();
      expect(await page.getByRole('button', { name: 'Tweestapsverificatie uitzetten' }).count()).to.equal(0);
      await checkPage(page, 'account-second-factor-required');
    } finally {
      await call('PATCH', '/v1/tenant', { token: tenant.adminToken, body: { secondFactorPolicy: 'optional' } });
      await context.close();
    }
  });

  it('sends a demoted admin back to sign-in with a message, and builds their console on the new role', async () => {
    const admin = await addUser(tenant, ['admin'], 'Tijdelijk Beheerder');
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: admin.email });
      await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
      await page.getByRole('link', { name: 'Eerste Beheerder' }).waitFor();
      const demoted = await call('PATCH', `/v1/users/${admin.id}`, { token: tenant.adminToken, body: { roles: ['member'] } });
      expect(demoted.status, demoted.text).to.equal(200);
      await page.getByRole('link', { name: 'Eerste Beheerder' }).click();
      await page.getByText('Uw rollen in de organisatie zijn gewijzigd.', { exact: false }).waitFor();
      await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
      await checkPage(page, 'sign-in-demoted');
      await signInThroughConsole(page, { slug: tenant.slug, email: admin.email });
      await page.getByRole('link', { name: 'Mijn account', exact: true }).waitFor();
      expect(await page.getByRole('link', { name: 'Gebruikers', exact: true }).count()).to.equal(0);
    } finally {
      await context.close();
    }
  });
});
