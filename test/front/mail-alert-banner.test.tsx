/** @jest-environment jsdom */
import { mailStatusSchema, sessionSchema } from '@charte/contract/schemas';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from '../../front/src/app/Layout';
import { formatLasting } from '../../front/src/features/mails/components/MailAlertBanner';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

const session = (type: string, mailAlerts: boolean) =>
  sessionSchema.parse({ user: { id: 1, username: type, name: type, email: `${type}@demo.local` }, role: { type, name: type, readScope: 'all', mailAlerts, auditLog: false, publicReplies: false }, services: [] });

const status = (alert: boolean, failingForMinutes: number | null, failing: number) =>
  mailStatusSchema.parse({
    alert,
    failingSince: failingForMinutes === null ? null : new Date(Date.now() - failingForMinutes * 60_000).toISOString(),
    failingForMinutes,
    failing,
    pending: failing + 30,
    failed: 2,
    alertAfterMinutes: 30,
  });

function renderLayout() {
  return renderWithApp(
    <Routes>
      <Route element={<Layout />}>
        <Route path="/" element={<h1 tabIndex={-1}>Tableau de bord</h1>} />
      </Route>
    </Routes>,
  );
}

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('Bandeau des courriels qui ne partent plus', () => {
  it('tells the référent qualité how long mails have failed and where the list is', async () => {
    serveApi({
      'GET /api/session': () => ({ body: { data: session('referent-qualite', true) } }),
      'GET /api/mail-status': () => ({ body: { data: status(true, 125, 12) } }),
    });
    renderLayout();
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toBe(
      'Des courriels ne partent plus depuis 2\u00a0h (12 en échec). Prévenez le service informatique : la liste est dans l’administration, rubrique «\u00a0Courriels\u00a0».',
    );
  });

  it('says nothing while mails leave, or fail for less than MAIL_ALERT_MINUTES', async () => {
    const calls = serveApi({
      'GET /api/session': () => ({ body: { data: session('dgs', true) } }),
      'GET /api/mail-status': () => ({ body: { data: status(false, 10, 3) } }),
    });
    renderLayout();
    await waitFor(() => expect(calls.some((c) => c.url === '/api/mail-status')).toBe(true));
    await screen.findByText('dgs — dgs');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is not asked for a role the session does not tell (an agent would get a 403)', async () => {
    const calls = serveApi({ 'GET /api/session': () => ({ body: { data: session('agent', false) } }) });
    renderLayout();
    await screen.findByText('agent — agent');
    expect(calls.map((c) => c.url)).not.toContain('/api/mail-status');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('rounds the duration to what a reader takes in', () => {
    expect([0, 45, 60, 125, 47 * 60, 72 * 60].map(formatLasting)).toEqual(['1 min', '45 min', '1 h', '2 h', '47 h', '3 jours'].map((t) => t.replace(' ', '\u00a0')));
  });
});
