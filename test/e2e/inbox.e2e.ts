import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, DESKTOP, loginAs, logout, mainMenu, PHONE, screenshot, usePage } from './browser';

/**
 * « À traiter » grouped by what is asked: the head validates from « À valider », the DGS approves
 * several validated sheets at once after a dialog that lists them, one of which someone else
 * approved meanwhile; at 1280 and 390 px, keyboard and axe checked. Pictures also go to
 * SHOTS_DIR (default /tmp/shots-inbox) for a person to look at.
 */
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-inbox';

const currentPage = usePage();
let page: Page;
beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));
beforeEach(() => {
  page = currentPage();
});

async function shoot(name: string) {
  await screenshot(page, `inbox-${name}`);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A group's count, read from its heading « À valider (5) ». */
async function countOf(group: string): Promise<number> {
  const heading = page.getByRole('heading', { level: 2, name: new RegExp(`^${group} \\(\\d+\\)$`) });
  await heading.waitFor();
  return Number(/\((\d+)\)/.exec(await heading.innerText())![1]);
}

const groupSection = (group: string) => page.locator('section.inbox-group', { has: page.getByRole('heading', { level: 2, name: new RegExp(`^${group} `) }) });

/** The page never scrolls sideways: nothing wider than the window. */
async function expectNoSidewaysScroll() {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(width);
}

async function openInbox() {
  // The menu's link (a document's page has one too, in its breadcrumb).
  await (await mainMenu(page)).getByRole('link', { name: 'À traiter', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'À traiter' }).waitFor();
}

describe('« À traiter » grouped', () => {
  it('the head validates from « À valider », filters by type, and reads the page on a phone', async () => {
    await loginAs(page, 'chef.accueil@demo.local');
    await openInbox();
    const before = await countOf('À valider');
    expect(before).toBeGreaterThan(0);
    await countOf('Mes brouillons');
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot('chef-1280');

    await page.getByLabel('Type de document').selectOption('evaluations');
    await page.waitForURL(/\?type=evaluations$/);
    const first = groupSection('À valider').locator('li.inbox-item').first();
    await first.getByText('Soumis', { exact: true }).waitFor();
    await first.locator('time').getByText(/^depuis /).waitFor();
    // Keyboard: the first document's link is reached with Tab and opened with Enter.
    await first.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Valider : c’est fait. Nouvel état : Validé.').waitFor();
    await openInbox();
    // The count the page shows once it has read the inbox again (the cached one may show first).
    await page.getByRole('heading', { level: 2, name: `À valider (${before - 1})` }).waitFor();

    await page.setViewportSize(PHONE);
    await page.reload();
    await countOf('À valider');
    await expectNoSidewaysScroll();
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot('chef-390');
    await page.setViewportSize(DESKTOP);
  });

  it('the DGS approves two validated sheets after a dialog that lists them', async () => {
    await loginAs(page, 'dgs@demo.local');
    await openInbox();
    const before = await countOf('À approuver');
    const items = groupSection('À approuver').locator('li.inbox-item');
    const titles = [(await items.nth(0).getByRole('link').innerText()).trim(), (await items.nth(1).getByRole('link').innerText()).trim()];
    // Seen first: the DGS opens the first one, then comes back.
    await items.nth(0).getByRole('link').click();
    await page.getByRole('button', { name: 'Approuver' }).waitFor();
    await page.goBack();
    await countOf('À approuver');
    await items.nth(0).getByRole('checkbox').check();
    await items.nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Approuver la sélection (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approuver 2 documents ?' });
    await dialog.waitFor();
    expect((await dialog.getByRole('listitem').allInnerTexts()).map((t) => t.split(' (')[0])).toEqual(titles);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot('dgs-1280-dialog');
    await dialog.getByRole('button', { name: 'Confirmer : Approuver (2)' }).click();
    await page.getByText('Approuver : c’est fait pour 2 documents, maintenant à l’état « Approuvé ».').waitFor();
    expect(await countOf('À approuver')).toBe(before - 2);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot('dgs-1280-done');
  });

  it('on a phone, reports the sheet someone else approved meanwhile and still approves the other', async () => {
    await loginAs(page, 'dgs@demo.local');
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${baseUrl()}/a-traiter`);
    await countOf('À approuver');
    await expectNoSidewaysScroll();
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot('dgs-390');
    const items = groupSection('À approuver').locator('li.inbox-item');
    const titles = [(await items.nth(0).getByRole('link').innerText()).trim(), (await items.nth(1).getByRole('link').innerText()).trim()];
    await items.nth(0).getByRole('checkbox').check();
    await items.nth(1).getByRole('checkbox').check();
    // Someone approves the second one meanwhile, through the API.
    const href = (await items.nth(1).getByRole('link').getAttribute('href'))!;
    const [, , collection, documentId] = href.split('/');
    const token = await page.evaluate(() => localStorage.getItem('charte.jwt'));
    const other = await page.request.post(`${baseUrl()}/api/workflow/${collection}/${documentId}/transitions`, { headers: { Authorization: `Bearer ${token}` }, data: { action: 'approve' } });
    expect(other.status()).toBe(200);
    await page.getByRole('button', { name: 'Approuver la sélection (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approuver 2 documents ?' });
    await dialog.waitFor();
    await expectNoSidewaysScroll();
    await shoot('dgs-390-dialog');
    await dialog.getByRole('button', { name: 'Confirmer : Approuver (2)' }).click();
    await page.getByText('Approuver : c’est fait pour 1 document, maintenant à l’état « Approuvé ».').waitFor();
    await page.getByText('1 document n’a pas été traité :').waitFor();
    await page.locator('.batch-outcome li').getByText(`${titles[1]} : Déjà traité par Hélène Marchand (Approuver) : le document est à l’état « Approuvé ».`).waitFor();
    await expectNoSidewaysScroll();
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot('dgs-390-partial');
    await logout(page);
  });
});
