import { accessibilityViolations, baseUrl, DESKTOP, loginAs, logout, pageWidth, PHONE, screenshot, usePage } from './browser';

/**
 * Services Publics + « à votre écoute » in the browser: an agent answers the agent survey from the
 * dashboard, the référent reads its anonymised results beside the users', writes and approves a
 * public reply to a complaint, and a citizen reads « Vous nous l’avez dit, nous l’avons fait ».
 */
describe('listening to users and agents', () => {
  const currentPage = usePage();

  it('an agent answers the agent survey from the dashboard, on a phone', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await loginAs(page, 'agent.accueil@demo.local');
    await page.getByRole('link', { name: 'Répondre à l’enquête' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enquête agents 2026 — l’accueil vu par les agents' }).waitFor();
    await page.getByText(/^Votre réponse est anonyme : elle est enregistrée sans votre nom/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'enquete-agents-390');
    // Sent without the required answers: the summary names them.
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByRole('alert').getByText('2 questions sont à compléter').waitFor();
    await page.getByRole('group', { name: /Globalement, êtes-vous satisfait/ }).getByLabel('Satisfait', { exact: true }).check();
    await page.getByRole('group', { name: /Disposez-vous des outils/ }).getByLabel('Oui').check();
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByRole('heading', { name: 'Merci ! Votre réponse a été enregistrée, sans votre nom.' }).waitFor();
    await page.goto(`${baseUrl()}/enquete-agents`);
    await page.getByText('Vous avez répondu. Merci !').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${baseUrl()}/`);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(await page.getByRole('link', { name: 'Répondre à l’enquête' }).count()).toBe(0);
    await logout(page);
  });

  it('the référent reads the agents’ results beside the users’, small groups hidden', async () => {
    const page = currentPage();
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/enquetes/resultats`);
    await page.getByRole('link', { name: 'Enquête agents 2026 — l’accueil vu par les agents', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Résultats — Enquête agents 2026/ }).waitFor();
    await page.getByText('pas assez de réponses pour préserver l’anonymat').first().waitFor();
    await page.getByRole('table', { name: /Agents et usagers, sur les questions communes/ }).waitFor();
    await page.getByTestId('survey-net').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'enquete-agents-resultats-1280');
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'enquete-agents-resultats-390');
  });

  it('the référent publishes a reply to a complaint, and the citizen reads it', async () => {
    const page = currentPage();
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/reclamations`);
    await page.getByLabel('Afficher').selectOption('all');
    await page.getByRole('link', { name: /Réponse publique à la demande/ }).first().waitFor();
    const row = page.getByRole('row', { name: /Critères d’attribution des places en crèche/ });
    await row.getByRole('link', { name: /Réponse publique/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Réponse publique' }).waitFor();
    await page.getByText('Demande reçue (privée, jamais publiée)').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'reponse-publique-1280');
    // A name slips in: refused in French, nothing saved.
    await page.getByLabel(/^Ce que vous nous avez dit/).fill('M. Blanc ne comprenait pas le refus d’une place en crèche.');
    await page.getByLabel(/^Notre réponse/).fill('Les critères de la commission d’attribution sont désormais publiés sur le site, avec le rang sur la liste d’attente.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('alert').getByText(/contient le nom de la personne/).waitFor();
    await page.getByLabel(/^Ce que vous nous avez dit/).fill('Les critères d’attribution des places en crèche ne sont pas expliqués.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Les critères d’attribution des places en crèche ne sont pas expliqués.' }).waitFor();
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.getByText('Approuvé', { exact: true }).first().waitFor();
    await logout(page);

    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`${baseUrl()}/resultats`);
      await page.getByRole('link', { name: 'Vous nous l’avez dit, nous l’avons fait' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vous nous l’avez dit, nous l’avons fait' }).waitFor();
      await page.getByText('Les critères de la commission d’attribution sont désormais publiés sur le site').waitFor();
      await page.getByRole('heading', { level: 3, name: /^QV-07 — / }).waitFor();
      expect(await page.getByText('Blanc').count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `vous-nous-avez-dit-${viewport.width}`);
    }
  });
});
