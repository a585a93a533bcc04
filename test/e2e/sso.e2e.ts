import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { onServer, withDatabase } from '../helpers/database-copy';
import { startOidcProvider, writeSsoConfig, type TestProvider } from '../helpers/oidc-provider';
import { freePort, startApp, stopApp, type AppProcess } from './app-process';
import { accessibilityViolations, DESKTOP, PHONE, screenshot, usePage } from './browser';

/**
 * A person signs in through the town's directory in Chromium: the login page's « Se connecter
 * avec … », the provider's own login page (oidc-provider, in this process), and back to their
 * dashboard. The suite runs its own instance of the app, given the directory by CHARTE_SSO_CONFIG:
 * the others keep the demo's config/sso.yaml, which declares none.
 */
const currentPage = usePage();
const SECRET_ENV = 'CHARTE_E2E_SSO_SECRET';
let directory: TestProvider;
let app: AppProcess | undefined;
let configDir: string;

beforeAll(async () => {
  directory = await startOidcProvider({
    people: {
      'marie.durand': { email: 'marie.durand@ville-test.fr', given_name: 'Marie', family_name: 'Durand', groups: ['GG-Service-Accueil-Chefs'] },
      intrus: { email: 'intrus@exemple.org', given_name: 'Ivan', family_name: 'Trus', groups: ['GG-Qualite'] },
    },
  });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  directory.register({ redirectUris: [`${appUrl}/api/sso/annuaire/callback`], postLogoutRedirectUris: [`${appUrl}/connexion`] });
  let file: string;
  ({ dir: configDir, file } = writeSsoConfig(directory, {
    prefix: 'charte-sso-e2e-',
    name: 'l’annuaire de la ville',
    secretEnv: SECRET_ENV,
    domains: ['ville-test.fr'],
    rules: ['{ group: GG-Service-Accueil-Chefs, role: chef-de-service, headOf: [accueil-etat-civil] }'],
  }));
  // Its own database, on the server of the suite's app (test-database.ts would load the embedded PostgreSQL, an ES module, in Jest).
  const server = process.env.E2E_DATABASE_URL!;
  const name = `charte_e2e_sso_${Date.now()}_${process.pid}`;
  await onServer(server, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const database = {
    url: withDatabase(server, name),
    drop: () => onServer(server, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
  };
  app = await startApp({ database, port, logName: 'e2e-sso-server.log', env: { CHARTE_SSO_CONFIG: file, [SECRET_ENV]: directory.clientSecret } });
}, 15 * 60_000);

afterAll(async () => {
  await stopApp(app);
  await directory?.stop();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

/** On the provider's own login page (oidc-provider's development form): the login typed, any password. */
async function signInAtDirectory(page: Page, login: string) {
  await page.getByRole('link', { name: 'Se connecter avec l’annuaire de la ville' }).click();
  await page.waitForURL((url) => url.href.startsWith(directory.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('mot-de-passe-de-l-annuaire');
  await page.locator('button[type="submit"]').click();
}

describe('sign-in through the town’s directory', () => {
  it('shows the « Se connecter avec … » button on an accessible login page, on a desktop and on a phone', async () => {
    const page = currentPage();
    for (const [name, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(size);
      await page.goto(`${app!.url}/connexion`);
      await page.getByRole('link', { name: 'Se connecter avec l’annuaire de la ville' }).waitFor();
      await page.getByLabel('Adresse électronique').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, `sso-login-${name}`);
    }
  });

  it('signs a head of service in at the provider and lands on their dashboard, then logs out there too', async () => {
    const page = currentPage();
    await page.goto(`${app!.url}/connexion`);
    await signInAtDirectory(page, 'marie.durand');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(new URL(page.url()).origin).toBe(app!.url);
    await page.getByText('Marie Durand — Chef de service').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sso-dashboard');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    // The provider's end of session asks to confirm (oidc-provider's own page), then sends back here.
    await page.waitForURL((url) => url.href.startsWith(directory.issuer));
    await page.locator('button[autofocus], button[type="submit"]').first().click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(directory.logouts).toHaveLength(1);
  });

  it('tells a person outside the allowed domains why, in French, on the login page', async () => {
    const page = currentPage();
    await page.goto(`${app!.url}/connexion`);
    await signInAtDirectory(page, 'intrus');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'L’adresse intrus@exemple.org n’appartient pas à un domaine autorisé à se connecter ici. Connectez-vous avec votre compte de la commune, ou adressez-vous au référent qualité.',
    );
    expect(new URL(page.url()).search).toBe('');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sso-refused');
  });
});
