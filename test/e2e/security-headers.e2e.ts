import type { Page } from 'playwright-core';
import { baseUrl, loginAs, PASSWORD, usePage } from './browser';

const currentPage = usePage();

/** Every Content-Security-Policy violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|create)/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

describe('content security policy', () => {
  it('lets the front dashboard and the admin panel work without a single violation', async () => {
    const page = currentPage();
    const violations = await watchViolations(page);

    await loginAs(page, 'dgs@demo.local');
    await page.waitForLoadState('networkidle');
    const front = await page.goto(`${baseUrl()}/`);
    expect(front?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await violations()).toEqual([]);

    const admin = await page.goto(`${baseUrl()}/admin/auth/login`);
    expect(admin?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('input[name="email"]').fill('admin@demo.local');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByRole('heading', { name: /^Bonjour / }).waitFor();
    await page.goto(`${baseUrl()}/admin/plugins/upload`);
    await page.waitForLoadState('networkidle');
    expect(await violations()).toEqual([]);
  });
});
