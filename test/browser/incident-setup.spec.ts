import { expect } from 'chai';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import type { Locator, Page } from 'playwright-core';
import { checkPage, openContext, signInThroughConsole } from './harness.js';

/** A Mantine Select's input, by its label (its option list carries the same label). */
function selectInput(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByLabel(name).and(scope.locator('input'));
}

type Member = { id: string; email: string; token: string };

/** Adds a row to one list of the set-up page and names it; its code follows the name. */
async function addRow(page: Page, list: string, button: string, name: string): Promise<Locator> {
  const region = page.getByRole('region', { name: list });
  await region.getByRole('button', { name: button }).click();
  await region.getByLabel(/^Naam/).last().fill(name);
  return region;
}

describe('console in the browser: incident set-up and starting an exercise with who is alerted', function () {
  this.timeout(180_000);
  let tenant: OnboardedTenant;
  let anna: Member;
  let carla: Member;

  before(async () => {
    tenant = await onboardTenant('Gemeente Oefenstad');
    anna = await addUser(tenant, ['member'], 'Anna de Vries');
    const bram = await addUser(tenant, ['member'], 'Bram Jansen');
    carla = await addUser(tenant, ['member'], 'Carla Smit');
    const team = await call('POST', '/v1/groups', { token: tenant.adminToken, body: { name: 'Crisisteam Stadhuis', type: 'team' } });
    expect(team.status, team.text).to.equal(201);
    for (const member of [anna, bram]) {
      const joined = await call('PUT', `/v1/groups/${team.body.id}/members/${member.id}`, { token: tenant.adminToken });
      expect(joined.status, joined.text).to.equal(204);
    }
    for (const platform of ['android', 'ios'] as const) {
      const device = await call('POST', '/v1/me/devices', { token: anna.token, body: { platform, token: `${platform}-${anna.id}`, appVersion: '2.4.1' } });
      expect(device.status, device.text).to.equal(201);
    }
  });

  it('an admin sets up types, roles with one default, locations, classifications, labels and member activation; a clash is shown at its list', async () => {
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail });
      await page.getByRole('navigation').getByRole('link', { name: 'Incidentinrichting' }).click();
      await page.getByRole('heading', { name: 'Incidentinrichting', level: 1 }).waitFor();

      await addRow(page, 'Soorten incidenten', 'Soort toevoegen', 'Brand');
      const types = await addRow(page, 'Soorten incidenten', 'Soort toevoegen', 'Ontruiming');
      expect(await types.getByLabel(/^Code/).last().inputValue()).to.equal('ontruiming');
      const roles = await addRow(page, 'Rollen in een incidentteam', 'Rol toevoegen', 'Coördinator');
      expect(await roles.getByLabel(/^Code/).last().inputValue()).to.equal('coordinator');
      await roles.getByLabel('Coördinator is de standaardrol').check();
      const locations = await addRow(page, 'Standaardlocaties', 'Locatie toevoegen', 'Stadhuis');
      await locations.getByLabel(/^Adres/).last().fill('Markt 1, Oefenstad');
      await addRow(page, 'Classificaties van het logboek', 'Classificatie toevoegen', 'Besluit');
      await addRow(page, 'Labels van het logboek', 'Label toevoegen', 'Pers');
      await page.getByLabel('Leden mogen vanuit de app een incident starten').check();

      // Two types with one code: the API refuses the whole set-up and the console says so at the list.
      await addRow(page, 'Soorten incidenten', 'Soort toevoegen', 'Brand groot');
      await types.getByLabel(/^Code/).last().fill('brand');
      await page.getByRole('button', { name: 'Inrichting opslaan' }).click();
      await types.getByRole('alert').getByText('Twee regels hebben dezelfde code: geef elk een eigen code.').waitFor();
      expect((await call('GET', '/v1/incident-setup', { token: tenant.adminToken })).body.types.map((x: { key: string }) => x.key)).to.deep.equal(['general']);
      await checkPage(page, 'incident-setup-clash');

      await types.getByRole('button', { name: 'Brand groot verwijderen' }).click();
      await page.getByRole('button', { name: 'Inrichting opslaan' }).click();
      await page.getByRole('status').getByText('Opgeslagen.').waitFor();
      const saved = (await call('GET', '/v1/incident-setup', { token: tenant.adminToken })).body;
      expect(saved.types.map((x: { key: string }) => x.key)).to.deep.equal(['general', 'brand', 'ontruiming']);
      expect(saved.roles).to.deep.equal([
        { key: 'member', name: 'Teamlid', default: false },
        { key: 'coordinator', name: 'Coördinator', default: true },
      ]);
      expect(saved.locations).to.deep.equal([{ key: 'stadhuis', name: 'Stadhuis', address: 'Markt 1, Oefenstad', latitude: null, longitude: null }]);
      expect(saved.classifications.map((x: { key: string }) => x.key)).to.deep.equal(['observation', 'besluit']);
      expect(saved.labels).to.deep.equal([{ key: 'pers', name: 'Pers' }]);
      expect(saved.allowMemberActivation).to.equal(true);
      await checkPage(page, 'incident-setup');

      // A reload shows what was saved.
      await page.reload();
      expect(await page.getByRole('region', { name: 'Standaardlocaties' }).getByLabel(/^Adres/).inputValue()).to.equal('Markt 1, Oefenstad');
      expect(await page.getByLabel('Coördinator is de standaardrol').isChecked()).to.equal(true);
    } finally {
      await context.close();
    }
  });

  it('starts an exercise with a team and a person in a role, shows who will be alerted before and what was alerted after, and marks it OEFENING / EXERCISE', async () => {
    // What the set-up test saves, so this test also runs on its own.
    const setup = await call('PUT', '/v1/incident-setup', {
      token: tenant.adminToken,
      body: {
        types: [{ key: 'general', name: 'Algemeen' }, { key: 'brand', name: 'Brand' }, { key: 'ontruiming', name: 'Ontruiming' }],
        roles: [{ key: 'member', name: 'Teamlid', default: false }, { key: 'coordinator', name: 'Coördinator', default: true }],
        locations: [{ key: 'stadhuis', name: 'Stadhuis', address: 'Markt 1, Oefenstad' }],
        classifications: [{ key: 'observation', name: 'Waarneming' }, { key: 'besluit', name: 'Besluit' }],
        labels: [{ key: 'pers', name: 'Pers' }],
        allowMemberActivation: true,
        memberVisibility: 'all',
      },
    });
    expect(setup.status, setup.text).to.equal(200);
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail });
      await page.getByRole('navigation').getByRole('link', { name: 'Incidenten' }).click();
      await page.getByRole('link', { name: 'Incident starten' }).click();
      await page.getByRole('heading', { name: 'Incident starten' }).waitFor();
      await page.getByLabel(/^Titel/).fill('Ontruiming stadhuis');
      await selectInput(page, /^Soort/).click();
      await page.getByRole('option', { name: 'Ontruiming' }).click();
      await selectInput(page, /^Locatie/).click();
      await page.getByRole('option', { name: /^Stadhuis/ }).click();
      await page.getByLabel('Dit is een oefening').check();
      await page.getByRole('note', { name: 'Oefening' }).waitFor();

      await selectInput(page, /^Team toevoegen/).fill('Crisis');
      await page.getByRole('option', { name: 'Crisisteam Stadhuis' }).click();
      await selectInput(page, 'Rol van Crisisteam Stadhuis').click();
      await page.getByRole('option', { name: 'Teamlid' }).click();
      await selectInput(page, /^Persoon toevoegen/).fill('Carla');
      await page.getByRole('option', { name: /^Carla Smit/ }).click();
      expect(await selectInput(page, /^Rol van Carla Smit/).inputValue()).to.equal('Coördinator');

      // Before starting: Anna and Bram through their team, Carla in person, and the admin who starts it.
      const alerted = page.getByRole('region', { name: 'Wie wordt gealarmeerd' });
      await alerted.getByText('4 personen krijgen een pushbericht en een bericht in de inbox (op 2 apparaten).', { exact: false }).waitFor();
      await alerted.getByRole('row').filter({ hasText: 'Anna de Vries' }).filter({ hasText: 'Teamlid' }).filter({ hasText: 'Crisisteam Stadhuis' }).waitFor();
      await alerted.getByRole('row').filter({ hasText: 'Carla Smit' }).filter({ hasText: 'Coördinator' }).filter({ hasText: 'persoonlijk' }).waitFor();
      await alerted.getByText('Oefening', { exact: true }).waitFor();
      await checkPage(page, 'incident-start-preview');

      await page.getByRole('button', { name: 'Oefening starten en team alarmeren' }).click();
      await page.getByRole('heading', { name: 'Gestart: Ontruiming stadhuis' }).waitFor();
      await page.getByText('Het pushbericht ging naar 4 personen, op 2 apparaten.').waitFor();
      await page.getByRole('note', { name: 'Oefening' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'Carla Smit' }).filter({ hasText: 'Coördinator' }).waitFor();
      await checkPage(page, 'incident-started');

      const incidents = (await call('GET', '/v1/incidents', { token: tenant.adminToken })).body.items as Array<{ id: string; title: string; exercise: boolean; location: { standardKey: string } | null }>;
      const started = incidents.find((incident) => incident.title === 'Ontruiming stadhuis')!;
      expect(started).to.deep.include({ exercise: true });
      expect(started.location?.standardKey).to.equal('stadhuis');
      const inbox = (await call('GET', '/v1/me/inbox', { token: carla.token })).body.items as Array<{ title: string }>;
      expect(inbox.map((m) => m.title)).to.include('OEFENING: Incident: Ontruiming stadhuis');

      await page.getByRole('link', { name: 'Incidentruimte openen' }).click();
      await page.getByRole('heading', { name: 'Ontruiming stadhuis' }).waitFor();
      await page.getByRole('note', { name: 'Oefening' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Incidenten' }).click();
      const row = page.getByRole('row').filter({ hasText: 'Ontruiming stadhuis' });
      await row.getByText('Oefening', { exact: true }).waitFor();
      await row.getByText('Ontruiming', { exact: true }).waitFor();
      await checkPage(page, 'incidents-exercise');
      await page.getByRole('navigation').getByRole('link', { name: 'Start' }).click();
      const tile = page.getByRole('region', { name: 'Actieve incidenten' });
      await tile.getByText('Oefening', { exact: true }).waitFor();
      await tile.getByRole('link', { name: 'Ontruiming stadhuis' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('schedules a message in the organisation’s time zone, whatever the browser’s, and says which zone that is', async () => {
    const { context, page } = await openContext({ timezoneId: 'America/New_York' });
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail });
      await page.getByRole('navigation').getByRole('link', { name: 'Berichten' }).click();
      await page.getByRole('link', { name: 'Nieuw bericht of oproep' }).click();
      await page.getByLabel(/^Titel/).fill('Evaluatie oefening');
      await page.getByLabel(/^Tekst/).fill('Maandag om 19:00 evalueren we de ontruiming.');
      await page.getByLabel('Iedereen in de organisatie').check();
      await page.getByText('Inplannen', { exact: true }).click();
      await page.getByText('In de tijdzone van de organisatie, Europe/Amsterdam', { exact: false }).waitFor();
      await page.getByLabel(/^Versturen om/).fill('2099-06-01T19:00');
      await page.getByRole('button', { name: 'Inplannen', exact: true }).click();
      await page.getByText(/Ingepland voor .*19:00/).waitFor();
      const messages = (await call('GET', '/v1/messages', { token: tenant.adminToken })).body.items as Array<{ title: string; scheduledAt: string | null }>;
      // 19:00 in Amsterdam in June (CEST, UTC+2), not 19:00 in New York.
      expect(messages.find((m) => m.title === 'Evaluatie oefening')?.scheduledAt).to.equal('2099-06-01T17:00:00.000Z');
    } finally {
      await context.close();
    }
  });
});
