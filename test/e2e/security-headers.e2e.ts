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
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber}) ${e.sample}`),
    );
  });
  // zod 4, bundled in the panel, probes `new Function('')` inside try/catch to pick its compiled
  // validators and falls back when refused: that refusal is the policy working, not a breakage.
  const isProbe = (line: string) => / script-src eval /.test(line) || /'unsafe-eval'|evaluating a string/.test(line);
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))].filter((line) => !isProbe(line));
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
