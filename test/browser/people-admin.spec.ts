import { expect } from 'chai';
import type { Page } from 'playwright-core';
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

async function invite(tenant: OnboardedTenant, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@${tenant.slug}.test`;
  const created = await call('POST', '/v1/users', { token: tenant.adminToken, body: { name, email, roles: ['member'], ...extra } });
  expect(created.status, created.text).to.equal(201);
  return created.body.id as string;
}

async function openUser(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Gebruikers', exact: true }).click();
  await page.getByLabel(/^Zoeken/).fill(name);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('console in the browser: the users list’s filters and pages, and what an admin does to one user', function () {
  this.timeout(240_000);
  let tenant: OnboardedTenant;
  let secret: string;

  before(async () => {
    tenant = await onboardTenant('Zorggroep Filters');
    secret = await enrolSecondFactor(tenant.adminToken);
    await addUser(tenant, ['coordinator'], 'Carla Coördinator');
    await invite(tenant, 'Oud Dossier', { retentionUntil: '2020-01-31', legalBasis: 'contract' });
    // A second page: 25 a page.
    for (let start = 1; start <= 24; start += 8) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => invite(tenant, `Medewerker ${String(start + i).padStart(2, '0')}`, { legalBasis: 'contract' })));
    }
  });

  it('filters by role, past retention and no legal basis, and pages through the list', async () => {
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
      await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
      await page.getByText('27 gebruikers').waitFor();
      await page.getByRole('link', { name: 'Carla Coördinator' }).waitFor();
      expect(await page.getByRole('link', { name: 'Oud Dossier' }).count(), 'by name: O after the 25 of page 1').to.equal(0);
      await page.getByRole('button', { name: 'Pagina 2' }).click();
      await page.getByRole('link', { name: 'Oud Dossier' }).waitFor();
      await page.getByRole('link', { name: 'Carla Coördinator' }).waitFor({ state: 'detached' });

      await page.getByRole('combobox', { name: 'Rol' }).click();
      await page.getByRole('option', { name: 'Coördinator' }).click();
      await page.getByText('1 gebruiker', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'Carla Coördinator' }).waitFor();
      await checkPage(page, 'users-filtered');
      await page.getByRole('combobox', { name: 'Rol' }).click();
      await page.getByRole('option', { name: 'Coördinator' }).click();
      await page.getByText('27 gebruikers').waitFor();

      await page.getByLabel('Bewaartermijn verstreken').check();
      await page.getByText('1 gebruiker', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'Oud Dossier' }).waitFor();
      await page.getByLabel('Bewaartermijn verstreken').uncheck();

      // The admin and the coordinator have no legal basis recorded; everyone else has one.
      await page.getByLabel('Geen grondslag').check();
      await page.getByText('2 gebruikers').waitFor();
      await page.getByRole('link', { name: 'Carla Coördinator' }).waitFor();
      await page.getByRole('link', { name: 'Eerste Beheerder' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('resends an invitation, resets a second factor, deactivates and reactivates after a confirmation, and records a legal basis', async () => {
    const invitedId = await invite(tenant, 'Ivo Uitgenodigd');
    const twoStep = await addUser(tenant, ['member'], 'Tess Tweestap');
    await enrolSecondFactor(twoStep.token);
    const mailsBefore = env().mailer.sent.filter((mail) => mail.to === `ivo.uitgenodigd@${tenant.slug}.test`).length;
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });

      await openUser(page, 'Ivo Uitgenodigd');
      await page.getByRole('button', { name: 'Uitnodiging opnieuw versturen' }).click();
      await page.getByText('Er is een nieuwe uitnodiging verstuurd.').waitFor();
      expect(env().mailer.sent.filter((mail) => mail.to === `ivo.uitgenodigd@${tenant.slug}.test`).length).to.equal(mailsBefore + 1);
      expect((await call('GET', `/v1/users/${invitedId}`, { token: tenant.adminToken })).body.status).to.equal('invited');

      await openUser(page, 'Tess Tweestap');
      await page.getByText('Tweestapsverificatie aan', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Tweestapsverificatie herstellen' }).click();
      await page.getByRole('dialog').getByText('vervallen', { exact: false }).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Tweestapsverificatie herstellen' }).click();
      await page.getByText('De tweestapsverificatie is hersteld.').waitFor();
      expect((await call('GET', `/v1/users/${twoStep.id}`, { token: tenant.adminToken })).body.secondFactorEnabled).to.equal(false);

      await page.getByRole('button', { name: 'Deactiveren' }).click();
      await page.getByRole('dialog').getByText('kan zich niet meer aanmelden', { exact: false }).waitFor();
      await checkPage(page, 'user-deactivate-confirm');
      await page.getByRole('dialog').getByRole('button', { name: 'Deactiveren' }).click();
      await page.getByText('De gebruiker is gedeactiveerd.').waitFor();
      expect((await call('GET', '/v1/me', { token: twoStep.token })).status, 'signed out everywhere').to.equal(401);
      await page.getByRole('button', { name: 'Heractiveren' }).click();
      await page.getByText('De gebruiker is weer actief.').waitFor();

      await page.getByRole('combobox', { name: /^Grondslag/ }).click();
      await page.getByRole('option', { name: 'Overeenkomst (arbeidsovereenkomst)' }).click();
      await page.getByLabel(/^Bewaren tot/).fill('2031-12-31');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Opgeslagen.').waitFor();
      const saved = await call('GET', `/v1/users/${twoStep.id}`, { token: tenant.adminToken });
      expect(saved.body).to.include({ legalBasis: 'contract', retentionUntil: '2031-12-31', status: 'active', secondFactorEnabled: false });
      await checkPage(page, 'user-edited');
    } finally {
      await context.close();
    }
  });
});
