/** @jest-environment jsdom */
import { progressResponseSchema } from '@charte/contract/schemas';
import { screen, within } from '@testing-library/react';
import DashboardPage from '../../front/src/app/routes/DashboardPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

beforeEach(() => tokenStore.set('jeton'));

const campaign = { documentId: 'c2026', name: 'Diagnostic initial 2026', kind: 'diagnostic', startDate: '2026-01-12' };
const previous = { documentId: 'c2025', name: 'Autodiagnostic 2025', kind: 'auto-evaluation', startDate: '2025-03-03' };

describe('Tableau de bord', () => {
  it('shows one card per service with its rate, the change, the states and the roadmap', async () => {
    serveApi({
      'GET /api/campaigns': () => ({ body: { data: [campaign, previous] } }),
      'GET /api/progress': () => ({
        // GET /api/progress as the contract says the cms answers it.
        body: progressResponseSchema.parse({
          data: [
            {
              service: { documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil' },
              conformityRate: 72.2,
              previousConformityRate: 51,
              evaluations: { total: 24, draft: 9, submitted: 4, validated: 7, approved: 4 },
              roadmap: { total: 2, done: 1 },
            },
            {
              service: { documentId: 's2', name: 'Cabinet du Maire', slug: 'cabinet-du-maire' },
              conformityRate: null,
              previousConformityRate: null,
              evaluations: { total: 0, draft: 0, submitted: 0, validated: 0, approved: 0 },
              roadmap: { total: 0, done: 0 },
            },
          ],
          meta: { campaign, previousCampaign: previous },
        }),
      }),
    });
    renderWithApp(<DashboardPage />);
    const card = (await screen.findByRole('heading', { name: 'Accueil / État civil' })).closest('article')!;
    expect(within(card as HTMLElement).getByText('72,2 %')).toBeTruthy();
    // Not the synthesis's rate: the card says so, and the page says why they may differ.
    expect(within(card as HTMLElement).getByText('de conformité, toutes fiches')).toBeTruthy();
    expect(screen.getByText(/le rapport de synthèse ne compte que les fiches validées ou approuvées/)).toBeTruthy();
    expect(within(card as HTMLElement).getByText('+21,2 points depuis « Autodiagnostic 2025 »')).toBeTruthy();
    expect(within(card as HTMLElement).getByText(/Brouillons : 9/)).toBeTruthy();
    expect(within(card as HTMLElement).getByText(/Approuvées : 4/)).toBeTruthy();
    expect((card as HTMLElement).textContent).toContain('1 action aboutie sur 2');
    const empty = (await screen.findByRole('heading', { name: 'Cabinet du Maire' })).closest('article')!;
    expect(within(empty as HTMLElement).getByText('—')).toBeTruthy();
    expect((screen.getByLabelText('Campagne') as HTMLSelectElement).value).toBe('c2026');
  });

  it('says so when there is no campaign yet', async () => {
    serveApi({
      'GET /api/campaigns': () => ({ body: { data: [] } }),
      'GET /api/progress': () => ({ body: progressResponseSchema.parse({ data: [], meta: { campaign: null, previousCampaign: null } }) }),
    });
    renderWithApp(<DashboardPage />);
    expect(await screen.findByText('Aucune campagne d’évaluation n’a encore été créée.')).toBeTruthy();
  });
});
