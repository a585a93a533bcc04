import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../database/paths';
import { adminLogin as logIntoPanel, baseUrl, DESKTOP, loginAs, logout, mainMenu, PHONE, usePage } from './browser';

/**
 * The pictures of the user guide (docs/guide/), taken on the demo town as each role sees it. Each
 * page is checked before it is taken (its title, the buttons the guide describes), so a page that
 * changed fails here rather than leaving a stale picture in the guide. Whatever a scenario moves
 * (a sheet sent back, a charter principle submitted) it moves back, for the other scenarios.
 */
// UPDATE_GUIDE=1 npm run test:e2e writes them into the guide; otherwise into test/artifacts/, so
// that a test run leaves the checkout as it was (Chromium's rendering varies a little between runs).
const IMAGES = process.env.UPDATE_GUIDE === '1' ? path.join(repoRoot, 'docs', 'guide', 'images') : path.join(repoRoot, 'test', 'artifacts', 'guide');

const currentPage = usePage();
let page: Page;
beforeAll(() => fs.mkdirSync(IMAGES, { recursive: true }));
beforeEach(() => {
  page = currentPage();
});

/** What the screen shows (not the whole scrolled page), as the guide's reader sees it. */
async function shoot(name: string, options: { fullPage?: boolean } = {}) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(IMAGES, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** The page's title is exactly `name` (the heading the guide names). */
async function expectTitle(name: string | RegExp) {
  const title = page.getByRole('heading', { level: 1, name });
  await title.waitFor();
  if (typeof name === 'string') expect((await title.innerText()).trim()).toBe(name);
}

/** The demo's running campaign on the dashboard, whatever campaign another scenario created since. */
async function showDemoCampaign() {
  const name = 'Diagnostic initial 2026';
  const option = page.getByLabel('Campagne').locator('option', { hasText: name }).first();
  await option.waitFor({ state: 'attached' });
  await page.getByLabel('Campagne').selectOption((await option.getAttribute('value'))!);
  await page.locator('p.lead', { hasText: name }).waitFor();
  // The campaign's own progress, not the one on screen before the choice: its cards are back.
  await page.locator('article.card').first().waitFor();
}

/** Opens the first line of « À traiter » of this type in this state, and returns the sheet's address. */
async function openFromInbox(type: string, state: string): Promise<string> {
  await (await mainMenu(page)).getByRole('link', { name: 'À traiter', exact: true }).click();
  await expectTitle('À traiter');
  const row = page.locator('li.inbox-item').filter({ has: page.locator('.inbox-meta').getByText(type, { exact: true }) }).filter({ hasText: state }).first();
  await row.getByRole('link').click();
  await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
  return page.url();
}

async function adminLogin(email: string) {
  await logIntoPanel(page, email);
  // Strapi's own announcement banner would sit on top of every picture.
  const close = page.getByRole('button', { name: 'Fermer le bandeau.' });
  if (await close.isVisible()) await close.click();
}

describe('user guide pictures (docs/guide/images)', () => {
  it('login page', async () => {
    await page.goto(`${baseUrl()}/connexion`);
    await expectTitle('Connexion');
    await page.getByLabel('Adresse électronique').waitFor();
    await page.getByLabel('Mot de passe').waitFor();
    await shoot('connexion');
  });

  it('agent: dashboard, « À traiter », a draft to fill in, a measure, a complaint, and the same on a phone', async () => {
    await loginAs(page, 'agent.accueil@demo.local');
    await showDemoCampaign();
    await expectTitle('Tableau de bord');
    // An agent sees the card of their own service only.
    expect(await page.locator('article.card').count()).toBe(1);
    await page.getByRole('heading', { level: 2, name: 'Accueil / État civil' }).waitFor();
    await shoot('agent-tableau-de-bord');

    await page.getByRole('link', { name: 'À traiter', exact: true }).click();
    await expectTitle('À traiter');
    await page.getByRole('heading', { level: 2, name: /^Mes brouillons \(\d+\)$/ }).waitFor();
    await shoot('agent-a-traiter');

    await openFromInbox('Évaluation', 'Brouillon');
    await page.getByRole('heading', { level: 2, name: 'Modifier le brouillon' }).waitFor();
    await page.getByLabel('Résultat').waitFor();
    await page.getByLabel(/Ajouter des fichiers/).waitFor();
    await page.getByRole('button', { name: 'Soumettre' }).waitFor();
    await shoot('agent-fiche-brouillon', { fullPage: true });

    await page.getByRole('link', { name: 'Indicateurs', exact: true }).click();
    await expectTitle('Indicateurs');
    await page.getByRole('heading', { level: 2, name: 'Saisir une mesure' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer la mesure' }).waitFor();
    await shoot('agent-saisir-une-mesure');

    await page.getByRole('link', { name: 'Réclamations', exact: true }).click();
    await expectTitle('Réclamations et suggestions');
    await page.getByText(/^REC-\d{4}-\d+$/).first().waitFor();
    await page.getByRole('button', { name: /^Enregistrer une demande reçue/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Enregistrer une demande reçue' }).waitFor();
    await page.getByLabel('Canal de réception', { exact: true }).waitFor();
    await shoot('agent-enregistrer-une-reclamation');
    await page.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('link', { name: 'Enquêtes de satisfaction', exact: true }).click();
    await expectTitle('Enquêtes de satisfaction');
    await page.getByRole('link', { name: 'Saisir un questionnaire papier pour « Enquête de satisfaction 2026 — l’accueil en mairie »' }).click();
    await expectTitle('Saisir un questionnaire papier — Enquête de satisfaction 2026 — l’accueil en mairie');
    await page.getByRole('button', { name: 'Enregistrer ce questionnaire' }).waitFor();
    await shoot('agent-saisie-questionnaire-papier');

    await page.setViewportSize(PHONE);
    await (await mainMenu(page)).getByRole('link', { name: 'À traiter', exact: true }).click();
    await expectTitle('À traiter');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await shoot('agent-telephone-a-traiter');
    await openFromInbox('Évaluation', 'Brouillon');
    await page.getByRole('heading', { level: 2, name: 'Modifier le brouillon' }).waitFor();
    await shoot('agent-telephone-fiche');
    await page.setViewportSize(DESKTOP);
  });

  it('chef de service: validate or send back, then the agent takes the sheet up again and submits it', async () => {
    await loginAs(page, 'chef.accueil@demo.local');
    await page.getByRole('link', { name: 'À traiter', exact: true }).click();
    await expectTitle('À traiter');
    await page.getByRole('heading', { level: 2, name: /^À valider \(\d+\)$/ }).waitFor();
    await shoot('chef-a-traiter');

    const sheet = await openFromInbox('Évaluation', 'Soumis');
    const title = (await page.locator('h1').innerText()).trim();
    await page.getByRole('button', { name: 'Valider' }).waitFor();
    await page.getByRole('button', { name: 'Renvoyer' }).waitFor();
    await shoot('chef-fiche-a-valider');

    const comment = 'Merci de préciser les constats : quels registres avez-vous consultés ?';
    await page.getByRole('button', { name: 'Renvoyer' }).click();
    await page.getByLabel(/Commentaire pour « Renvoyer » \(obligatoire\)/).fill(comment);
    await shoot('chef-renvoyer');
    await page.getByRole('button', { name: 'Confirmer : Renvoyer' }).click();
    await page.getByText('Renvoyer : c’est fait. Nouvel état : Brouillon.').waitFor();

    await page.goto(`${baseUrl()}/services/accueil-etat-civil`);
    await expectTitle('Accueil / État civil');
    await page.getByRole('img', { name: /Taux de conformité par thème/ }).waitFor();
    await page.getByRole('button', { name: 'Télécharger le rapport (PDF)' }).waitFor();
    await shoot('chef-page-service');
    await logout(page);

    // The agent finds the comment in the sheet's history, and submits the sheet again.
    await loginAs(page, 'agent.accueil@demo.local');
    await page.goto(sheet);
    await expectTitle(title);
    await page.getByRole('heading', { level: 2, name: 'Modifier le brouillon' }).waitFor();
    await page.getByText(comment).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).scrollIntoViewIfNeeded();
    await shoot('agent-fiche-renvoyee');
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByText('Soumettre : c’est fait. Nouvel état : Soumis.').waitFor();
  });

  it('référent qualité: every service, the complaints to assign, the roadmap, the survey results', async () => {
    await loginAs(page, 'qualite@demo.local');
    await showDemoCampaign();
    await expectTitle('Tableau de bord');
    expect(await page.locator('article.card').count()).toBe(4);
    await page.getByRole('button', { name: 'Télécharger la synthèse (PDF)' }).waitFor();
    await shoot('referent-tableau-de-bord');

    await page.getByRole('link', { name: 'Réclamations', exact: true }).click();
    await expectTitle('Réclamations et suggestions');
    // The demo's complaint from the online form has no service yet.
    const online = page.locator('tbody tr', { hasText: 'Horaires d’ouverture le samedi' }).filter({ hasText: /REC-\d{4}-\d+/ });
    await online.waitFor();
    expect(await online.innerText()).toContain('À attribuer');
    await shoot('referent-reclamations');
    await online.getByRole('button', { name: /Mettre à jour/ }).click();
    await page.getByRole('heading', { level: 2, name: /^Suivi de la demande/ }).waitFor();
    await page.getByLabel('Service concerné').waitFor();
    await page.getByText('Reçue par le formulaire en ligne').scrollIntoViewIfNeeded();
    await shoot('referent-attribuer-une-reclamation');
    await page.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('link', { name: 'Feuille de route', exact: true }).click();
    await expectTitle('Feuille de route');
    await page.getByLabel('chronologie').click();
    await page.waitForURL(/vue=chronologie/);
    await page.locator('li.timeline-row').first().waitFor();
    expect(await page.getByText('En retard', { exact: true }).count()).toBeGreaterThan(0);
    await shoot('feuille-de-route-chronologie');

    await page.getByRole('link', { name: 'Enquêtes de satisfaction', exact: true }).click();
    await expectTitle('Enquêtes de satisfaction');
    await page.getByRole('link', { name: 'Enquête de satisfaction 2026 — l’accueil en mairie', exact: true }).click();
    await expectTitle('Résultats — Enquête de satisfaction 2026 — l’accueil en mairie');
    await page.getByText(/satisfaits/).first().waitFor();
    await shoot('referent-resultats-enquete');

    await page.getByRole('link', { name: 'Enquêtes de satisfaction', exact: true }).first().click();
    await expectTitle('Enquêtes de satisfaction');
    await page.getByRole('link', { name: 'Modifier « Enquête de satisfaction 2026 — l’accueil en mairie »' }).click();
    await expectTitle('Modifier l’enquête — Enquête de satisfaction 2026 — l’accueil en mairie');
    await page.getByRole('button', { name: 'Ajouter une question' }).waitFor();
    await shoot('referent-editeur-enquete');
  });

  it('DGS: approve, the charter principle the référent qualité submitted, the change log', async () => {
    // The référent qualité submits the third principle of the demo charter from « À traiter ».
    await loginAs(page, 'qualite@demo.local');
    await page.getByRole('link', { name: 'À traiter', exact: true }).click();
    // The référent qualité may submit every service's drafts: the principles are found by their type.
    await page.getByLabel('Type de document').selectOption('charter-principles');
    await page.getByRole('link', { name: 'Votre avis nous fait progresser' }).click();
    await expectTitle('Votre avis nous fait progresser');
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByText('Soumettre : c’est fait. Nouvel état : Soumis.').waitFor();
    const principle = page.url();
    await logout(page);

    await loginAs(page, 'dgs@demo.local');
    await page.getByRole('link', { name: 'À traiter', exact: true }).click();
    await expectTitle('À traiter');
    await page.getByRole('heading', { level: 2, name: /^À approuver \(\d+\)$/ }).waitFor();
    await shoot('dgs-a-traiter');

    await openFromInbox('Évaluation', 'Validé');
    await page.getByRole('button', { name: 'Approuver' }).waitFor();
    await page.getByRole('button', { name: 'Renvoyer' }).waitFor();
    await shoot('dgs-fiche-a-approuver');

    await page.goto(principle);
    await expectTitle('Votre avis nous fait progresser');
    // A principle is approved with the whole charter (« Gérer la charte »), not on its own.
    await page.getByRole('link', { name: 'Approuver la charte' }).waitFor();
    await page.getByText('Engagement mesurable').waitFor();
    await shoot('dgs-principe-a-approuver');
    await page.getByRole('link', { name: 'Approuver la charte' }).click();
    await expectTitle('Gérer la charte');
    await page.getByRole('heading', { name: 'À approuver (1 principe soumis)' }).waitFor();
    await page.getByRole('button', { name: 'Approuver la charte' }).waitFor();
    await shoot('dgs-approuver-la-charte', { fullPage: true });
    await page.goto(principle);
    await expectTitle('Votre avis nous fait progresser');
    // Sent back rather than approved: the public charter stays as the other scenarios expect it.
    await page.getByRole('button', { name: 'Renvoyer' }).click();
    await page.getByLabel(/Commentaire pour « Renvoyer »/).fill('Retour à l’état de démonstration.');
    await page.getByRole('button', { name: 'Confirmer : Renvoyer' }).click();
    await page.getByText('Renvoyer : c’est fait. Nouvel état : Brouillon.').waitFor();

    await page.getByRole('link', { name: 'Journal des modifications', exact: true }).click();
    await expectTitle('Journal des modifications');
    await page.getByText('Retour à l’état de démonstration.').first().waitFor();
    await shoot('dgs-journal');
  });

  it('administrator: the panel, a new campaign, a référentiel import, the validation circuit of a charter principle, the accounts', async () => {
    await adminLogin('admin@demo.local');
    await page.getByText('Avancement de la campagne en cours').first().waitFor();
    await page.getByRole('link', { name: 'Nouvelle campagne' }).first().waitFor();
    await shoot('admin-accueil');

    await page.goto(`${baseUrl()}/admin/plugins/charte-admin/nouvelle-campagne`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle campagne' }).waitFor();
    await page.getByLabel('Nom de la campagne').waitFor();
    await page.getByRole('button', { name: 'Créer la campagne' }).waitFor();
    await shoot('admin-nouvelle-campagne');

    await page.goto(`${baseUrl()}/admin/plugins/charte-admin/referentiel`);
    await page.getByRole('heading', { level: 1, name: 'Importer un référentiel' }).waitFor();
    await page.getByRole('button', { name: 'Prévisualiser' }).waitFor();
    await shoot('admin-importer-un-referentiel');

    await page.goto(`${baseUrl()}/admin/content-manager/collection-types/api::charter-principle.charter-principle`);
    await page.getByText('Un accueil courtois et attentif').first().click();
    await page.getByRole('heading', { level: 1, name: 'Un accueil courtois et attentif' }).waitFor();
    expect(await page.getByTestId('workflow-state').innerText()).toBe('Brouillon');
    await page.getByRole('button', { name: 'Soumettre' }).waitFor();
    await shoot('admin-principe-de-la-charte');

    await page.goto(`${baseUrl()}/admin/content-manager/collection-types/plugin::users-permissions.user`);
    await page.getByText('agent.accueil@demo.local').first().waitFor();
    await shoot('admin-comptes');
  });
});
