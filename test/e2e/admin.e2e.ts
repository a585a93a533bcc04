import type { Page } from 'playwright-core';
import { baseUrl, PASSWORD, screenshot, usePage } from './browser';

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

async function adminLogin(p: Page, email: string) {
  await p.goto(`${baseUrl()}/admin/auth/login`);
  await p.locator('input[name="email"]').fill(email);
  await p.locator('input[name="password"]').fill(PASSWORD);
  await p.locator('button[type="submit"]').click();
  // The panel speaks French from the first page: « Bonjour Claire ».
  await p.getByRole('heading', { name: /^Bonjour / }).waitFor();
}

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
});
