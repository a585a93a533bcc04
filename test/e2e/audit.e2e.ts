import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, loginAs, pageWidth, PASSWORD, screenshot, usePage } from './browser';

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

async function rest(method: string, route: string, token: string, body?: unknown) {
  const res = await fetch(`${baseUrl()}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('Journal des modifications', () => {
  it('shows the DGS a change an agent has just made, with its values', async () => {
    const login = await fetch(`${baseUrl()}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'agent.accueil@demo.local', password: PASSWORD }),
    });
    const token = ((await login.json()) as { jwt: string }).jwt;
    const campaign = (await rest('GET', '/api/campaigns?filters[name][$eq]=Diagnostic initial 2026&fields[0]=name', token)).body.data[0];
    const criterion = (await rest('GET', '/api/criteria?filters[code][$eq]=QV-01&fields[0]=code', token)).body.data[0];
    const findings = `Constat vu dans le journal ${Date.now()}`;
    const created = await rest('POST', '/api/evaluations', token, { data: { campaign: campaign.documentId, criterion: criterion.documentId, result: 'partiel', findings } });
    expect(created.status).toBe(201);

    // The DGS reaches the journal from the fiche itself, and reads it by titles and names.
    await loginAs(page, 'dgs@demo.local');
    await page.goto(`${baseUrl()}/a-traiter/evaluations/${created.body.data.documentId}`);
    await page.getByRole('link', { name: 'Toutes les modifications de ce document dans le journal' }).click();
    await page.getByRole('heading', { name: 'Journal des modifications', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Modifications d’un seul document : « QV-01 — ' }).waitFor();
    const row = page.getByRole('row', { name: /Julie Moreau/ }).filter({ hasText: findings });
    await row.waitFor();
    expect(await row.getByText('Création').isVisible()).toBe(true);
    expect(await row.getByText('Partiellement conforme').isVisible()).toBe(true);
    expect(await row.getByRole('link', { name: /^QV-01 — / }).isVisible()).toBe(true);
    expect(await row.getByText('Évaluation · Accueil / État civil').isVisible()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '40-journal-des-modifications');

    // The whole journal, on a phone: one card per change, nothing wider than the screen.
    await page.getByRole('button', { name: 'Voir tout le journal' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('row', { name: /Julie Moreau/ }).first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '41-journal-telephone');
  });
});
