import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, DESKTOP, loginAs, pageWidth, PHONE, screenshot, usePage } from './browser';

/**
 * A tester's mystery tests in Chromium: the list from the menu with the scenario and the window, a
 * visit grid filled on a 390 px phone and submitted, an e-mail test whose delay is computed from
 * its dates; no WCAG violation, no page wider than the phone.
 */

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

async function settled(name: string): Promise<string[]> {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const problems = (await accessibilityViolations(page)).map((v) => `${name} : ${v}`);
  const viewport = page.viewportSize();
  const width = await pageWidth(page);
  if (viewport && width > viewport.width) problems.push(`${name} : page de ${width} px`);
  return problems;
}

describe('a tester’s mystery tests', () => {
  it('lists the tests to play, with their scenario and window, from the menu', async () => {
    await loginAs(page, 'agent.accueil@demo.local');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tests mystères' }).click();
    await page.getByRole('heading', { name: 'Tests mystères', level: 1 }).waitFor();
    const todo = page.getByRole('region', { name: /^À réaliser/ });
    await todo.getByRole('link', { name: 'Visite — Petite enfance' }).waitFor();
    expect(await todo.getByText('Demander comment se déroule la commission d’attribution des places en crèche.').count()).toBe(1);
    expect(await todo.getByText('Du 1er décembre 2026 au 18 décembre 2026', { exact: false }).count()).toBe(1);
    // The rounds played by this agent, validated.
    expect(await page.getByRole('region', { name: /Validés/ }).getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    expect(await settled('liste')).toEqual([]);
    await screenshot(page, 'mystery-tests-list-desktop');
    await page.setViewportSize(PHONE);
    expect(await settled('liste (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-tests-list-phone');
  });

  it('fills and submits a visit grid on a phone', async () => {
    await page.setViewportSize(PHONE);
    await loginAs(page, 'agent.accueil@demo.local');
    await page.goto(`${baseUrl()}/tests-mysteres`);
    await page.getByRole('region', { name: /^À réaliser/ }).getByRole('link', { name: 'Visite — Petite enfance' }).click();
    await page.getByRole('heading', { name: /^Visite — Petite enfance/, level: 1 }).waitFor();
    expect(await settled('grille vide (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-test-visit-phone-empty');

    // Submitting with nothing filled lists what is missing, each linked to its field.
    await page.getByRole('button', { name: 'Enregistrer et soumettre' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText(/Le résultat n’a pas été soumis : 8 réponses sont à compléter/).waitFor();
    expect(await summary.getByRole('link', { name: 'Signalétique claire jusqu’au bon guichet' }).count()).toBe(1);

    await page.getByLabel('Moment du test').fill('2026-12-02T10:30');
    const point = (legend: string) => page.getByRole('group', { name: new RegExp(`^\\d+\\. ${legend}`) });
    await point('Signalétique claire jusqu’au bon guichet').getByLabel('Oui').check();
    await page.getByLabel(/Temps d’attente avant d’être reçu/).fill('12');
    await point('Agent qui salue et se rend disponible').getByLabel('Oui').check();
    await point('Agent identifiable \\(badge ou nom\\)').getByLabel('Non').check();
    await point('Confidentialité respectée').getByLabel('Oui').check();
    await point('Courtoisie et écoute').getByLabel('3 – Bien').check();
    await point('Réponse exacte et complète').getByLabel('Oui').check();
    await page.getByLabel(/Remarques du testeur/).fill('Accueil aimable, une dizaine de personnes avant moi.');
    await page.getByRole('button', { name: 'Enregistrer et soumettre' }).click();
    await page.getByRole('status').getByText('Résultat soumis au référent qualité. Merci !').waitFor();
    // Weights: signalétique 1, salutation 2, confidentialité 1, courtoisie 2, réponse 3 met; attente 2 and badge 1 missed → 9 / 12.
    await page.getByText('Note sur la grille : 75 %').waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
    expect(await settled('grille soumise (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-test-visit-phone-submitted');
    await page.goto(`${baseUrl()}/tests-mysteres`);
    await page.getByRole('region', { name: /Soumis au référent qualité/ }).getByRole('link', { name: 'Visite — Petite enfance' }).waitFor();
  });

  it('computes an e-mail’s delay from its dates, in calendar and working days', async () => {
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'agent.accueil@demo.local');
    await page.goto(`${baseUrl()}/tests-mysteres`);
    await page.getByRole('region', { name: /^À réaliser/ }).getByRole('link', { name: 'Courriel — Scolaire / Périscolaire' }).click();
    await page.getByRole('heading', { name: /^Courriel — Scolaire \/ Périscolaire/, level: 1 }).waitFor();
    await page.getByLabel('Moment du test').fill('2026-11-27T09:00');
    // Sent on Friday 27 November, answered on Wednesday 2 December: 5 days, 3 working days.
    await page.getByLabel('Message envoyé le').fill('2026-11-27');
    await page.getByLabel('Réponse reçue le').fill('2026-12-02');
    await page.getByRole('group', { name: /^\d+\. Réponse exacte et complète/ }).getByLabel('Oui').check();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByRole('status').getByText(/Résultat enregistré/).waitFor();
    await page.getByText('3 jours ouvrés, calculé à partir des dates.').waitFor();
    await page.getByText('5 jours calendaires, calculé à partir des dates.').waitFor();
    expect(await settled('courriel')).toEqual([]);
    await screenshot(page, 'mystery-test-email-desktop');
  });
});
