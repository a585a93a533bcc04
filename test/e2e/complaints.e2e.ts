import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, loginAs, screenshot, usePage } from './browser';

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

describe('complaints register', () => {
  it('takes a citizen’s complaint without login, then shows it to the référent qualité in the register', async () => {
    await page.goto(`${baseUrl()}/reclamation`);
    await page.getByRole('heading', { name: 'Réclamation ou suggestion' }).waitFor();
    // Errors are announced beside their field and tied to it.
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    const subject = page.getByLabel('Objet *');
    await page.getByText('L’objet est obligatoire').waitFor();
    expect(await subject.getAttribute('aria-describedby')).toContain('plainte-subject-erreur');
    expect(await accessibilityViolations(page)).toEqual([]);

    const title = `Bruit dans la salle d’attente ${Date.now()}`;
    await page.getByLabel('Une réclamation').check();
    await subject.fill(title);
    await page.getByLabel('Votre message *').fill('Les annonces sonores couvrent les conversations au guichet.');
    await page.getByLabel('Votre adresse électronique').fill('citoyen.e2e@exemple.fr');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    const receipt = page.getByRole('status').filter({ hasText: 'Numéro de suivi' });
    await receipt.waitFor();
    const reference = /REC-\d{4}-\d+/.exec(await receipt.innerText())![0];
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '30-reclamation-publique');

    await loginAs(page, 'qualite@demo.local');
    await page.getByRole('link', { name: 'Réclamations' }).click();
    await page.getByRole('heading', { name: 'Réclamations et suggestions' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    expect(await row.innerText()).toContain(title);
    expect(await row.innerText()).toContain('À attribuer');
    // The demo's overdue complaint is flagged.
    await page.getByText(/En retard de \d+ jours?/).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '31-registre-reclamations');
  });
});
