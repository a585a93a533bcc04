import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../database/paths';
import { accessibilityViolations, adminLogin, baseUrl, screenshot, usePage } from './browser';

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** The pages this project adds to the panel are its own: their main region is checked whole. */
const PAGE = 'main';
const WORKFLOW_PANEL = '[data-testid="workflow-panel"]';
const WIDGET = '[data-testid="campaign-progress-widget"]';

describe('admin panel', () => {
  it('shows the demo town in French to the administrator', async () => {
    await adminLogin(page, 'admin@demo.local');
    await page.getByRole('link', { name: 'Médiathèque' }).first().waitFor();
    await page.getByRole('link', { name: 'Paramètres' }).first().waitFor();
    await page.goto(`${baseUrl()}/admin/content-manager/collection-types/api::service.service`);
    await page.getByText('Accueil / État civil').first().waitFor();
    await page.getByText('Chefs de service').first().waitFor(); // French column label
    await screenshot(page, '20-admin-services');
    await page.goto(`${baseUrl()}/admin/content-manager/collection-types/api::criterion.criterion`);
    await page.getByText('MAR-01').first().waitFor(); // sorted by code, as configured
    await page.getByText('Intitulé de l’engagement').first().waitFor();
    await screenshot(page, '21-admin-engagements');
  });

  it('limits the référentiel editor to the référentiel types', async () => {
    await adminLogin(page, 'referentiel@demo.local');
    await page.goto(`${baseUrl()}/admin/content-manager/collection-types/api::criterion.criterion`);
    await page.getByText('MAR-01').first().waitFor();
    await page.getByRole('link', { name: 'Référentiel', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Évaluation', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Campagne', exact: true }).count()).toBe(0);
    await screenshot(page, '22-admin-editeur-referentiel');
  });

  it('imports the sample workbook as the référentiel editor, after a preview', async () => {
    await adminLogin(page, 'referentiel@demo.local');
    await page.goto(`${baseUrl()}/admin/plugins/charte-admin/referentiel`);
    await page.getByRole('heading', { name: 'Importer un référentiel' }).first().waitFor();
    const workbook = path.join(repoRoot, 'database', 'referentiels', 'exemple-services-publics-plus.xlsx');
    await page.locator('input[type="file"]').setInputFiles(workbook);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByText('Le fichier est correct').waitFor();
    await page.getByText('SPP-01', { exact: true }).first().waitFor();
    await screenshot(page, '23-admin-import-apercu');
    expect(await accessibilityViolations(page, PAGE)).toEqual([]);
    await page.getByRole('button', { name: 'Appliquer l’import' }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Appliquer l’import' }).click();
    await page.getByText('Import terminé').waitFor({ timeout: 30000 });
    await screenshot(page, '24-admin-import-termine');
    expect(await accessibilityViolations(page, PAGE)).toEqual([]);
    await page.goto(`${baseUrl()}/admin/content-manager/collection-types/api::criterion.criterion?filters[$and][0][code][$startsWith]=SPP`);
    await page.getByText('SPP-01').first().waitFor();
    await page.getByText('SPP-05').first().waitFor();
  });

  it('shows the workflow panel, the history and read-only fields to the administrator', async () => {
    await adminLogin(page, 'admin@demo.local');
    // The campaign widget comes first on the homepage.
    await page.getByText('Avancement de la campagne en cours').first().waitFor();
    await page.getByText('Accueil / État civil').first().waitFor();
    await screenshot(page, '25-admin-widget');
    expect(await accessibilityViolations(page, WIDGET)).toEqual([]);

    await page.goto(`${baseUrl()}/admin/content-manager/collection-types/api::evaluation.evaluation?filters[$and][0][workflowState][$eq]=approved`);
    await page.getByText('Approuvé').first().waitFor(); // French badge, not « approved »
    await page.locator('tbody tr').first().click();
    const panel = page.getByTestId('workflow-state');
    await panel.waitFor();
    expect(await panel.innerText()).toBe('Approuvé');
    await page.getByText('Lecture seule').waitFor();
    await page.getByRole('list', { name: 'Historique du circuit de validation' }).getByText(/Approuver — /).waitFor();
    await page.locator('textarea[name="findings"][disabled]').waitFor();
    await screenshot(page, '26-admin-evaluation-approuvee');
    expect(await accessibilityViolations(page, WORKFLOW_PANEL)).toEqual([]);

    // A draft already positioned (one still « Non évalué » may not be submitted): the super admin
    // acts as référent qualité and may submit it; the fields then lock.
    await page.goto(
      `${baseUrl()}/admin/content-manager/collection-types/api::evaluation.evaluation?filters[$and][0][workflowState][$eq]=draft&filters[$and][1][result][$ne]=non-evalue`,
    );
    await page.getByText('Brouillon').first().waitFor();
    await page.locator('tbody tr').first().click();
    await page.getByTestId('workflow-state').getByText('Brouillon').waitFor();
    expect(await page.locator('textarea[name="findings"]').isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByTestId('workflow-state').getByText('Soumis').waitFor();
    await page.getByRole('list', { name: 'Historique du circuit de validation' }).getByText('Soumettre — Claire Dubois').waitFor();
    await page.locator('textarea[name="findings"][disabled]').waitFor();
    await screenshot(page, '27-admin-evaluation-soumise');
    expect(await accessibilityViolations(page, WORKFLOW_PANEL)).toEqual([]);
  });

  it('builds a new campaign pre-filled from the previous one, with its progress', async () => {
    await adminLogin(page, 'admin@demo.local');
    await page.goto(`${baseUrl()}/admin/plugins/charte-admin/nouvelle-campagne`);
    await page.getByLabel('Nom de la campagne').waitFor();
    expect(await accessibilityViolations(page, PAGE)).toEqual([]);
    await page.getByRole('combobox', { name: 'Référentiel' }).click();
    await page.getByRole('option', { name: /Qualivilles/ }).click();
    await page.getByLabel('Nom de la campagne').fill('Auto-évaluation 2027');
    await page.getByRole('combobox', { name: 'Type de campagne' }).click();
    await page.getByRole('option', { name: 'Auto-évaluation' }).click();
    await page.getByLabel('Pré-remplir à partir de la campagne précédente').check();
    await page.getByRole('button', { name: 'Créer la campagne' }).click();
    await page.getByText(/La campagne « Auto-évaluation 2027 » est créée avec .* pré-remplies à partir de « Diagnostic initial 2026 »/).waitFor({ timeout: 30000 });
    await screenshot(page, '28-admin-nouvelle-campagne');
    expect(await accessibilityViolations(page, PAGE)).toEqual([]);
    await page.getByRole('link', { name: 'Voir les fiches d’évaluation' }).click();
    await page.getByText('Auto-évaluation 2027').first().waitFor();
    // The list may first paint rows fetched before the filter applied: wait for the filtered rows.
    await page.waitForFunction(() => !document.querySelector('tbody')?.textContent?.includes('Diagnostic initial 2026'), undefined, { timeout: 15000 });
    expect(await page.locator('tbody').getByText('Diagnostic initial 2026').count()).toBe(0);
  });

  it('offers the reports and the mails pages, without an accessibility fault', async () => {
    await adminLogin(page, 'admin@demo.local');
    await page.goto(`${baseUrl()}/admin/plugins/charte-admin/rapports`);
    await page.getByRole('heading', { name: 'Rapports' }).first().waitFor();
    await page.getByRole('heading', { name: /Diagnostic initial 2026/ }).first().waitFor();
    await screenshot(page, '29-admin-rapports');
    expect(await accessibilityViolations(page, PAGE)).toEqual([]);
    await page.goto(`${baseUrl()}/admin/plugins/charte-admin/courriels`);
    await page.getByRole('tablist', { name: 'État des courriels' }).waitFor();
    await screenshot(page, '30-admin-courriels');
    expect(await accessibilityViolations(page, PAGE)).toEqual([]);
  });
});
