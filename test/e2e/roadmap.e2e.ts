import type { Page } from 'playwright-core';
import { accessibilityViolations, loginAs, screenshot, usePage } from './browser';

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

describe('Feuille de route', () => {
  it('shows the time line with a late action marked « En retard » in words and in its bar\'s text', async () => {
    // The demo's action of the Cabinet du Maire is due on 30 June 2026 and still in progress.
    const title = 'Accuser réception de tout courrier adressé au Maire sous 15 jours';
    await loginAs(page, 'qualite@demo.local');
    await page.getByRole('link', { name: 'Feuille de route' }).click();
    await page.getByRole('heading', { name: 'Feuille de route', level: 1 }).waitFor();
    // The view and the grouping live in the address; React applies them in a transition, so the
    // radio is checked once the address changed (check() would look at it too early on a slow machine).
    await page.getByLabel('chronologie').click();
    await page.waitForURL(/vue=chronologie/);
    await page.getByLabel('par service').click();
    await page.waitForURL(/regroupement=service/);
    const row = page.locator('li.timeline-row', { has: page.getByRole('link', { name: title }) });
    await row.waitFor();
    expect(await row.getByText('En retard', { exact: true }).isVisible()).toBe(true);
    const bar = row.getByRole('img');
    expect(await bar.getAttribute('aria-label')).toMatch(/^Accuser réception .* : du 1er mars 2026 au 30 juin 2026, en cours, avancement 60 %, en retard$/);
    expect(await page.locator('.timeline-today').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '20-feuille-de-route-chronologie');
    // The same action in the table view, with its link to the item page.
    await page.getByLabel('tableau').click();
    await page.waitForURL((url) => !url.search.includes('vue='));
    const line = page.getByRole('row', { name: new RegExp(title) });
    expect(await line.getByText('En retard', { exact: true }).isVisible()).toBe(true);
    await line.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
  });
});
