import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../database/paths';

export const baseUrl = () => process.env.E2E_BASE_URL!;
export const PASSWORD = 'Charte-Accueil-2026';
/** The two windows every page is checked in: a desktop, and a phone at a counter. */
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: DESKTOP });
  return context.newPage();
}

/** Kept as test artifacts: one picture per page the suite visits. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(repoRoot, 'test', 'artifacts', 'screenshots', `${name}.png`), fullPage: true });
}

/**
 * WCAG 2.1 A and AA rules (the basis of the RGAA): the list of violations, empty when the page passes.
 * `within`: only what this selector holds — in the admin panel, what this project adds to Strapi's own.
 */
export async function accessibilityViolations(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (within ? builder.include(within) : builder).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}) : ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function loginAs(page: Page, email: string) {
  await page.goto(`${baseUrl()}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
}

/** Logs into the admin panel, which speaks French from its first page: « Bonjour Claire ». */
export async function adminLogin(page: Page, email: string) {
  await page.goto(`${baseUrl()}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.getByRole('heading', { name: /^Bonjour / }).waitFor();
}

/** The main menu, unfolded first where it folds behind « Menu » (a staff member on a phone). */
export async function mainMenu(page: Page) {
  const toggle = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByRole('navigation', { name: 'Navigation principale' });
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
}

/**
 * One browser per test file and a fresh page (own cookies and storage) per test:
 * `const page = usePage();` then `page()` inside a test.
 */
export function usePage(): () => Page {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    page = await newPage(browser);
  });
  afterEach(() => page?.context().close());
  return () => page;
}

/** The page's own width in CSS pixels: more than the window means the page scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
