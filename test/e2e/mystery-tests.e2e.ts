import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, DESKTOP, loginAs, mainMenu, pageWidth, PHONE, screenshot, usePage } from './browser';

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
    await (await mainMenu(page)).getByRole('link', { name: 'Tests mystères' }).click();
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

describe('a validated result', () => {
  /** The documentId of a validated test, asked of the API with the logged-in page's own token. */
  const validatedTest = (service: string, channel: string, after: string) =>
    page.evaluate(
      async ([service, channel, after]) => {
        const query = `filters[service][slug][$eq]=${service}&filters[channel][$eq]=${channel}&filters[testedAt][$gte]=${after}&filters[workflowState][$eq]=validated&fields[0]=title`;
        const res = await fetch(`/api/mystery-tests?${query}`, { headers: { Authorization: `Bearer ${localStorage.getItem('charte.jwt')}` } });
        return ((await res.json()) as { data: { documentId: string }[] }).data[0].documentId;
      },
      [service, channel, after],
    );

  it('shows the head of the tested service the grid point by point, and turns a failed point into a roadmap action in one click, on a phone', async () => {
    await page.setViewportSize(PHONE);
    await loginAs(page, 'chef.scolaire@demo.local');
    const id = await validatedTest('scolaire-periscolaire', 'courriel', '2026-10-01');
    await page.goto(`${baseUrl()}/a-traiter/mystery-tests/${id}`);
    await page.getByRole('heading', { name: 'Résultat du test', level: 2 }).waitFor();
    const row = page.getByRole('row', { name: /Réponse sous 7 jours \(engagement de la charte\)/ });
    await row.getByText('Échoué').waitFor();
    expect(await row.getByText('13 jours calendaires (cible : 7 jours calendaires)').count()).toBe(1);
    expect(await page.getByRole('row', { name: /Réponse exacte et complète/ }).getByRole('button').count()).toBe(0);
    expect(await settled('résultat validé (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-result-phone');

    await row.getByRole('button', { name: 'Créer une action pour « Réponse sous 7 jours (engagement de la charte) »' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Action créée dans la feuille de route' });
    await notice.waitFor();
    await row.getByRole('link', { name: 'Test mystère : Réponse sous 7 jours (engagement de la charte)' }).waitFor();
    expect(await settled('action créée (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-result-action-phone');

    await notice.getByRole('link').click();
    await page.getByRole('heading', { name: 'Test mystère : Réponse sous 7 jours (engagement de la charte)', level: 1 }).waitFor();
    await page.getByText(/ce point n’a pas été satisfait/).first().waitFor();
    expect(await settled('action (téléphone)')).toEqual([]);
  });

  it('attaches a validated result to the evaluation of an engagement it observes, in one click, on a phone', async () => {
    await page.setViewportSize(PHONE);
    await loginAs(page, 'chef.scolaire@demo.local');
    const id = await validatedTest('scolaire-periscolaire', 'courriel', '2026-04-01');
    await page.goto(`${baseUrl()}/a-traiter/mystery-tests/${id}`);
    const section = page.getByRole('region', { name: 'Pièce pour l’évaluation' });
    const button = section.getByRole('button', { name: /^Joindre le test à l’évaluation de l’engagement QV-/ }).first();
    await button.waitFor();
    const code = (await button.getAttribute('aria-label'))!.replace(/^.* /, '');
    const card = section.getByRole('listitem').filter({ hasText: `${code} — ` });
    expect(await settled('pièce pour l’évaluation (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-evidence-phone');

    await button.click();
    await page.getByRole('status').filter({ hasText: `Test joint comme pièce à l’évaluation de l’engagement ${code}.` }).waitFor();
    const piece = card.getByRole('link', { name: /^test-mystere-courriel-2026-04-20-scolaire-periscolaire.*\.pdf$/ });
    await piece.waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    expect(await settled('test joint (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-evidence-attached-phone');

    // The evaluation lists it among its pieces.
    await card.getByRole('link', { name: new RegExp(`^${code} — `) }).click();
    await page.locator('main h1').first().waitFor();
    await page.getByText(/test-mystere-courriel-2026-04-20-scolaire-periscolaire/).first().waitFor();
    expect(await settled('évaluation avec la pièce (téléphone)')).toEqual([]);
  });

  it('offers no button to whoever may not create actions for the service (the DGS)', async () => {
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'dgs@demo.local');
    const id = await validatedTest('scolaire-periscolaire', 'courriel', '2026-10-01');
    await page.goto(`${baseUrl()}/a-traiter/mystery-tests/${id}`);
    await page.getByRole('heading', { name: 'Résultat du test', level: 2 }).waitFor();
    await page.getByRole('row', { name: /Accusé de réception/ }).getByText('Échoué').waitFor();
    expect(await page.getByRole('button', { name: /^Créer une action/ }).count()).toBe(0);
    expect(await settled('résultat validé (DGS)')).toEqual([]);
    await screenshot(page, 'mystery-result-desktop');
    // The service's page has the wave's figures of that service only.
    await page.goto(`${baseUrl()}/services/scolaire-periscolaire`);
    const section = page.getByRole('region', { name: 'Tests mystères' });
    await section.getByRole('heading', { name: 'Scolaire / Périscolaire — Courriel', level: 3 }).waitFor();
    expect(await section.getByRole('heading', { name: /^Accueil/, level: 3 }).count()).toBe(0);
    expect(await settled('page du service')).toEqual([]);
    await section.screenshot({ path: 'test/artifacts/screenshots/mystery-service-page.png' });
  });

  it('shows the référent qualité the latest wave per channel on the dashboard', async () => {
    await page.setViewportSize(PHONE);
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/`);
    const panel = page.getByRole('region', { name: 'Tests mystères' });
    await panel.getByRole('rowheader', { name: 'Courriel' }).waitFor();
    expect(await panel.getByText(/^« Tests mystères — automne 2026 », résultats validés, comparés à « Tests mystères — printemps 2026 »/).count()).toBe(1);
    expect(await settled('tableau de bord (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-dashboard-phone');
    await panel.getByRole('link', { name: /Voir le détail/ }).click();
    await page.getByRole('heading', { name: 'Tests mystères', level: 1 }).waitFor();
  });

  it('shows a head their own service on the dashboard', async () => {
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'chef.scolaire@demo.local');
    await page.goto(`${baseUrl()}/`);
    await page.getByRole('region', { name: 'Tests mystères' }).getByRole('rowheader', { name: 'Scolaire / Périscolaire' }).waitFor();
    expect(await page.getByRole('region', { name: 'Tests mystères' }).getByRole('rowheader', { name: /^Accueil/ }).count()).toBe(0);
    expect(await settled('tableau de bord (chef de service)')).toEqual([]);
    await screenshot(page, 'mystery-dashboard-head-desktop');
  });

  it('downloads the wave’s figures as .xlsx from the « Tests mystères » page', async () => {
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/tests-mysteres`);
    const button = page.getByRole('button', { name: 'Télécharger les chiffres (.xlsx)' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('tests-mysteres-2026-10-05.xlsx');
    expect(await settled('chiffres')).toEqual([]);
  });
});

describe('planning a wave', () => {
  it('lets the référent qualité create a wave and plan tests with testers from other services, on a desktop then a phone', async () => {
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/tests-mysteres`);
    await page.getByRole('link', { name: 'Planifier les vagues de tests' }).click();
    await page.getByRole('heading', { name: 'Vagues de tests mystères', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Tests mystères — automne 2026' }).waitFor();
    expect(await settled('vagues')).toEqual([]);
    await screenshot(page, 'mystery-waves-desktop');

    const form = page.getByRole('form', { name: 'Nouvelle vague' });
    await form.getByLabel('Nom de la vague').fill('Tests mystères — printemps 2027');
    await form.getByLabel('Début').fill('2027-03-01');
    await form.getByLabel('Fin').fill('2027-04-30');
    await form.getByRole('button', { name: 'Créer la vague' }).click();
    await page.getByRole('heading', { name: 'Tests mystères — printemps 2027', level: 1 }).waitFor();
    await page.getByText('Aucun test planifié dans cette vague pour le moment.').waitFor();

    const plan = page.getByRole('form', { name: 'Planifier des tests' });
    await plan.getByLabel('Service testé').selectOption({ label: 'Accueil / État civil' });
    // The accueil agent is not offered to test her own service.
    await plan.getByRole('checkbox', { name: /Sophie Lefèvre/ }).waitFor();
    expect(await plan.getByRole('checkbox', { name: /Julie Moreau/ }).count()).toBe(0);
    await plan.getByLabel('Canal du test').selectOption({ label: 'Courrier' });
    await plan.getByLabel('Nombre de tests').fill('3');
    await plan.getByRole('checkbox', { name: /Sophie Lefèvre/ }).check();
    await plan.getByRole('checkbox', { name: /Nadia Rousseau/ }).check();
    await plan.getByLabel('Scénario').fill('Écrire pour demander un acte de naissance pour un parent.');
    expect(await plan.getByLabel('À faire à partir du').inputValue()).toBe('2027-03-01');
    await plan.getByRole('button', { name: 'Planifier les tests' }).click();
    await page.getByRole('status').filter({ hasText: '3 tests planifiés. Testeurs : Sophie Lefèvre, Nadia Rousseau.' }).waitFor();
    const row = page.getByRole('row', { name: /^Accueil \/ État civil — Courrier/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['3', '0', '0', 'Nadia Rousseau, Sophie Lefèvre']);
    expect(await settled('vague planifiée')).toEqual([]);
    await screenshot(page, 'mystery-wave-plan-desktop');

    // A test planned too many: cancelled in two steps, it leaves the wave.
    const upcoming = page.getByRole('region', { name: 'Tests à réaliser' });
    expect(await upcoming.getByRole('listitem').count()).toBe(3);
    await upcoming.getByRole('button', { name: /^Annuler ce test : Courrier — Accueil \/ État civil, Nadia Rousseau/ }).click();
    await upcoming.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();
    expect(await upcoming.getByRole('listitem').count()).toBe(2);

    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('row', { name: /^Accueil \/ État civil — Courrier/ }).waitFor();
    expect(await settled('vague planifiée (téléphone)')).toEqual([]);
    await screenshot(page, 'mystery-wave-plan-phone');
  });
});
