import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, DESKTOP, loginAs, logout, PHONE, screenshot, usePage } from './browser';

const currentPage = usePage();

/** axe and a picture at the desktop width and on a phone, where nothing scrolls sideways. */
async function checkBothSizes(page: Page, name: string) {
  const found: string[] = [];
  for (const [size, viewport] of [['1280', DESKTOP], ['390', PHONE]] as const) {
    await page.setViewportSize(viewport);
    found.push(...(await accessibilityViolations(page)).map((v) => `${size} px : ${v}`));
    if (size === '390') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, `${name}-${size}`);
  }
  await page.setViewportSize(DESKTOP);
  expect(found).toEqual([]);
}

/** The text of the focused element. */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
const SURVEY = 'Enquête de satisfaction 2026 — l’accueil en mairie';

/** The label of the focused control (radio, select, text area, button). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (!element) return '';
    return (element.labels?.[0]?.textContent ?? element.textContent ?? '').trim();
  });

/** Presses Tab until the focused control's label starts with `label` (keyboard only). */
async function tabTo(page: Page, label: string) {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).startsWith(label)) return;
  }
  throw new Error(`« ${label} » jamais atteint au clavier (dernier : « ${await focused(page)} »)`);
}

async function responsesShown(page: Page): Promise<number> {
  await page.goto(`${baseUrl()}/enquetes/resultats`);
  await page.getByRole('link', { name: SURVEY, exact: true }).click();
  const count = page.getByTestId('survey-responses');
  await count.waitFor();
  return Number(await count.innerText());
}

describe('satisfaction survey', () => {
  it('is answered anonymously with the keyboard only, and the results page counts the answer', async () => {
    const page = currentPage();
    await loginAs(page, 'qualite@demo.local');
    const before = await responsesShown(page);
    expect(before).toBeGreaterThanOrEqual(30);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();

    await page.goto(`${baseUrl()}/enquetes`);
    await page.getByRole('link', { name: SURVEY }).click();
    await page.getByRole('heading', { level: 1, name: SURVEY }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Sending with nothing answered: the error summary takes the focus and names the questions.
    await tabTo(page, 'Envoyer mes réponses');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('4 questions sont à compléter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);

    await tabTo(page, 'Service concerné');
    await page.keyboard.press('ArrowDown'); // first service of the list
    await tabTo(page, 'Très satisfait'); // question 1 (the standard SP+ question): the radio group is entered on its first answer
    await page.keyboard.press('Space');
    await tabTo(page, 'Très satisfait'); // question 2
    await page.keyboard.press('Space');
    await tabTo(page, 'Très satisfait'); // question 3
    await page.keyboard.press('ArrowDown'); // arrows move and select within the group: « Satisfait »
    await tabTo(page, 'Oui'); // question 5 (question 4 is optional: Tab goes through it to its first answer)
    await page.keyboard.press('Space');
    await tabTo(page, '7. Une remarque');
    await page.keyboard.type('Très bon accueil, merci.');
    await screenshot(page, 'enquete-publique');
    await tabTo(page, 'Envoyer mes réponses');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Merci ! Votre réponse a bien été enregistrée.' }).waitFor();

    await loginAs(page, 'qualite@demo.local');
    expect(await responsesShown(page)).toBe(before + 1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'enquete-resultats');
  });

  it('is designed in a form by the référent, typed in from paper by an agent, and its free-text answers read by source', async () => {
    const page = currentPage();
    const title = `Enquête de l’éditeur ${Date.now().toString(36)}`;
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/enquetes/resultats`);
    await page.getByRole('link', { name: 'Nouvelle enquête' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle enquête' }).waitFor();
    await page.getByLabel('Titre de l’enquête').fill(title);
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Accueil / État civil' });
    await page.getByLabel(/^Ouverture/).fill(new Date().toISOString().slice(0, 10));
    const card = (n: number) => page.getByRole('group', { name: new RegExp(`^Question ${n} sur \\d+$`) });
    await card(1).getByLabel('Intitulé de la question').fill('Êtes-vous satisfait de l’accueil ?');
    await card(1).getByLabel('Réponse obligatoire').check();
    await page.getByRole('button', { name: 'Ajouter une question' }).click();
    await card(2).getByLabel('Intitulé de la question').fill('Une remarque ?');
    await card(2).getByLabel('Type de réponse').selectOption({ label: 'Réponse libre' });
    await page.getByRole('button', { name: 'Ajouter une question' }).click();
    await card(3).getByLabel('Intitulé de la question').fill('Comment nous avez-vous contactés ?');
    await card(3).getByLabel('Type de réponse').selectOption({ label: 'Choix dans une liste' });
    await card(3).getByLabel(/Choix proposés/).fill('Guichet\nTéléphone\nCourriel');
    // Reordering with the keyboard: « Monter » twice on the third question; the focus follows it.
    await card(3).getByRole('button', { name: 'Monter la question 3' }).focus();
    await page.keyboard.press('Enter');
    expect(await focusedText(page)).toBe('Monter la question 2');
    await page.keyboard.press('Enter');
    expect(await focusedText(page)).toBe('Descendre la question 1');
    expect(await card(1).getByLabel('Intitulé de la question').inputValue()).toBe('Comment nous avez-vous contactés ?');
    await checkBothSizes(page, 'enquete-editeur');
    await page.getByRole('button', { name: 'Créer l’enquête' }).click();
    await page.getByText('Enquête créée.').waitFor();
    const documentId = page.url().split('/').pop()!;

    // An agent of « Accueil » types in a paper questionnaire.
    await logout(page);
    await loginAs(page, 'agent.accueil@demo.local');
    await page.goto(`${baseUrl()}/enquetes/resultats`);
    await page.getByRole('link', { name: `Saisir un questionnaire papier pour « ${title} »` }).click();
    await page.getByRole('heading', { level: 1, name: `Saisir un questionnaire papier — ${title}` }).waitFor();
    await page.getByLabel('Téléphone').check();
    await page.getByLabel('Peu satisfait').check();
    await page.getByLabel(/Une remarque/).fill('Attente trop longue au guichet du samedi.');
    await checkBothSizes(page, 'enquete-saisie-papier');
    await page.getByRole('button', { name: 'Enregistrer ce questionnaire' }).click();
    await page.getByText('Questionnaire papier enregistré.', { exact: false }).waitFor();

    // One online answer too, then the référent reads both, by source.
    await logout(page);
    await page.goto(`${baseUrl()}/enquete/${documentId}`);
    await page.getByLabel('Très satisfait').check();
    await page.getByLabel(/Une remarque/).fill('Personnel très aimable, merci.');
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByRole('heading', { name: 'Merci ! Votre réponse a bien été enregistrée.' }).waitFor();
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/enquetes/resultats/${documentId}`);
    expect(await page.getByTestId('survey-sources').innerText()).toBe('1 en ligne, 1 papier');
    const texts = page.getByRole('region', { name: 'Une remarque ?' });
    await texts.getByText('Personnel très aimable, merci.').waitFor();
    await texts.getByText('Attente trop longue au guichet du samedi.').waitFor();
    await checkBothSizes(page, 'enquete-resultats-textes');
    await texts.getByLabel('Source').selectOption({ label: 'Papier' });
    await texts.getByText('1 réponse correspondant à ces critères.').waitFor();
    expect(await texts.getByText('Personnel très aimable, merci.').count()).toBe(0);
    await texts.getByLabel('Source').selectOption({ label: 'Toutes les sources' });
    await texts.getByLabel('Rechercher dans les réponses').fill('aimable');
    await texts.getByRole('button', { name: 'Rechercher' }).click();
    await texts.getByText('1 réponse correspondant à ces critères.').waitFor();
    await texts.getByText('Personnel très aimable, merci.').waitFor();

    // Now answered: the editor says what may no longer change, and refuses removing a question.
    await page.goto(`${baseUrl()}/enquetes/modifier/${documentId}`);
    await page.getByText('Cette enquête a déjà 2 réponses.', { exact: false }).waitFor();
    expect(await card(1).getByRole('button', { name: 'Retirer la question 1' }).isDisabled()).toBe(true);
    await checkBothSizes(page, 'enquete-editeur-repondue');
  });
});
