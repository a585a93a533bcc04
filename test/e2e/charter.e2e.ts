import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, DESKTOP, loginAs, logout, PASSWORD, PHONE, screenshot, usePage } from './browser';

/**
 * The charter and the interviews written in the front: the référent qualité drafts a principle and
 * submits it, the DGS approves the charter as a whole and the public page shows exactly one new
 * version; a head of service writes an interview whose notes an agent of the service never sees.
 * Each new page is checked at 1280 and 390 pixels (axe, no horizontal scroll on the phone).
 */
const SHOTS = process.env.CHARTER_SHOTS_DIR ?? '/tmp/shots-charter';

const currentPage = usePage();
let page: Page;
beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));
beforeEach(() => {
  page = currentPage();
});

async function jwtOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${baseUrl()}/api/auth/local`, { data: { identifier: email, password: PASSWORD } });
  return (await res.json()).jwt as string;
}

/** The page at both widths: no accessibility violation, no horizontal scroll on a phone, a picture of each. */
async function checkBothWidths(name: string) {
  for (const [size, viewport] of [['1280', DESKTOP], ['390', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect([name, size, await accessibilityViolations(page)]).toEqual([name, size, []]);
    if (size === '390') {
      // What sticks out, named, when something does.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      );
      expect([name, await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), wide]).toEqual([name, true, []]);
    }
    await page.screenshot({ path: path.join(SHOTS, `${name}-${size}.png`), fullPage: true });
  }
  await screenshot(page, `charte-${name}`);
  await page.setViewportSize(DESKTOP);
}

describe('La charte écrite et approuvée dans l’interface', () => {
  const title = 'Des démarches expliquées simplement';

  /**
   * Back to a charter being written, as the other scenarios expect it: approved principles reopened,
   * this one deleted, then one decision that publishes a version without them (versions stay, by design).
   */
  async function backToDemo(request: APIRequestContext) {
    const [qualite, dgs] = [await jwtOf(request, 'qualite@demo.local'), await jwtOf(request, 'dgs@demo.local')];
    const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
    const list = (await (await request.get(`${baseUrl()}/api/charter-principles?fields[0]=title&fields[1]=workflowState&pagination[pageSize]=100`, { headers: auth(qualite) })).json())
      .data as { documentId: string; title: string; workflowState: string }[];
    for (const p of list.filter((p) => p.workflowState === 'approved')) {
      await request.post(`${baseUrl()}/api/workflow/charter-principles/${p.documentId}/transitions`, { headers: auth(dgs), data: { action: 'reopen', comment: 'Retour à l’état de démonstration' } });
    }
    for (const p of list.filter((p) => p.title === title)) {
      if (p.workflowState === 'submitted') await request.post(`${baseUrl()}/api/workflow/charter-principles/${p.documentId}/transitions`, { headers: auth(dgs), data: { action: 'reject', comment: 'Retour à l’état de démonstration' } });
      await request.delete(`${baseUrl()}/api/charter-principles/${p.documentId}`, { headers: auth(qualite) });
    }
    await request.post(`${baseUrl()}/api/workflow/decisions/charter-approval`, { headers: auth(dgs), data: { documents: [] } });
  }

  it('the référent drafts and submits a principle; the DGS approves the charter as a whole; the public page shows one new version', async () => {
    const request = page.request;
    try {
      await drafted(request);
    } finally {
      await backToDemo(request);
    }
  });

  async function drafted(request: APIRequestContext) {
    const before = (await (await request.get(`${baseUrl()}/api/public/charter/versions`)).json()).data as { number: number }[];

    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/charte`);
    await page.getByRole('link', { name: 'Gérer la charte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gérer la charte' }).waitFor();
    await page.getByRole('link', { name: 'Un accueil courtois et attentif' }).waitFor();
    await checkBothWidths('gerer-la-charte-referent');
    await page.getByRole('link', { name: 'Nouveau principe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau principe de la charte' }).waitFor();
    await page.getByLabel(/Titre du principe/).fill(title);
    await page.getByLabel(/^Texte/).fill('Nous vous expliquons chaque démarche avec des mots simples, et vous remettons la liste des pièces à fournir.');
    await page.getByLabel(/Engagement mesurable/).fill('Liste des pièces remise à chaque demande');
    await page.locator('.criteria-picker input[type="checkbox"]').first().check();
    await checkBothWidths('nouveau-principe');
    await page.getByRole('button', { name: 'Créer le principe' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Modifier le brouillon' }).waitFor();
    await checkBothWidths('principe-brouillon');
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByText('Soumettre : c’est fait. Nouvel état : Soumis.').waitFor();
    const principleUrl = page.url();
    await logout(page);

    await loginAs(page, 'dgs@demo.local');
    await page.goto(principleUrl);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: 'Renvoyer' }).waitFor();
    // No per-principle approval: the link to the whole charter's decision instead.
    expect(await page.getByRole('button', { name: 'Approuver' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Approuver la charte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gérer la charte' }).waitFor();
    const panel = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Approuver la charte' }) });
    await panel.getByRole('heading', { name: 'À approuver (1 principe soumis)' }).waitFor();
    await panel.getByRole('heading', { level: 4, name: title }).waitFor();
    await checkBothWidths('approuver-la-charte');
    await panel.getByLabel(/Commentaire/).fill('Vu en comité de direction.');
    await panel.getByRole('button', { name: 'Approuver la charte' }).click();
    const done = panel.getByText(/^Charte approuvée : la version \d+ est publiée\./);
    await done.waitFor();
    const number = Number(/version (\d+)/.exec(await done.innerText())![1]);
    await panel.getByText('Aucun principe soumis.').waitFor();

    const after = (await (await request.get(`${baseUrl()}/api/public/charter/versions`)).json()).data as { number: number }[];
    expect(after.length).toBe(before.length + 1);
    expect(after[0].number).toBe(number);
    await logout(page);

    await page.goto(`${baseUrl()}/charte`);
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    expect(await page.locator('.charter-version').innerText()).toMatch(new RegExp(`^Version ${number} du \\d{2}/\\d{2}/\\d{4}, approuvée par Hélène Marchand$`));
    // The DGS's comment stays internal.
    expect(await page.getByText('Vu en comité de direction.').count()).toBe(0);
    await checkBothWidths('charte-publique-nouvelle-version');
  }

});

describe('Les entretiens écrits dans l’interface', () => {
  it('a head writes an interview with its notes and submits it; an agent of the service reads it without the notes', async () => {
    await loginAs(page, 'chef.accueil@demo.local');
    await page.goto(`${baseUrl()}/services/accueil-etat-civil`);
    await page.getByRole('link', { name: 'Nouvel entretien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvel entretien' }).waitFor();
    await page.getByLabel(/Date de l’entretien/).fill('2026-03-02T09:30');
    await page.getByLabel(/Personnes rencontrées/).fill('Mme Lambert, agent d’accueil');
    await page.getByLabel(/Mené par/).fill('Chef du service');
    await page.getByLabel(/^Notes/).fill('Propos confidentiels : affluence difficile le lundi matin.');
    await checkBothWidths('nouvel-entretien');
    await page.getByRole('button', { name: 'Créer l’entretien' }).click();
    await page.getByRole('heading', { level: 1, name: /^Entretien du 2 mars 2026/ }).waitFor();
    await checkBothWidths('entretien-brouillon');
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByText('Soumettre : c’est fait. Nouvel état : Soumis.').waitFor();
    const url = page.url();
    await logout(page);

    await loginAs(page, 'agent.accueil@demo.local');
    await page.goto(url);
    await page.getByText('Mme Lambert, agent d’accueil').waitFor();
    expect(await page.getByText(/Propos confidentiels/).count()).toBe(0);
    expect(await page.locator('dl.details dt', { hasText: /^Notes$/ }).count()).toBe(0);
  });
});
