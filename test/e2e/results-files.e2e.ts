import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, pageWidth, screenshot, usePage } from './browser';

const SHOTS = '/tmp/shots-spplus';

/** Clicks a download link: the saved file, and the content type the server gives for that address. */
async function download(page: Page, name: string) {
  const link = page.getByRole('link', { name });
  const href = (await link.getAttribute('href'))!;
  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const body = fs.readFileSync((await saved.path())!);
  const response = await page.request.get(new URL(href, baseUrl()).toString());
  return { type: response.headers()['content-type'], body };
}

describe('« Nos résultats »: the citizen reads and downloads the results', () => {
  const currentPage = usePage();
  beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));

  it.each([1280, 390])('at %i px: results, last update, the open-data CSV and the poster', async (width) => {
    const page = currentPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${baseUrl()}/resultats`);
    await page.getByRole('heading', { level: 1, name: 'Nos résultats' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Nos engagements en chiffres' }).waitFor();
    // The demo town's charter is not approved yet: no indicator is published, and the page says so.
    await page.getByText(/^(Dernière mise à jour des mesures : le \d{1,2}(er)? \S+ \d{4}|Aucune mesure n’est encore publiée)\.$/).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Télécharger nos résultats' }).waitFor();

    const csv = await download(page, 'Données ouvertes au format Services Publics + (CSV)');
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Code SP\+ de la structure;Intitulé de la typologie;/);

    const poster = await download(page, 'Affiche des résultats (PDF, format A4)');
    expect(poster.type).toBe('application/pdf');
    expect(poster.body.subarray(0, 5).toString()).toBe('%PDF-');

    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);
    await screenshot(page, `resultats-fichiers-${width}`);
    await page.screenshot({ path: path.join(SHOTS, `resultats-${width}.png`), fullPage: true });
  });
});
