import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import speakeasy from 'speakeasy';
import { PASSWORD } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';

/** One browser for the whole run; each test opens its own context (cookies, storage) in it. */
let browser: Browser | null = null;

export const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

export async function openContext(options: { language?: 'nl' | 'en'; width?: number; height?: number; timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  if (!browser) {
    // Playwright gives the browser a fresh user-data-dir of its own, removed on close.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }
  const context = await browser.newContext({
    baseURL: env().baseUrl,
    locale: options.language === 'en' ? 'en-GB' : 'nl-NL',
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

after(async () => {
  await browser?.close();
  browser = null;
});

const lastStep = new Map<string, number>();

/**
 * A code the app accepts now (its clock, which tests may move): each code works once, so every
 * call takes a later 30-second step than the last, within the one-step window the app allows.
 */
export function totp(secret: string): string {
  const now = Math.floor(env().clock.now().getTime() / 30_000);
  const step = [now - 1, now, now + 1].find((candidate) => candidate > (lastStep.get(secret) ?? -Infinity));
  if (step === undefined) throw new Error('every code of the window is used: sign in fewer times per minute with one secret');
  lastStep.set(secret, step);
  return speakeasy.totp({ secret, encoding: 'base32', time: step * 30 });
}

/** Signs in through the console as a person does: organisation, e-mail, password, then the code. */
export async function signInThroughConsole(page: Page, user: { slug: string; email: string; secret?: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/^(Organisatie|Organisation)/).fill(user.slug);
  await page.getByLabel(/^(E-mailadres|E-mail address)/).fill(user.email);
  await page.getByLabel(/^(Wachtwoord|Password)/).fill(PASSWORD);
  await page.getByRole('button', { name: /^(Aanmelden|Sign in)$/ }).click();
  if (user.secret) {
    await page.getByLabel(/^(Code uit uw authenticator-app|Code from your authenticator app)/).fill(totp(user.secret));
    await page.getByRole('button', { name: /^(Bevestigen|Confirm)$/ }).click();
  }
  await page.getByRole('navigation').waitFor();
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // A dialog that is still fading in has blended colours: axe would judge a frame, not the page.
  await page.evaluate(async () => {
    const doc = (globalThis as unknown as { document: { getAnimations(): Array<{ finished: Promise<unknown> }> } }).document;
    await Promise.all(doc.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const grave = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(grave.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), label).to.deep.equal([]);
}

/** Saves the page at the two sizes the console is made for; the author looks at them. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    // The shell's navbar and padding animate into the new size (200 ms).
    await page.waitForTimeout(400);
    // From the top: a full-page shot of a scrolled page draws the fixed header mid-page.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** No message key was missing in the catalogue of the shown language, and no raw key shows. */
export async function expectAllTranslated(page: Page): Promise<void> {
  const missing = await page.evaluate(() => ((globalThis as { __missingKeys?: string[] }).__missingKeys ?? []));
  expect(missing, 'keys missing in a catalogue').to.deep.equal([]);
  // Data shown as stored (audit actions such as privacy.erasure, export columns) is marked data-verbatim and not read as a key.
  // A string, as the tests are compiled without DOM types; innerText leaves out what is not visible.
  const text = await page.evaluate<string>(`(() => {
    const verbatim = [...document.querySelectorAll('[data-verbatim]')];
    for (const element of verbatim) element.style.visibility = 'hidden';
    const shown = document.body.innerText;
    for (const element of verbatim) element.style.visibility = '';
    return shown;
  })()`);
  expect(text, 'a raw message key on the page').not.to.match(/\b(common|shell|session|sessions|signIn|home|setPassword|forgotPassword|people|groups|apiKeys|account|platform|privacy|settings|incidents|messages|messaging|problems|fields|content)\.[a-zA-Z.-]+/);
}

/** Every check a finished page gets, in both languages. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const before = await page.evaluate<string | null>("localStorage.getItem('language')");
  for (const language of ['nl', 'en'] as const) {
    // As the language switch does: a stored choice, else the tenant's locale takes the page back.
    await page.evaluate(`(async () => { localStorage.setItem('language', '${language}'); await window.__i18n?.changeLanguage('${language}'); })()`);
    // The switch must have taken hold in the page before it is checked and photographed under that language's name.
    // A function, not a string: a string predicate that has to be polled is evaluated with eval,
    // which the console's Content-Security-Policy (script-src 'self') refuses.
    await page.waitForFunction((wanted) => {
      const { document } = globalThis as unknown as { document: { documentElement: { lang: string }; querySelector(selector: string): unknown } };
      return document.documentElement.lang === wanted && document.querySelector('[aria-busy="true"]') === null;
    }, language);
    expect(await page.evaluate(() => (globalThis as unknown as { __i18n?: { language: string } }).__i18n?.language), `${name}: language`).to.equal(language);
    await expectAllTranslated(page);
    await expectAccessible(page, `${name} (${language})`);
    await screenshots(page, `${name}-${language}`);
  }
  const restore = before === null ? "localStorage.removeItem('language')" : `localStorage.setItem('language', ${JSON.stringify(before)})`;
  await page.evaluate(`(async () => { ${restore}; await window.__i18n?.changeLanguage(${JSON.stringify(before ?? 'nl')}); })()`);
}
