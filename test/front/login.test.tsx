/** @jest-environment jsdom */
import { sessionSchema } from '@charte/contract/schemas';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoginPage } from '../../front/src/features/auth/routes/LoginPage';
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
    expect(calls[0].body).toEqual({ identifier: 'agent.accueil@demo.local', password: 'Charte-Accueil-2026' });
  });
});
