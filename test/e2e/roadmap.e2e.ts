import type { Page } from 'playwright-core';
import { accessibilityViolations, loginAs, logout, screenshot, usePage } from './browser';

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
    // The address changes before React has drawn the table (a transition): wait for the row itself.
    await line.getByText('En retard', { exact: true }).waitFor();
    await line.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
  });

  it('takes an action through its day: the agent writes it, the head validates, the DGS approves, the agent reports progress', async () => {
    const title = `Afficher les horaires d’été ${Date.now()}`;
    await loginAs(page, 'agent.accueil@demo.local');
    await page.getByRole('link', { name: 'Feuille de route', exact: true }).click();
    await page.getByRole('link', { name: 'Nouvelle action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle action d’amélioration' }).waitFor();
    await page.locator('#action-title').fill(title);
    await page.locator('#action-owner').fill('Agent d’accueil');
    await page.getByLabel('Priorité').selectOption('haute');
    await page.getByLabel('Début').fill('2026-05-01');
    await page.getByLabel('Échéance').fill('2026-06-15');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '21-feuille-de-route-nouvelle-action');
    await page.getByRole('button', { name: 'Créer l’action' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Modifier le brouillon' }).waitFor();
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByText('Soumettre : c’est fait. Nouvel état : Soumis.').waitFor();
    const action = page.url();
    await logout(page);

    await loginAs(page, 'chef.accueil@demo.local');
    await page.goto(action);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Valider : c’est fait. Nouvel état : Validé.').waitFor();
    await logout(page);
    await loginAs(page, 'dgs@demo.local');
    await page.goto(action);
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.getByText('Approuver : c’est fait. Nouvel état : Approuvé.').waitFor();
    // The DGS approves the content; following it up is the service's work.
    expect(await page.getByRole('heading', { level: 2, name: 'Faire le point' }).count()).toBe(0);
    await logout(page);

    // The agent reports progress from a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'agent.accueil@demo.local');
    await page.goto(action);
    await page.getByRole('heading', { level: 2, name: 'Faire le point' }).waitFor();
    await page.locator('#follow-up-status').selectOption('en-cours');
    await page.locator('#follow-up-progress').fill('60');
    await page.getByLabel(/Où en est l’action/).fill('Affiches commandées, pose la semaine prochaine.');
    await page.getByRole('button', { name: 'Enregistrer le point' }).click();
    await page.getByText('Point enregistré : en cours, 60 %.').waitFor();
    await page.getByText('Statut : En cours · Avancement (%) : 60').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '22-action-faire-le-point-390');
    // The roadmap shows the new progress.
    await page.goto(action.replace(/\/a-traiter\/.*$/, '/feuille-de-route'));
    await page.getByRole('row', { name: new RegExp(title) }).getByText('En cours').waitFor();
  });
});
