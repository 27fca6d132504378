import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { smallPhonePhoto } from '../helpers/phone-photo.js';
import { cutConnections } from '../helpers/test-env.js';
import type { Locator, Page } from 'playwright-core';
import { checkPage, openContext, signInThroughConsole } from './harness.js';

/** A Mantine Select's input, by its label (its option list carries the same label). */
function selectInput(scope: Page | Locator, name: string | RegExp): Locator {
  return scope.getByLabel(name).and(scope.locator('input'));
}

describe('console in the browser: the incident room, live in two browsers', function () {
  this.timeout(180_000);
  let tenant: OnboardedTenant;
  let coordinator: { id: string; email: string; token: string };
  let member: { id: string; email: string; token: string };
  let reserve: { id: string; email: string; token: string };

  before(async () => {
    tenant = await onboardTenant('Zorggroep Crisis');
    coordinator = await addUser(tenant, ['coordinator'], 'Cor Coördinator');
    member = await addUser(tenant, ['member'], 'Mila Teamlid');
    reserve = await addUser(tenant, ['member'], 'Piet Reserve');
    const setup = await call('PUT', '/v1/incident-setup', {
      token: tenant.adminToken,
      body: {
        types: [{ key: 'brand', name: 'Brand' }],
        roles: [
          { key: 'adviseur', name: 'Adviseur', default: true },
          { key: 'notulist', name: 'Notulist', default: false },
        ],
        locations: [{ key: 'hoofdlocatie', name: 'Hoofdlocatie', address: 'Stationsweg 1, Tiel' }],
        classifications: [
          { key: 'waarneming', name: 'Waarneming' },
          { key: 'besluit', name: 'Besluit' },
        ],
        labels: [{ key: 'slachtoffers', name: 'Slachtoffers' }],
        allowMemberActivation: false,
        memberVisibility: 'all',
      },
    });
    expect(setup.status, setup.text).to.equal(200);
    const team = await call('POST', '/v1/groups', { token: tenant.adminToken, body: { name: 'Crisisteam Tiel', type: 'team' } });
    expect(team.status, team.text).to.equal(201);
    const joined = await call('PUT', `/v1/groups/${team.body.id}/members/${member.id}`, { token: tenant.adminToken });
    expect(joined.status, joined.text).to.equal(204);
  });

  it('a coordinator starts an exercise; a member posts an entry with a photo that appears in the open feed; marked important, it reaches the member’s overview; an assigned action reaches their board', async () => {
    const lead = await openContext();
    const crew = await openContext();
    try {
      await signInThroughConsole(lead.page, { slug: tenant.slug, email: coordinator.email });
      await lead.page.getByRole('link', { name: 'Incidenten', exact: true }).click();
      await lead.page.getByText('Er zijn geen incidenten.').waitFor();
      await checkPage(lead.page, 'incidents-empty');
      await lead.page.getByRole('link', { name: 'Incident starten' }).click();
      await lead.page.getByRole('heading', { name: 'Incident starten' }).waitFor();
      await lead.page.getByLabel(/^Titel/).fill('Brand in keuken locatie Tiel');
      await selectInput(lead.page, /^Soort/).click();
      await lead.page.getByRole('option', { name: 'Brand' }).click();
      await selectInput(lead.page, /^Locatie/).click();
      await lead.page.getByRole('option', { name: 'Hoofdlocatie' }).click();
      await selectInput(lead.page, /^Team toevoegen/).click();
      await lead.page.getByRole('option', { name: 'Crisisteam Tiel' }).click();
      await lead.page.getByLabel('Dit is een oefening').check();
      await lead.page.getByText('2 personen krijgen een pushbericht', { exact: false }).waitFor();
      await checkPage(lead.page, 'incident-start');
      await lead.page.getByRole('button', { name: 'Oefening starten en team alarmeren' }).click();
      await lead.page.getByRole('link', { name: 'Incidentruimte openen' }).click();
      await lead.page.getByRole('heading', { name: 'Brand in keuken locatie Tiel' }).waitFor();
      await lead.page.getByRole('note', { name: 'Oefening' }).waitFor();
      await lead.page.getByText('Nog geen berichten in het logboek.').waitFor();

      await signInThroughConsole(crew.page, { slug: tenant.slug, email: member.email });
      await crew.page.getByRole('link', { name: 'Incidenten', exact: true }).click();
      await crew.page.getByRole('link', { name: 'Brand in keuken locatie Tiel' }).click();
      await crew.page.getByRole('note', { name: 'Oefening' }).waitFor();
      await crew.page.getByText('Live', { exact: false }).first().waitFor();
      await crew.page.getByRole('textbox', { name: 'Bericht', exact: true }).fill('Rook zichtbaar op de eerste verdieping.');
      await selectInput(crew.page, /^Classificatie/).click();
      await crew.page.getByRole('option', { name: 'Waarneming' }).click();
      const chooser = crew.page.waitForEvent('filechooser');
      await crew.page.getByLabel(/^Foto's en bijlagen/).click();
      await (await chooser).setFiles({ name: 'rook.jpg', mimeType: 'image/jpeg', buffer: smallPhonePhoto() });
      const stored = crew.page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/entries'));
      await crew.page.getByRole('button', { name: 'Plaatsen' }).click();
      expect((await stored).status()).to.equal(201);
      // The coordinator's open feed shows it without a reload (how fast is bench work, not a test's).
      const inFeed = lead.page.getByRole('feed', { name: 'Logboek' }).getByRole('article', { name: 'Bericht 1 van Mila Teamlid' });
      await inFeed.waitFor();
      await inFeed.getByRole('img', { name: 'rook.jpg' }).waitFor();
      await inFeed.getByText('Waarneming').waitFor();
      await checkPage(lead.page, 'incident-room-coordinator');

      await inFeed.getByRole('button', { name: 'Markeer als belangrijk' }).click();
      await lead.page.getByLabel('Samenvatting voor het situatieoverzicht').fill('Brand op 1e verdieping, ontruiming gestart');
      await lead.page.getByRole('button', { name: 'Markeren', exact: true }).click();

      await crew.page.getByRole('tab', { name: 'Situatieoverzicht' }).click();
      const overview = crew.page.getByRole('feed', { name: 'Situatieoverzicht' });
      await overview.getByText('Brand op 1e verdieping, ontruiming gestart').waitFor();
      await checkPage(crew.page, 'incident-overview-member');

      await lead.page.getByRole('tab', { name: 'Acties' }).click();
      await lead.page.getByRole('textbox', { name: 'Actie', exact: true }).fill('Familie van bewoners informeren');
      await selectInput(lead.page, /^Toewijzen aan/).click();
      await lead.page.getByRole('option', { name: 'Mila Teamlid' }).click();
      await lead.page.getByRole('button', { name: 'Actie toevoegen' }).click();
      await lead.page.getByRole('listitem', { name: 'Familie van bewoners informeren' }).waitFor();

      await crew.page.getByRole('tab', { name: 'Acties' }).click();
      await crew.page.getByText('Mijn acties').click();
      const action = crew.page.getByRole('listitem', { name: 'Familie van bewoners informeren' });
      await action.getByText('Toegewezen aan Mila Teamlid').waitFor();
      await checkPage(crew.page, 'incident-actions-member');
      await selectInput(action, 'Status van Familie van bewoners informeren').click();
      await crew.page.getByRole('option', { name: 'Bezig' }).click();
      await lead.page.reload();
      await lead.page.getByRole('tab', { name: 'Acties' }).click();
      expect(await selectInput(lead.page, 'Status van Familie van bewoners informeren').inputValue()).to.equal('Bezig');

      await lead.page.getByRole('link', { name: 'Incidenten', exact: true }).click();
      await lead.page.getByRole('link', { name: 'Brand in keuken locatie Tiel' }).waitFor();
      await checkPage(lead.page, 'incidents');
    } finally {
      await lead.context.close();
      await crew.context.close();
    }
  });

  it('a stream cut mid-way reconnects with Last-Event-ID, says so, and misses nothing', async () => {
    const incident = await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Stroomstoring gebouw B', type: 'brand', severity: 'minor', exercise: false, users: [{ userId: member.id }] } });
    expect(incident.status, incident.text).to.equal(201);
    // The test's own pooled connections are cut too: a post that meets one is sent again with the same
    // Idempotency-Key, as a field client would, so it is stored once whether or not the first arrived.
    const post = async (text: string) => {
      const key = randomUUID();
      const send = () => call('POST', `/v1/incidents/${incident.body.id}/entries`, { token: member.token, body: { text }, headers: { 'idempotency-key': `"${key}"` } });
      const entry = await send().catch(send);
      expect(entry.status, entry.text).to.be.oneOf([200, 201]);
    };
    await post('Stroom uitgevallen in gebouw B.');
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: coordinator.email });
      await page.goto(`/incidents/${incident.body.id}`);
      const feed = page.getByRole('feed', { name: 'Logboek' });
      await feed.getByRole('article', { name: 'Bericht 1 van Mila Teamlid' }).waitFor();
      cutConnections();
      // Written while the console is cut off: they reach it only through the reconnect's Last-Event-ID.
      await post('Noodverlichting werkt.');
      await post('Liften stilgezet, niemand vast.');
      await page.getByText(/Opnieuw verbonden om .*; niets gemist\./).first().waitFor();
      await feed.getByRole('article', { name: 'Bericht 3 van Mila Teamlid' }).waitFor();
      await post('Netbeheerder verwacht herstel binnen een uur.');
      await feed.getByRole('article', { name: 'Bericht 4 van Mila Teamlid' }).waitFor();
      expect(await feed.getByRole('article').count(), 'each entry once').to.equal(4);
      await feed.getByText('Liften stilgezet, niemand vast.').waitFor();
    } finally {
      await context.close();
    }
  });

  it('a coordinator adds a person and a team and changes a role, filters the log live by classification, downloads the report as JSON and PDF and closes the incident; an admin reopens it', async () => {
    const created = await call('POST', '/v1/incidents', { token: coordinator.token, body: { title: 'Wateroverlast kelder', type: 'brand', severity: 'moderate', exercise: false, users: [{ userId: member.id }] } });
    expect(created.status, created.text).to.equal(201);
    const incidentId = created.body.id as string;
    const post = async (text: string, classification: string) => {
      const entry = await call('POST', `/v1/incidents/${incidentId}/entries`, { token: member.token, body: { text, classification } });
      expect(entry.status, entry.text).to.equal(201);
    };
    await post('Water staat 20 cm hoog in de kelder.', 'waarneming');
    await post('Pompen besteld bij de brandweer.', 'besluit');
    const lead = await openContext();
    try {
      await signInThroughConsole(lead.page, { slug: tenant.slug, email: coordinator.email });
      const page = lead.page;
      await page.goto(`/incidents/${incidentId}`);
      await page.getByRole('heading', { name: 'Wateroverlast kelder' }).waitFor();

      // Participants: the person picker searches the API as the coordinator types.
      await page.getByRole('tab', { name: 'Deelnemers' }).click();
      const people = page.getByRole('table', { name: 'Personen' });
      await people.getByRole('row', { name: /Mila Teamlid/ }).waitFor();
      await selectInput(page, /^Persoon$/).fill('Piet');
      await page.getByRole('option', { name: `Piet Reserve (${reserve.email})` }).click();
      await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
      await page.getByText('Gekoppeld; 1 persoon nieuw gekoppeld en gealarmeerd.').waitFor();
      const piet = people.getByRole('row', { name: /Piet Reserve/ });
      expect(await selectInput(piet, 'Incidentrol van Piet Reserve').inputValue()).to.equal('Adviseur');
      await selectInput(piet, 'Incidentrol van Piet Reserve').click();
      await page.getByRole('option', { name: 'Notulist' }).click();
      await page.getByText('Piet Reserve is nu Notulist in dit incident.').waitFor();
      await selectInput(page, /^Team$/).fill('Crisis');
      await page.getByRole('option', { name: 'Crisisteam Tiel' }).click();
      await page.getByRole('button', { name: 'Team toevoegen' }).click();
      await page.getByRole('table', { name: 'Teams' }).getByRole('row', { name: /Crisisteam Tiel/ }).waitFor();
      const linked = await call('GET', `/v1/incidents/${incidentId}`, { token: coordinator.token });
      const roles = Object.fromEntries((linked.body.members as Array<{ name: string; role: string; removedAt: string | null }>).filter((m) => !m.removedAt).map((m) => [m.name, m.role]));
      expect(roles).to.deep.include({ 'Piet Reserve': 'notulist', 'Mila Teamlid': 'adviseur' });
      expect((linked.body.teams as Array<{ name: string }>).map((team) => team.name)).to.deep.equal(['Crisisteam Tiel']);
      await checkPage(page, 'incident-participants');
      // Removed after a confirmation that names him: he leaves the table and the incident.
      await piet.getByRole('button', { name: 'Piet Reserve verwijderen' }).click();
      const confirm = page.getByRole('dialog', { name: 'Piet Reserve uit het incident verwijderen?' });
      await confirm.getByRole('button', { name: 'Verwijderen' }).click();
      await page.getByText('Piet Reserve is niet meer aan dit incident gekoppeld.').waitFor();
      await piet.waitFor({ state: 'detached' });
      const after = await call('GET', `/v1/incidents/${incidentId}`, { token: coordinator.token });
      const removed = (after.body.members as Array<{ name: string; removedAt: string | null }>).find((m) => m.name === 'Piet Reserve');
      expect(removed?.removedAt, 'Piet is removed, not forgotten').to.be.a('string');

      // The log filtered by classification: entries arriving meanwhile are judged by the filter as they come.
      await page.getByRole('tab', { name: 'Logboek' }).click();
      const feed = page.getByRole('feed', { name: 'Logboek' });
      await feed.getByRole('article', { name: 'Bericht 2 van Mila Teamlid' }).waitFor();
      await page.getByRole('button', { name: 'Logboek filteren' }).click();
      const filters = page.getByRole('group', { name: 'Logboek filteren' });
      await selectInput(filters, /^Classificatie/).click();
      await page.getByRole('option', { name: 'Waarneming' }).click();
      await page.getByText('1 van 2 berichten getoond').waitFor();
      expect(await feed.getByRole('article').count()).to.equal(1);
      expect(new URL(page.url()).searchParams.get('classification')).to.equal('waarneming');
      await post('Tweede pomp draait, water zakt.', 'waarneming');
      await feed.getByRole('article', { name: 'Bericht 3 van Mila Teamlid' }).waitFor();
      await post('Verzekeraar wordt gebeld.', 'besluit');
      await page.getByText('2 van 4 berichten getoond').waitFor();
      expect(await feed.getByRole('article').allTextContents(), 'only observations').to.have.length(2);
      await feed.getByText('Verzekeraar wordt gebeld.').waitFor({ state: 'detached' });
      await checkPage(page, 'incident-log-filtered');
      // A link keeps the filter.
      await page.reload();
      await page.getByText('2 van 4 berichten getoond').waitFor();
      expect(await selectInput(page.getByRole('group', { name: 'Logboek filteren' }), /^Classificatie/).inputValue()).to.equal('Waarneming');
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await feed.getByRole('article', { name: 'Bericht 4 van Mila Teamlid' }).waitFor();

      // The report, fetched with the token and saved from a Blob.
      const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Verslag (JSON)' }).click()]);
      const report = JSON.parse(await readFile(await json.path(), 'utf8')) as {
        incident: { id: string; title: string; status: string };
        timeline: Array<{ seq: number; text: string; classification: string | null }>;
        participants: Array<{ name: string; role: string; removedAt: string | null }>;
      };
      expect(report.incident).to.include({ id: incidentId, title: 'Wateroverlast kelder', status: 'active' });
      expect(report.timeline.map((entry) => entry.text)).to.deep.equal(['Water staat 20 cm hoog in de kelder.', 'Pompen besteld bij de brandweer.', 'Tweede pomp draait, water zakt.', 'Verzekeraar wordt gebeld.']);
      // Removed earlier, Piet stays in the report as a participant who was, with his role then.
      const pietInReport = report.participants.find((person) => person.name === 'Piet Reserve');
      expect(pietInReport).to.include({ role: 'Notulist', removedAt: removed!.removedAt });
      expect(report.participants.find((person) => person.name === 'Mila Teamlid')).to.include({ removedAt: null });
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Verslag (PDF)' }).click()]);
      const bytes = await readFile(await pdf.path());
      expect(bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      expect(pdf.suggestedFilename()).to.equal(`incidentrapport-${incidentId}.pdf`);

      // Closing freezes the log; a coordinator may not reopen.
      await page.getByRole('button', { name: 'Incident sluiten' }).click();
      const closing = page.getByRole('dialog', { name: '“Wateroverlast kelder” sluiten?' });
      await closing.getByText(/Alleen een beheerder kan het incident heropenen/).waitFor();
      await closing.getByRole('button', { name: 'Incident sluiten' }).click();
      await closing.waitFor({ state: 'hidden' });
      await page.getByText(/^Gesloten om .*Alleen een beheerder kan het heropenen\.$/).waitFor();
      expect(await page.getByRole('button', { name: 'Plaatsen' }).count(), 'no post form').to.equal(0);
      expect(await page.getByRole('button', { name: 'Incident heropenen' }).count(), 'coordinators do not reopen').to.equal(0);
      expect((await call('GET', `/v1/incidents/${incidentId}`, { token: coordinator.token })).body.status).to.equal('closed');
      await checkPage(page, 'incident-closed-coordinator');
    } finally {
      await lead.context.close();
    }

    const chief = await openContext();
    try {
      await signInThroughConsole(chief.page, { slug: tenant.slug, email: tenant.adminEmail });
      const page = chief.page;
      await page.goto(`/incidents/${incidentId}`);
      await page.getByText(/bevroren tot u het heropent/).waitFor();
      await page.getByRole('button', { name: 'Incident heropenen' }).click();
      const reopening = page.getByRole('dialog', { name: '“Wateroverlast kelder” heropenen?' });
      await reopening.getByText(/vastgelegd in de audittrail/).waitFor();
      await checkPage(page, 'incident-reopen-dialog');
      await reopening.getByRole('button', { name: 'Incident heropenen' }).click();
      await reopening.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Incident sluiten' }).waitFor();
      await page.getByRole('button', { name: 'Plaatsen' }).waitFor();
      expect((await call('GET', `/v1/incidents/${incidentId}`, { token: coordinator.token })).body.status).to.equal('active');
    } finally {
      await chief.context.close();
    }
  });
});
