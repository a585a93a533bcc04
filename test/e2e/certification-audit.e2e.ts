import type { Page } from 'playwright-core';
import { accessibilityViolations, adminLogin, baseUrl, DESKTOP, loginAs, pageWidth, PASSWORD, PHONE, screenshot, usePage } from './browser';

/**
 * The certification audit in Chromium: the external auditor logs in to their mission, reads a
 * service's evaluations and records a finding on a phone; the référent qualité acknowledges it and
 * turns it into a corrective action; « Prêt pour l’audit ? » lists what is missing. No WCAG
 * violation, no page wider than the phone.
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

const FACT = 'Le registre des courriers ne mentionne aucune date de réponse depuis mars.';

describe('a certification audit', () => {
  it('lets the auditor log in to their mission and record a finding on a phone', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${baseUrl()}/connexion`);
    await page.getByLabel('Adresse électronique').fill('auditeur@demo.local');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Ma mission d’audit', level: 1 }).waitFor();
    await page.getByText('Diagnostic initial 2026', { exact: true }).waitFor();
    // Only their mission in the menu: no dashboard, no registers.
    const menu = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await menu.getByRole('link', { name: 'Tableau de bord' }).count()).toBe(0);
    await page.getByRole('region', { name: /Évaluations du service/ }).getByRole('heading', { name: /^QV-17 — / }).waitFor();
    expect(await settled('mission (téléphone)')).toEqual([]);
    await screenshot(page, 'audit-mission-phone');

    const criterion = page.getByLabel(/^Engagement/);
    await criterion.selectOption((await criterion.locator('option', { hasText: 'QV-17 —' }).getAttribute('value'))!);
    await page.getByLabel(/^Niveau/).selectOption({ label: 'Non-conformité majeure' });
    await page.getByLabel(/Fait constaté/).fill(FACT);
    await page.getByLabel(/Exigence/).fill('QV-17 — délai de réponse aux courriers suivi.');
    await page.getByRole('button', { name: 'Soumettre au référent qualité' }).click();
    await page.getByRole('status').getByText('Constat soumis au référent qualité.').waitFor();
    await page.getByRole('region', { name: /Mes constats/ }).getByText(FACT).waitFor();
    expect(await settled('constat soumis (téléphone)')).toEqual([]);
    await screenshot(page, 'audit-finding-submitted-phone');

    // The finding opens with its history, read-only once submitted.
    await page.getByRole('region', { name: /Mes constats/ }).getByRole('link', { name: /^QV-17 — / }).first().click();
    await page.getByRole('heading', { name: /^Non-conformité majeure — QV-17/, level: 1 }).waitFor();
    await page.getByText(FACT).first().waitFor();
    expect(await settled('constat (téléphone)')).toEqual([]);
    await screenshot(page, 'audit-finding-item-phone');
  });

  it('lets the référent qualité acknowledge the finding and turn it into a corrective action', async () => {
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'qualite@demo.local');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Audit de certification' }).click();
    await page.getByRole('heading', { name: 'Prêt pour l’audit ?', level: 1 }).waitFor();
    await page.getByText('✗ Pas encore prêt pour l’audit').first().waitFor();
    expect(await settled('prêt pour l’audit')).toEqual([]);
    await screenshot(page, 'audit-readiness-desktop');
    await page.setViewportSize(PHONE);
    expect(await settled('prêt pour l’audit (téléphone)')).toEqual([]);
    await screenshot(page, 'audit-readiness-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('link', { name: 'Constats d’audit' }).first().click();
    await page.getByRole('heading', { name: 'Constats d’audit', level: 1 }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: FACT });
    await card.getByLabel('Cause').fill('Aucun agent désigné pour suivre le registre.');
    await card.getByRole('button', { name: 'Accuser réception' }).click();
    const received = page.getByRole('region', { name: /Reçus, en cours de traitement/ }).getByRole('listitem').filter({ hasText: FACT });
    await received.locator('p', { hasText: 'Aucun agent désigné pour suivre le registre.' }).waitFor();
    await received.getByRole('button', { name: 'Créer l’action' }).click();
    await received.getByLabel(/^Action/).fill('Désigner un agent référent du registre des courriers');
    await received.getByLabel(/^Pilote/).fill('Julie Moreau');
    // A major non-conformity's action needs its due date: the cms refuses it without.
    await received.getByRole('button', { name: 'Créer l’action' }).click();
    expect(await received.getByRole('link', { name: 'Désigner un agent référent du registre des courriers' }).count()).toBe(0);
    await received.getByLabel(/Échéance/).fill('2027-01-31');
    await received.getByRole('button', { name: 'Créer l’action' }).click();
    await received.getByRole('link', { name: 'Désigner un agent référent du registre des courriers' }).waitFor();
    expect(await settled('constats')).toEqual([]);
    await screenshot(page, 'audit-findings-desktop');
    await page.setViewportSize(PHONE);
    expect(await settled('constats (téléphone)')).toEqual([]);
    await screenshot(page, 'audit-findings-phone');
  });

  it('shows « Prêt pour l’audit ? » on the admin panel’s homepage', async () => {
    await page.setViewportSize(DESKTOP);
    await adminLogin(page, 'admin@demo.local');
    await page.getByText('Prêt pour l’audit ?').first().waitFor();
    await page.getByText('Campagne « Diagnostic initial 2026 »').first().waitFor();
    await page.getByText('Pas encore prêt').first().waitFor();
    expect(await page.getByRole('link', { name: 'Voir ce qui manque, engagement par engagement' }).count()).toBe(1);
    await screenshot(page, 'audit-readiness-admin-widget');
  });
});
