import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, loginAs, screenshot, usePage } from './browser';

const currentPage = usePage();
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
  await page.getByRole('link', { name: SURVEY }).click();
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
    expect(await summary.innerText()).toContain('3 questions sont à compléter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);

    await tabTo(page, 'Service concerné');
    await page.keyboard.press('ArrowDown'); // first service of the list
    await tabTo(page, 'Très satisfait'); // question 1: the radio group is entered on its first answer
    await page.keyboard.press('Space');
    await tabTo(page, 'Très satisfait'); // question 2
    await page.keyboard.press('ArrowDown'); // arrows move and select within the group: « Satisfait »
    await tabTo(page, 'Oui'); // question 4 (question 3 is optional: Tab goes through it to its first answer)
    await page.keyboard.press('Space');
    await tabTo(page, '6. Une remarque');
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
});
