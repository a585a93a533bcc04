import fs from 'node:fs';
import type { APIRequestContext, Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, loginAs, PASSWORD, screenshot, usePage } from './browser';

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

async function jwtOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${baseUrl()}/api/auth/local`, { data: { identifier: email, password: PASSWORD } });
  return (await res.json()).jwt as string;
}

describe('Rapports et charte', () => {
  it('shows the charter in force with its version line, and an older version from the list', async () => {
    const request = page.request;
    const [qualite, dgs] = [await jwtOf(request, 'qualite@demo.local'), await jwtOf(request, 'dgs@demo.local')];
    const principles = (await (await request.get(`${baseUrl()}/api/charter-principles?sort=order:asc&fields[0]=title&pagination[pageSize]=3`, { headers: { Authorization: `Bearer ${qualite}` } })).json()).data as { documentId: string; title: string }[];
    const move = (documentId: string, jwt: string, data: object) =>
      request.post(`${baseUrl()}/api/workflow/charter-principles/${documentId}/transitions`, { headers: { Authorization: `Bearer ${jwt}` }, data });
    // The DGS approves the charter as a whole: one decision, one version.
    const approveCharter = (documents: string[]) =>
      request.post(`${baseUrl()}/api/workflow/decisions/charter-approval`, { headers: { Authorization: `Bearer ${dgs}` }, data: { documents } });
    const [first, second] = principles;
    try {
      for (const p of [first, second]) {
        expect((await move(p.documentId, qualite, { action: 'submit' })).status()).toBe(200);
        expect((await approveCharter([p.documentId])).status()).toBe(200);
      }
      await page.goto(`${baseUrl()}/charte`);
      await page.getByRole('heading', { name: 'Charte d’accueil du public' }).waitFor();
      await page.getByRole('heading', { name: second.title }).waitFor();
      expect(await page.locator('.charter-version').innerText()).toMatch(/^Version \d+ du \d{2}\/\d{2}\/\d{4}, approuvée par Hélène Marchand$/);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, '30-charte-versionnee');
      const older = page.getByRole('navigation', { name: 'Versions précédentes' }).getByRole('link').first();
      await older.click();
      await page.getByText('Cette version a été remplacée').waitFor();
      expect(await page.getByRole('heading', { name: second.title }).count()).toBe(0);
    } finally {
      // Back to the demo's state (no principle in the charter in force) for the other scenarios.
      for (const p of [first, second]) await move(p.documentId, dgs, { action: 'reopen', comment: 'Retour à l’état de démonstration' });
      await approveCharter([]);
    }
  });

  it('downloads the service’s evaluation report as a PDF from the service page', async () => {
    await loginAs(page, 'agent.accueil@demo.local');
    await page.goto(`${baseUrl()}/services/accueil-etat-civil`);
    const button = page.getByRole('button', { name: 'Télécharger le rapport (PDF)' });
    await button.waitFor();
    await page.getByLabel('version de travail').check();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^Rapport d'evaluation - Accueil - Etat civil - .* - version de travail\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
