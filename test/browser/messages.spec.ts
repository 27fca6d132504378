import { expect } from 'chai';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import type { Locator, Page } from 'playwright-core';
import { checkPage, openContext, signInThroughConsole } from './harness.js';

function selectInput(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByLabel(name).and(scope.locator('input'));
}

type Member = { id: string; email: string; token: string };

async function registerDevice(member: Member, platform: 'android' | 'ios'): Promise<void> {
  const reply = await call('POST', '/v1/me/devices', { token: member.token, body: { platform, token: `${platform}-${member.id}`, appVersion: '2.4.1' } });
  expect(reply.status, reply.text).to.equal(201);
}

describe('console in the browser: a call-up with live answers', function () {
  this.timeout(180_000);
  let tenant: OnboardedTenant;
  let anna: Member;
  let bram: Member;

  before(async () => {
    tenant = await onboardTenant('Veiligheidsregio Oefen');
    anna = await addUser(tenant, ['member'], 'Anna de Vries');
    bram = await addUser(tenant, ['member'], 'Bram Jansen');
    await addUser(tenant, ['member'], 'Carla Smit');
    const team = await call('POST', '/v1/groups', { token: tenant.adminToken, body: { name: 'Brandweerploeg', type: 'team' } });
    expect(team.status, team.text).to.equal(201);
    for (const member of [anna, bram]) {
      const joined = await call('PUT', `/v1/groups/${team.body.id}/members/${member.id}`, { token: tenant.adminToken });
      expect(joined.status, joined.text).to.equal(204);
    }
    await registerDevice(anna, 'android');
    await registerDevice(anna, 'ios');
    await registerDevice(bram, 'android');
  });

  it('shows the reach before sending, sends a call-up, and its open statistics page follows the members’ answers without reload; a scheduled message is cancelled', async () => {
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail });
      await page.getByRole('link', { name: 'Berichten', exact: true }).click();
      await page.getByText('Nog niets verstuurd of ingepland.').waitFor();
      await checkPage(page, 'messages-empty');

      await page.getByRole('link', { name: 'Nieuw bericht of oproep' }).click();
      await page.getByRole('heading', { name: 'Nieuw bericht of opkomstoproep' }).waitFor();
      await page.getByLabel(/^Titel/).fill('Opkomst brandweerploeg');
      await page.getByLabel(/^Tekst/).fill('Kom naar de kazerne aan de Stationsweg.');
      await page.getByLabel(/^Urgent/).check();
      await page.getByLabel(/^Opkomstoproep/).check();
      const options = page.getByRole('combobox', { name: 'Antwoordopties' });
      await options.fill('Ik kom');
      await options.press('Enter');
      await options.fill('Ik kan niet');
      await options.press('Enter');
      await selectInput(page, 'Groepen').click();
      await page.getByRole('option', { name: 'Brandweerploeg' }).click();
      await page.keyboard.press('Escape');
      await page.getByText('Bereikt 2 personen op 3 toestellen').waitFor();
      await selectInput(page, 'Personen').fill('Carla');
      await page.getByRole('option', { name: /^Carla Smit/ }).click();
      await page.keyboard.press('Escape');
      await page.getByText('Bereikt 3 personen op 3 toestellen').waitFor();
      await checkPage(page, 'message-compose');
      await page.getByRole('button', { name: 'Versturen', exact: true }).click();

      await page.getByRole('heading', { name: 'Opkomst brandweerploeg' }).waitFor();
      const messageId = page.url().split('/').pop()!;
      await page.getByRole('group', { name: 'Ontvangers' }).getByText('3', { exact: true }).waitFor();
      await page.getByRole('group', { name: 'Beantwoord' }).getByText('0', { exact: true }).waitFor();
      // A marker in the page's memory: still there at the end means no reload happened.
      await page.evaluate(() => ((globalThis as { __noReload?: boolean }).__noReload = true));

      for (const [member, option] of [
        [anna, 'Ik kom'],
        [bram, 'Ik kan niet'],
      ] as const) {
        const answered = await call('PUT', `/v1/me/inbox/${messageId}/answer`, { token: member.token, body: { option } });
        expect(answered.status, answered.text).to.equal(200);
      }
      await page.getByRole('group', { name: 'Beantwoord' }).getByText('2', { exact: true }).waitFor();
      const perOption = page.getByRole('table', { name: 'Antwoorden per optie' });
      await perOption.getByRole('row', { name: 'Ik kom 1' }).waitFor();
      await perOption.getByRole('row', { name: 'Nog geen antwoord 1' }).waitFor();
      const responses = page.getByRole('table', { name: 'Antwoorden per persoon' });
      await responses.getByRole('row').filter({ hasText: 'Anna de Vries' }).filter({ hasText: 'Ik kom' }).waitFor();
      await responses.getByRole('row').filter({ hasText: 'Carla Smit' }).filter({ hasText: 'Nog geen antwoord' }).getByText('Geen geregistreerd toestel (alleen inbox)').waitFor();
      expect(await page.evaluate(() => (globalThis as { __noReload?: boolean }).__noReload)).to.equal(true);

      await selectInput(page, 'Toon').click();
      await page.getByRole('option', { name: 'Nog geen antwoord', exact: true }).click();
      await responses.getByRole('row').filter({ hasText: 'Carla Smit' }).waitFor();
      await page.getByText('1 persoon', { exact: true }).waitFor();
      expect(await responses.getByRole('row').filter({ hasText: 'Anna de Vries' }).count()).to.equal(0);
      await selectInput(page, 'Toon').click();
      await page.getByRole('option', { name: 'Ik kom', exact: true }).click();
      const annaRow = responses.getByRole('row').filter({ hasText: 'Anna de Vries' });
      await annaRow.waitFor();
      // Delivery per device: both of Anna's devices listed with their platform.
      await annaRow.getByText('android').waitFor();
      await annaRow.getByText('ios').waitFor();
      await checkPage(page, 'message-stats');

      // The home page: the open call-up with its answer count, a link to its page; every tile the admin may act on.
      await page.getByRole('link', { name: 'Start', exact: true }).click();
      const callUps = page.getByRole('region', { name: 'Open opkomstoproepen' });
      await callUps.getByText('2 van 3 beantwoord').waitFor();
      await page.getByRole('region', { name: 'Meldingen datalekken' }).getByText('Geen melding te laat.').waitFor();
      await page.getByRole('region', { name: 'Actieve incidenten' }).getByText('Geen actief incident.').waitFor();
      await checkPage(page, 'home-admin');
      await callUps.getByRole('link', { name: 'Opkomst brandweerploeg' }).click();
      await page.getByRole('group', { name: 'Beantwoord' }).getByText('2', { exact: true }).waitFor();

      await page.getByRole('link', { name: 'Berichten', exact: true }).click();
      await page.getByRole('link', { name: 'Nieuw bericht of oproep' }).click();
      await page.getByLabel(/^Titel/).fill('Oefening volgende week');
      await page.getByLabel(/^Tekst/).fill('Dinsdag om 19:00 oefenen we de ontruiming.');
      await page.getByLabel('Iedereen in de organisatie').check();
      await page.getByText('Bereikt 4 personen op 3 toestellen').waitFor();
      await page.getByText('Inplannen', { exact: true }).click();
      await page.getByLabel(/^Versturen om/).fill('2099-06-01T19:00');
      await page.getByRole('button', { name: 'Inplannen', exact: true }).click();
      await page.getByText('Ingepland voor', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Berichten', exact: true }).click();
      const scheduled = page.getByRole('row').filter({ hasText: 'Oefening volgende week' });
      await scheduled.getByText('Ingepland', { exact: true }).waitFor();
      await scheduled.getByRole('button', { name: 'Versturen annuleren' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Versturen annuleren' }).click();
      await scheduled.getByText('Geannuleerd', { exact: true }).waitFor();
      await page.getByRole('row').filter({ hasText: 'Opkomst brandweerploeg' }).getByText('Verstuurd', { exact: true }).waitFor();
      await checkPage(page, 'messages');
    } finally {
      await context.close();
    }
  });

  it('manages a call-up template (an unknown placeholder refused) and sends a call-up from it, its placeholders filled in', async () => {
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail });
      await page.getByRole('link', { name: 'Berichten' }).click();
      await page.getByRole('link', { name: 'Sjablonen', exact: true }).click();
      await page.getByRole('heading', { name: 'Sjablonen voor berichten en opkomstoproepen' }).waitFor();
      await page.getByText('Nog geen sjablonen.').waitFor();
      await checkPage(page, 'message-templates-empty');

      await page.getByRole('button', { name: 'Nieuw sjabloon' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Naam/).fill('Opkomst ploeg');
      await dialog.getByLabel(/^Titel/).fill('Opkomst: {{incident.title}}');
      await dialog.getByLabel(/^Tekst/).fill('Kom naar {{incident.plaats}}.');
      await dialog.getByLabel(/^Urgent/).check();
      const options = dialog.getByRole('combobox', { name: 'Antwoordopties' });
      await options.fill('Ik kom');
      await options.press('Enter');
      await options.fill('Ik kan niet');
      await options.press('Enter');
      await dialog.getByRole('button', { name: 'Sjabloon opslaan' }).click();
      await dialog.getByRole('alert').getByText('Het sjabloon bevat een invulveld dat niet bestaat.', { exact: false }).waitFor();
      await checkPage(page, 'message-template-refused');
      await dialog.getByLabel(/^Tekst/).fill('Kom naar {{incident.location}}.');
      await dialog.getByRole('button', { name: 'Sjabloon opslaan' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ hasText: 'Opkomst ploeg' });
      await row.getByText('Opkomstoproep', { exact: true }).waitFor();
      await row.getByText('Opkomst: {{incident.title}}').waitFor();
      await checkPage(page, 'message-templates');

      await page.getByRole('link', { name: '← Berichten en opkomstoproepen' }).click();
      await page.getByRole('link', { name: 'Nieuw bericht of oproep' }).click();
      await selectInput(page, 'Begin met een sjabloon').click();
      await page.getByRole('option', { name: 'Opkomst ploeg' }).click();
      expect(await page.getByRole('textbox', { name: 'Titel', exact: true }).inputValue()).to.equal('Opkomst: {{incident.title}}');
      expect(await page.getByLabel(/^Urgent/).isChecked()).to.equal(true);
      await page.getByLabel(/^Titel van het incident/).fill('Stroomstoring');
      await page.getByLabel(/^Locatie van het incident/).fill('de kazerne');
      await selectInput(page, 'Groepen').click();
      await page.getByRole('option', { name: 'Brandweerploeg' }).click();
      await page.keyboard.press('Escape');
      await page.getByText('Bereikt 2 personen op 3 toestellen').waitFor();
      await checkPage(page, 'message-compose-template');
      await page.getByRole('button', { name: 'Versturen', exact: true }).click();

      await page.getByRole('heading', { name: 'Opkomst: Stroomstoring' }).waitFor();
      const messageId = page.url().split('/').pop()!;
      const inbox = await call('GET', `/v1/me/inbox/${messageId}`, { token: anna.token });
      expect(inbox.body).to.deep.include({ title: 'Opkomst: Stroomstoring', body: 'Kom naar de kazerne.', priority: 'urgent', answerOptions: ['Ik kom', 'Ik kan niet'] });
    } finally {
      await context.close();
    }
  });
});
