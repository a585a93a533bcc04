import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, loginAs, logout, PHONE, screenshot, usePage } from './browser';

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('Pièces justificatives', () => {
  it('dates a piece of a draft, adds a version that keeps the old one, and lists it to renew', async () => {
    await loginAs(page, 'agent.accueil@demo.local');
    await page.getByRole('link', { name: 'À traiter' }).click();
    await page.locator('li.inbox-item', { hasText: 'Brouillon' }).first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Modifier le brouillon' }).waitFor();
    await page.getByLabel(/Ajouter des fichiers/).setInputFiles({ name: 'affichage-horaires-2025.pdf', mimeType: 'application/pdf', buffer: pdf('v1') });
    await page.getByRole('link', { name: 'affichage-horaires-2025.pdf' }).waitFor();
    const piece = page.locator('details.piece').first();
    await piece.locator('summary', { hasText: 'sans date de validité' }).click();
    await piece.getByLabel('Valable jusqu’au').fill(inDays(12));
    await piece.getByRole('button', { name: 'Enregistrer la date' }).click();
    await page.locator('details.piece summary', { hasText: '(à renouveler)' }).waitFor();
    await page.getByRole('button', { name: /M’en déclarer responsable/ }).click();
    await page.locator('details.piece summary', { hasText: 'responsable : Julie Moreau' }).waitFor();
    await page.locator('details.piece').first().getByLabel('Déposer une nouvelle version').setInputFiles({ name: 'affichage-horaires-2026.pdf', mimeType: 'application/pdf', buffer: pdf('v2') });
    await page.getByRole('link', { name: 'affichage-horaires-2026.pdf' }).waitFor();
    const renewed = page.locator('details.piece').first();
    if (!(await renewed.getAttribute('open'))) await renewed.locator('summary').click();
    await renewed.getByRole('link', { name: 'n° 1 : affichage-horaires-2025.pdf' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '60-piece-versions');

    await page.getByRole('link', { name: 'Pièces à renouveler' }).click();
    await page.getByRole('heading', { name: 'Pièces à renouveler' }).waitFor();
    await page.getByRole('link', { name: 'affichage-horaires-2026.pdf' }).waitFor();
    expect(await page.getByText('Les pièces dont vous êtes responsable').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '61-pieces-a-renouveler-agent');
  });

  it('attaches a procedure to a service with its review date; the référent sees it to renew', async () => {
    await loginAs(page, 'chef.accueil@demo.local');
    await page.goto(`${baseUrl()}/services/accueil-etat-civil`);
    await page.getByRole('heading', { name: 'Procédures' }).waitFor();
    await page.getByLabel('Intitulé').fill('Procédure d’accueil téléphonique');
    await page.getByLabel('Date de révision').fill(inDays(-2));
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'procedure-telephone.pdf', mimeType: 'application/pdf', buffer: pdf('p') });
    await page.getByRole('button', { name: 'Joindre la procédure' }).click();
    await page.getByRole('link', { name: 'Procédure d’accueil téléphonique' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await logout(page);
    await loginAs(page, 'qualite@demo.local');
    await page.goto(`${baseUrl()}/preuves`);
    await page.getByText('Les pièces justificatives et procédures de tous les services').waitFor();
    const row = page.locator('tr', { hasText: 'Procédure d’accueil téléphonique' });
    await row.getByText('échue', { exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '62-pieces-a-renouveler-referent');
    await page.setViewportSize(PHONE);
    await screenshot(page, '63-pieces-a-renouveler-telephone');
  });
});

describe('Revue de direction', () => {
  it('records the year’s decisions and downloads the review in Word and PDF', async () => {
    await loginAs(page, 'dgs@demo.local');
    const panel = page.getByRole('region', { name: 'Revue de direction' });
    await panel.waitFor();
    await panel.getByLabel('Décisions à consigner').fill('Étendre la démarche au service Urbanisme en 2027.');
    await panel.getByRole('button', { name: 'Enregistrer les décisions' }).click();
    await panel.getByText('Décisions enregistrées.').waitFor();
    const year = new Date().getFullYear();
    const [word] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: `Télécharger la revue ${year} (Word)` }).click()]);
    expect(word.suggestedFilename()).toBe(`Revue de direction - ${year} - Ville de Val-de-Bievre.docx`);
    expect(fs.readFileSync((await word.path())!).subarray(0, 2).toString()).toBe('PK');
    const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: `Télécharger la revue ${year} (PDF)` }).click()]);
    expect(fs.readFileSync((await file.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '64-revue-de-direction');
    await page.setViewportSize(PHONE);
    await screenshot(page, '65-revue-de-direction-telephone');
  });
});
