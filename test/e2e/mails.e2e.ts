import pg from 'pg';
import type { Page } from 'playwright-core';
import { accessibilityViolations, adminLogin, loginAs, mainMenu, screenshot, usePage } from './browser';

/**
 * « Mail failures reach a person »: mails given up by an SMTP server that stopped answering two
 * hours ago (the e2e server sends none: SMTP_HOST is empty, so they are written as pg-boss leaves
 * them), seen in the référent qualité's banner and in the panel's « Courriels », retried from there.
 */
const currentPage = usePage();
let page: Page;
let db: pg.Client;
let ids: string[] = [];
beforeEach(() => {
  page = currentPage();
});

const RECIPIENTS = ['chef.accueil@demo.local', 'dgs@demo.local', 'agent.accueil@demo.local'];

beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(
    `insert into pgboss.job (name, data, state, retry_limit, retry_count, created_on, started_on, completed_on, output)
     select 'workflow-mail', jsonb_build_object('to', r.address, 'subject', '[Charte d’accueil] À examiner : QV-0' || r.n || ' — Un accueil adapté', 'text', 'Courriel d’essai'),
            'failed', 20, 20, now() - interval '2 hours 5 minutes', now() - interval '5 minutes', now() - interval '5 minutes',
            jsonb_build_object('message', 'connect ECONNREFUSED 127.0.0.1:587')
       from unnest($1::text[]) with ordinality as r(address, n)
     returning id::text`,
    [RECIPIENTS],
  );
  ids = rows.map((r) => r.id as string);
});
// The other suites' pages (the guide's pictures) show no banner: these mails leave the queue.
afterAll(async () => {
  await db.query(`delete from pgboss.job where id = any($1::uuid[])`, [ids]);
  await db.query(`delete from pgboss.archive where id = any($1::uuid[])`, [ids]);
  await db.end();
});


describe('mails that stop leaving', () => {
  it('show the référent qualité a banner on every page, and not an agent', async () => {
    await loginAs(page, 'qualite@demo.local');
    const banner = page.getByRole('alert').filter({ hasText: 'Des courriels ne partent plus' });
    await banner.waitFor();
    expect(await banner.textContent()).toBe(
      'Des courriels ne partent plus depuis 2\u00a0h (3 en échec). Prévenez le service informatique : la liste est dans l’administration, rubrique «\u00a0Courriels\u00a0».',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '60-bandeau-courriels');
    await page.setViewportSize({ width: 390, height: 844 });
    await (await mainMenu(page)).getByRole('link', { name: 'Feuille de route' }).click();
    await page.getByRole('heading', { name: 'Feuille de route' }).first().waitFor();
    await banner.waitFor();
    await screenshot(page, '61-bandeau-courriels-mobile');

    const agent = await page.context().browser()!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const agentPage = await agent.newPage();
    await loginAs(agentPage, 'agent.accueil@demo.local');
    await agentPage.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(await agentPage.getByText('Des courriels ne partent plus').count()).toBe(0);
    await agent.close();
  });

  it('are listed in the panel’s « Courriels », and « Réessayer » queues one again', async () => {
    await adminLogin(page, 'admin@demo.local');
    await page.getByRole('link', { name: 'Courriels' }).first().click();
    await page.getByRole('heading', { name: 'Courriels' }).first().waitFor();
    await page.getByRole('tab', { name: /^En échec \(3\)$/ }).waitFor();
    await page.getByRole('gridcell', { name: 'chef.accueil@demo.local', exact: true }).waitFor();
    expect(await page.getByRole('gridcell', { name: 'connect ECONNREFUSED 127.0.0.1:587', exact: true }).count()).toBe(3);
    await screenshot(page, '62-admin-courriels');
    await page.getByRole('button', { name: /^Réessayer le courriel à chef\.accueil@demo\.local/ }).click();
    await page.getByText('Courriel à chef.accueil@demo.local remis en file').waitFor();
    await page.getByRole('tab', { name: /^En échec \(2\)$/ }).waitFor();
    await screenshot(page, '63-admin-courriels-renvoye');
    // Without SMTP the server writes it to its log and marks it done.
    const deadline = Date.now() + 30_000;
    const stateOf = async () => (await db.query(`select state from pgboss.job where id = $1::uuid`, [ids[0]])).rows[0]?.state;
    while ((await stateOf()) !== 'completed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await stateOf()).toBe('completed');
    await page.getByRole('tab', { name: /^Envoyés/ }).click();
    await page.getByRole('gridcell', { name: '[Charte d’accueil] À examiner : QV-01 — Un accueil adapté', exact: true }).waitFor();
    // The notice fades by itself: the narrow picture shows the page, not it.
    await page.getByText('Courriel à chef.accueil@demo.local remis en file').waitFor({ state: 'hidden', timeout: 20_000 });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: /^En échec/ }).click();
    await page.getByRole('gridcell', { name: 'dgs@demo.local', exact: true }).waitFor();
    await screenshot(page, '64-admin-courriels-mobile');
  });

  it('are not the référentiel editor’s business', async () => {
    await adminLogin(page, 'referentiel@demo.local');
    expect(await page.getByRole('link', { name: 'Courriels' }).count()).toBe(0);
  });
});
