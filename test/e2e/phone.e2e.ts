import type { Page } from 'playwright-core';
import { accessibilityViolations, loginAs, mainMenu, pageWidth, PHONE, screenshot, usePage } from './browser';

/**
 * Every staff page at 390 px, for each role, reached from the menu as a person at a counter would:
 * the menu's entries all visible and usable, no page wider than the screen, no WCAG violation.
 */

const ROLES: [string, string][] = [
  ['agent', 'agent.accueil@demo.local'],
  ['chef-de-service', 'chef.accueil@demo.local'],
  ['referent-qualite', 'qualite@demo.local'],
  ['dgs', 'dgs@demo.local'],
];

const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** The menu's entries, as the logged-in person sees them. */
async function menuEntries(): Promise<string[]> {
  return (await mainMenu(page)).getByRole('link').allInnerTexts();
}

/** The innermost elements that reach past the screen's right edge: what makes a page too wide. */
function overflowing(): Promise<string[]> {
  return page.evaluate((limit) => {
    // Content that scrolls within its own box (a wide table's region) does not widen the page.
    const scrolledWithin = (el: HTMLElement) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > limit + 1 && !scrolledWithin(el));
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return innermost.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} ${Math.round(el.getBoundingClientRect().right)} px`);
  }, PHONE.width);
}

/** The page just reached, once loaded: what is wrong with it on a phone, and its picture. */
async function checkPage(name: string, picture: string): Promise<string[]> {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const problems: string[] = [];
  const width = await pageWidth(page);
  if (width > PHONE.width) problems.push(`${name} : page de ${width} px (${(await overflowing()).join(', ')})`);
  for (const violation of await accessibilityViolations(page)) problems.push(`${name} : ${violation}`);
  await screenshot(page, picture);
  return problems;
}

describe('staff pages on a phone', () => {
  it.each(ROLES)('fit a 390 px screen for the %s, page after page from the menu', async (role, email) => {
    await page.setViewportSize(PHONE);
    await loginAs(page, email);
    const entries = await menuEntries();
    // The menu unfolded, as a phone shows it under « Menu ».
    await page.screenshot({ path: `test/artifacts/screenshots/phone-${role}-menu.png`, clip: { x: 0, y: 0, width: PHONE.width, height: PHONE.height } });
    expect(entries).toEqual(expect.arrayContaining(['Tableau de bord', 'À traiter', 'Feuille de route']));
    const problems: string[] = [];
    for (const entry of entries) {
      const link = (await mainMenu(page)).getByRole('link', { name: entry, exact: true });
      // Usable: on the screen, not cut off by its edge, and large enough to tap.
      const box = await link.boundingBox();
      if (!box || box.x < 0 || box.x + box.width > PHONE.width || box.height < 20) problems.push(`${entry} : lien du menu hors de l’écran ou trop petit`);
      await link.click();
      problems.push(...(await checkPage(entry, `phone-${role}-${entry.toLowerCase().replace(/[^a-zà-ÿ]+/g, '-')}`)));
    }
    // Two pages one step further: a service's page from the dashboard, a fiche from the inbox.
    const deeper: [string, string, string][] = [
      ['Tableau de bord', 'main a[href^="/services/"]', 'page-service'],
      ['À traiter', 'main a[href^="/a-traiter/"]', 'fiche'],
    ];
    for (const [entry, selector, name] of deeper) {
      await (await mainMenu(page)).getByRole('link', { name: entry, exact: true }).click();
      await page.locator('main h1').first().waitFor();
      const first = page.locator(selector).first();
      if (!(await first.count())) continue; // nothing waits for this role
      await first.click();
      problems.push(...(await checkPage(name, `phone-${role}-${name}`)));
    }
    expect(problems).toEqual([]);
  });
});
