/** @jest-environment jsdom */
import { sessionSchema } from '@charte/contract/schemas';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import LoginPage from '../../front/src/features/auth/routes/LoginPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

afterEach(() => localStorage.clear());

describe('Connexion', () => {
  it('says the credentials are wrong, in French, and keeps no token', async () => {
    serveApi({ 'POST /api/auth/local': () => ({ status: 400, body: { error: { message: 'Invalid identifier or password' } } }) });
    renderWithApp(<LoginPage />);
    await userEvent.type(screen.getByLabelText('Adresse électronique'), 'agent.accueil@demo.local');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'faux');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Adresse électronique ou mot de passe incorrect.');
    expect(tokenStore.get()).toBeNull();
  });

  it('keeps the token after a successful login', async () => {
    const calls = serveApi({
      'POST /api/auth/local': () => ({ body: { jwt: 'jeton-valide' } }),
      'GET /api/session': () => ({
        body: { data: sessionSchema.parse({ user: { id: 1, username: 'agent', name: 'agent', email: 'a@demo.local' }, role: { type: 'agent', name: 'Agent', readScope: 'own-services', mailAlerts: false, auditLog: false, publicReplies: false }, services: [] }) },
      }),
    });
    renderWithApp(<LoginPage />, { route: '/connexion' });
    await userEvent.type(screen.getByLabelText('Adresse électronique'), 'agent.accueil@demo.local');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'Charte-Accueil-2026');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await screen.findByRole('button', { name: 'Se connecter' }).catch(() => undefined);
    expect(tokenStore.get()).toBe('jeton-valide');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ identifier: 'agent.accueil@demo.local', password: 'Charte-Accueil-2026' });
  });

  it('offers one « Se connecter avec … » link per directory of config/sso.yaml, to the directory’s login page', async () => {
    serveApi({ 'GET /api/sso/providers': () => ({ body: { data: [{ id: 'entra', name: 'Microsoft Entra ID' }, { id: 'keycloak', name: 'Keycloak de la ville' }] } }) });
    renderWithApp(<LoginPage />, { route: '/connexion' });
    const entra = await screen.findByRole('link', { name: 'Se connecter avec Microsoft Entra ID' });
    expect(entra.getAttribute('href')).toBe('/api/sso/entra/login');
    expect(screen.getByRole('link', { name: 'Se connecter avec Keycloak de la ville' }).getAttribute('href')).toBe('/api/sso/keycloak/login');
    // The password form is still there, for accounts outside the directory.
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeTruthy();
  });

  it('shows no directory button when config/sso.yaml declares none', async () => {
    const calls = serveApi({ 'GET /api/sso/providers': () => ({ body: { data: [] } }) });
    renderWithApp(<LoginPage />, { route: '/connexion' });
    await screen.findByRole('button', { name: 'Se connecter' });
    await waitFor(() => expect(calls.some((c) => c.url === '/api/sso/providers')).toBe(true));
    expect(screen.queryByRole('link', { name: /^Se connecter avec/ })).toBeNull();
  });

  it('back from the directory, reads the outcome once and shows a refusal in French', async () => {
    const message = 'L’adresse intrus@exemple.org n’appartient pas à un domaine autorisé à se connecter ici.';
    const calls = serveApi({
      'GET /api/sso/providers': () => ({ body: { data: [{ id: 'entra', name: 'Microsoft Entra ID' }] } }),
      'POST /api/sso/session': () => ({ status: 403, body: { error: { message } } }),
    });
    renderWithApp(<LoginPage />, { route: '/connexion?sso=1' });
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(calls.filter((c) => c.url === '/api/sso/session')).toHaveLength(1);
    expect(tokenStore.get()).toBeNull();
  });

  it('back from the directory, keeps the same JWT as a password login', async () => {
    serveApi({
      'GET /api/sso/providers': () => ({ body: { data: [{ id: 'entra', name: 'Microsoft Entra ID' }] } }),
      'POST /api/sso/session': () => ({ body: { jwt: 'jeton-annuaire', provider: 'entra' } }),
      'GET /api/session': () => ({
        body: { data: sessionSchema.parse({ user: { id: 1, username: 'agent', name: 'agent', email: 'a@demo.local' }, role: { type: 'agent', name: 'Agent', readScope: 'own-services', mailAlerts: false, auditLog: false }, services: [] }) },
      }),
    });
    renderWithApp(<LoginPage />, { route: '/connexion?sso=1' });
    await waitFor(() => expect(tokenStore.get()).toBe('jeton-annuaire'));
  });
});
