import { expect } from 'chai';
import { addUser, onboardTenant, type OnboardedTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkPage, expectAccessible, openContext, SCREENSHOTS, signInThroughConsole, totp } from './harness.js';

async function enrolSecondFactor(token: string): Promise<string> {
  const started = await call('POST', '/v1/me/second-factor', { token });
  expect(started.status, started.text).to.equal(200);
  const secret = started.body.secret as string;
  const confirmed = await call('POST', '/v1/me/second-factor/confirm', { token, body: { code: totp(secret) } });
  expect(confirmed.status, confirmed.text).to.equal(200);
  return secret;
}

describe('console in the browser: sign-in, shell, language, deep links, forbidden pages', function () {
  this.timeout(120_000);
  let tenant: OnboardedTenant;
  let secret: string;

  before(async () => {
    tenant = await onboardTenant('Zorggroep Browser');
    secret = await enrolSecondFactor(tenant.adminToken);
  });

  it('signs an admin in with organisation, e-mail, password and a second factor, and shows the navigation their permissions allow', async () => {
    const { context, page } = await openContext();
    try {
      await page.goto('/sign-in');
      await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
      await checkPage(page, 'sign-in');
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
      await page.getByRole('heading', { name: /Welkom, Eerste Beheerder/ }).waitFor();
      await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
      await page.getByRole('heading', { name: 'Gebruikers' }).waitFor();
      await page.getByRole('cell', { name: tenant.adminEmail }).waitFor();
      await checkPage(page, 'people');
      // The refresh token never reaches page script.
      expect(await page.evaluate('document.cookie')).not.to.contain('crisis_refresh');
      const cookies = await context.cookies();
      expect(cookies.find((cookie) => cookie.name === 'crisis_refresh')).to.include({ httpOnly: true, sameSite: 'Strict', path: '/v1/auth/refresh' });
    } finally {
      await context.close();
    }
  });

  it('reloads a deep link into the same page, still signed in, and switches language', async () => {
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: tenant.adminEmail, secret });
      await page.goto('/people');
      await page.getByRole('heading', { name: 'Gebruikers' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Gebruikers' }).waitFor();
      // The header's switch; the burger menu's copy is for phone widths.
      await page.getByRole('banner').getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).to.equal('en');
      await page.reload();
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You are signed out.').waitFor();
      await page.goto('/people');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows a member a clear page for a deep link they may not open, and no navigation entry for it', async () => {
    const member = await addUser(tenant, ['member'], 'Lid Browser');
    const { context, page } = await openContext();
    try {
      await page.goto('/people');
      await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
      await signInThroughConsole(page, { slug: tenant.slug, email: member.email });
      // Back to where the link pointed, which this member may not see.
      await page.getByRole('heading', { name: 'U mag deze pagina niet openen' }).waitFor();
      expect(await page.getByRole('link', { name: 'Gebruikers', exact: true }).count()).to.equal(0);
      await checkPage(page, 'forbidden');
    } finally {
      await context.close();
    }
  });

  it('sends a user whose sessions were revoked back to sign-in with a message', async () => {
    const member = await addUser(tenant, ['coordinator'], 'Coördinator Browser');
    const { context, page } = await openContext();
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: member.email });
      await page.getByRole('heading', { name: /Welkom/ }).waitFor();
      const revoked = await call('POST', `/v1/users/${member.id}/sessions/revoke`, { token: tenant.adminToken });
      expect(revoked.status, revoked.text).to.be.oneOf([200, 204]);
      // The next request finds the session revoked: the click's, or a query of the home page that
      // runs first and sends the user to sign-in while the click still waits for its link.
      const clicked = page.getByRole('link', { name: 'Gebruikers', exact: true }).click().catch((error: unknown) => error);
      await page.getByText('Uw sessie is beëindigd. Meld u opnieuw aan.').waitFor();
      await clicked;
      await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('keeps the language switch and sign-out reachable at phone width, in the menu behind the burger', async () => {
    const member = await addUser(tenant, ['member'], 'Lid Met Een Heel Lange Naam Die Niet Past');
    const { context, page } = await openContext({ width: 390, height: 844 });
    try {
      await signInThroughConsole(page, { slug: tenant.slug, email: member.email });
      expect(await page.getByRole('banner').getByRole('button', { name: 'Afmelden' }).isVisible(), 'no room in the header').to.equal(false);
      await page.getByRole('button', { name: 'Menu' }).click();
      const menu = page.getByRole('navigation');
      await menu.getByRole('button', { name: 'Afmelden' }).waitFor();
      await expectAccessible(page, 'menu open (nl)');
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'shell-menu-open-nl-390x844.png') });
      await menu.getByText('English', { exact: true }).click();
      await menu.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You are signed out.').waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows a wrong password as a message in the user’s language and keeps what was typed', async () => {
    const { context, page } = await openContext({ language: 'en' });
    try {
      await page.goto('/sign-in');
      await page.getByLabel(/^Organisation/).fill(tenant.slug);
      await page.getByLabel(/^E-mail address/).fill(tenant.adminEmail);
      await page.getByLabel(/^Password/).fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).to.match(/not right|Too many/);
      expect(await page.getByLabel(/^E-mail address/).inputValue()).to.equal(tenant.adminEmail);
    } finally {
      await context.close();
    }
  });
});
