import { accessibilityViolations, baseUrl, loginAs, logout, screenshot, usePage } from './browser';

const currentPage = usePage();

describe('indicators and published results', () => {
  it('lets an agent enter a measure, the head validate it, and shows it with its trend chart', async () => {
    const page = currentPage();
    await loginAs(page, 'agent.accueil@demo.local');
    await page.getByRole('link', { name: 'Indicateurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicateurs' }).waitFor();
    await page.getByLabel('Indicateur', { exact: true }).selectOption({ label: 'QV-17-I1 — Délai maximal de première réponse écrite aux courriers et courriels (réponse ou accusé de réception)' });
    await page.getByLabel(/^Valeur/).fill('12');
    await page.getByRole('button', { name: 'Enregistrer la mesure' }).click();
    await page.getByRole('heading', { level: 1, name: /^Mesure QV-17-I1/ }).waitFor();
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByText('Nouvel état : Soumis').waitFor();
    const url = page.url();
    await logout(page);

    await loginAs(page, 'chef.accueil@demo.local');
    await page.goto(url);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Nouvel état : Validé').waitFor();

    await page.goto(`${baseUrl()}/indicateurs`);
    const panel = page.getByRole('region', { name: /^QV-17-I1/ });
    await panel.getByRole('row', { name: /Accueil \/ État civil .* 12 j .*Objectif atteint/ }).waitFor();
    await panel.getByRole('button', { name: 'Voir l’évolution' }).click();
    await panel.locator('canvas').waitFor();
    await panel.getByRole('table', { name: /valeurs validées par période/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'indicateurs');
  });

  it('publishes dated results to anyone, without an account', async () => {
    const page = currentPage();
    await page.goto(`${baseUrl()}/resultats`);
    await page.getByRole('heading', { level: 1, name: 'Nos résultats' }).waitFor();
    await page.getByText(/^Résultats publiés le \d{1,2}(er)? \S+ \d{4}$/).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Vos réclamations et suggestions' }).waitFor();
    expect(await page.getByText(/ont reçu une réponse dans le délai de \d+ jours/).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'resultats');
  });
});
