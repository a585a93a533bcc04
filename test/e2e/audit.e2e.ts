import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, loginAs, PASSWORD, screenshot, usePage } from './browser';

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

    await loginAs(page, 'dgs@demo.local');
    await page.getByRole('link', { name: 'Journal des modifications' }).click();
    await page.getByRole('heading', { name: 'Journal des modifications', level: 1 }).waitFor();
    await page.getByLabel('Identifiant du document').fill(created.body.data.documentId);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const row = page.getByRole('row', { name: /agent\.accueil/ }).filter({ hasText: findings });
    await row.waitFor();
    expect(await row.getByText('Création').isVisible()).toBe(true);
    expect(await row.getByText('Partiellement conforme').isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '40-journal-des-modifications');
  });
});
