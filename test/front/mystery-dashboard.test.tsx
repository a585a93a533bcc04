/** @jest-environment jsdom */
import { mysteryFiguresSchema, progressResponseSchema, sessionSchema } from '@charte/contract/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import DashboardPage from '../../front/src/app/routes/DashboardPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

beforeEach(() => tokenStore.set('jeton'));

const wave = (documentId: string, title: string, startDate: string) => ({ documentId, title, startDate, endDate: startDate.replace(/-\d\d$/, '-28') });
const spring = wave('w2', 'Vague de printemps 2026', '2026-04-01');
const autumn = wave('w1', 'Vague d’automne 2025', '2025-10-01');
const service = (n: number) => ({ documentId: `s${n}`, name: n === 1 ? 'Accueil / État civil' : 'Scolaire', slug: `service-${n}` });
const row = (n: number, channel: 'appel' | 'courriel', channelLabel: string, tests: number, score: number, previousTests: number, previousScore: number | null) => ({
  service: service(n), channel, channelLabel, tests, score, previousScore, previousTests, points: [], delays: [],
});
// GET /api/mystery-results as the contract says the cms answers it.
const figures = mysteryFiguresSchema.parse({
  campaign: spring,
  previous: autumn,
  campaigns: [spring, autumn],
  rows: [
    row(1, 'appel', 'Appel', 3, 80, 1, 50),
    row(2, 'appel', 'Appel', 1, 40, 3, 70),
    row(1, 'courriel', 'Courriel', 2, 90, 0, null),
  ],
});

const sessionOf = (type: string, readScope: 'all' | 'own-services', isHead: boolean | null) =>
  sessionSchema.parse({
    user: { id: 3, username: type, name: type, email: `${type}@demo.local` },
    role: { type, name: type, readScope, mailAlerts: false, auditLog: false, publicReplies: false },
    services: isHead === null ? [] : [{ ...service(1), isHead }],
  });

function serve(session: ReturnType<typeof sessionOf>) {
  return serveApi({
    'GET /api/session': () => ({ body: { data: session } }),
    'GET /api/campaigns': () => ({ body: { data: [] } }),
    'GET /api/progress': () => ({ body: progressResponseSchema.parse({ data: [], meta: { campaign: null, previousCampaign: null } }) }),
    'GET /api/mystery-results': () => ({ body: { data: figures } }),
  });
}

describe('Tableau de bord : tests mystères', () => {
  it('gives the référent qualité the latest wave per channel, weighted by tests, with its trend and a link', async () => {
    serve(sessionOf('referent-qualite', 'all', null));
    renderWithApp(<DashboardPage />);
    const section = (await screen.findByRole('heading', { name: 'Tests mystères' })).closest('section')!;
    expect(section.textContent).toContain('« Vague de printemps 2026 », résultats validés, comparés à « Vague d’automne 2025 »');
    const table = within(section).getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Appel', 'Courriel']);
    // Appel: (3 × 80 + 1 × 40) / 4 = 70 now; (1 × 50 + 3 × 70) / 4 = 65 before. Courriel: no previous test.
    expect(within(rows[0]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['4', '70 %', '+5 points']);
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '90 %', 'première mesure']);
    expect(within(section).getByRole('link', { name: /Voir le détail dans « Tests mystères »/ }).getAttribute('href')).toBe('/tests-mysteres');
  });

  it('gives a head their services, every channel together', async () => {
    serve(sessionOf('chef-de-service', 'own-services', true));
    renderWithApp(<DashboardPage />);
    const section = (await screen.findByRole('heading', { name: 'Tests mystères' })).closest('section')!;
    const rows = within(within(section).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Accueil / État civil', 'Scolaire']);
    // Accueil: (3 × 80 + 2 × 90) / 5 = 84 now; only the call had a previous wave: 50.
    expect(within(rows[0]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['5', '84 %', '+34 points']);
  });

  it('asks nothing for an agent who heads no service', async () => {
    const calls = serve(sessionOf('agent', 'own-services', false));
    renderWithApp(<DashboardPage />);
    await screen.findByText('Aucune campagne d’évaluation n’a encore été créée.');
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/session'))).toBe(true));
    expect(screen.queryByRole('heading', { name: 'Tests mystères' })).toBeNull();
    expect(calls.some((c) => c.url.includes('/api/mystery-results'))).toBe(false);
  });
});
