/** @jest-environment jsdom */
import { SCALE_LABELS } from '@charte/contract';
import { surveyResultsSchema, textAnswersPageSchema } from '@charte/contract/schemas';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import SurveyResultsPage from '../../front/src/features/surveys/routes/SurveyResultsPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

const figures = { answered: 4, satisfied: 3, share: 0.75 };
const question = { id: 'accueil', kind: 'scale-1-4' as const, label: 'Comment jugez-vous l’accueil ?', counts: { '4': 2, '3': 1, '1': 1 }, answered: 4, satisfaction: figures };
const remark = { id: 'remarque', kind: 'text' as const, label: 'Une remarque ?', counts: {}, answered: 0, satisfaction: null };
// GET /api/survey-results/:documentId as the contract says the cms answers it.
const results = surveyResultsSchema.parse({
  survey: { documentId: 'q1', title: 'Satisfaction 2026', opensAt: '2026-01-05', closesAt: '2026-02-28', status: 'closed', service: null, audience: 'usagers' },
  target: 0.8,
  minimumGroup: null,
  comparison: null,
  overall: { service: null, responses: 4, sources: { online: 3, paper: 1 }, satisfaction: figures, netSatisfaction: 0.5, masked: false, questions: [question, remark] },
  byService: [{ service: { documentId: 's1', name: 'Accueil / État civil' }, responses: 4, sources: { online: 3, paper: 1 }, satisfaction: figures, netSatisfaction: 0.5, masked: false, questions: [question, remark] }],
  scope: 'all',
});

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('Résultats d’une enquête', () => {
  it('counts each step of the scale under its contract label, and compares the share with the target', async () => {
    serveApi({ 'GET /api/survey-results/q1': () => ({ body: { data: results } }), 'GET /api/survey-results/q1/texts': () => ({ body: { data: textPage(1) } }) });
    renderWithApp(
      <Routes>
        <Route path="/enquetes/resultats/:documentId" element={<SurveyResultsPage />} />
      </Routes>,
      { route: '/enquetes/resultats/q1' },
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Résultats — Satisfaction 2026' })).toBeTruthy();
    expect(screen.getByTestId('survey-responses').textContent).toBe('4');
    const table = screen.getByRole('table', { name: /Comment jugez-vous l’accueil/ });
    const row = (label: string) => [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')?.textContent === label)?.querySelector('td')?.textContent;
    expect(row(`4 – ${SCALE_LABELS[4]}`)).toBe('2');
    expect(row(`2 – ${SCALE_LABELS[2]}`)).toBe('0');
    expect(row(`1 – ${SCALE_LABELS[1]}`)).toBe('1');
    expect(screen.getAllByText(/75 % — objectif non atteint/).length).toBeGreaterThan(0);
    expect(screen.getByTestId('survey-sources').textContent).toBe('3 en ligne, 1 papier');
  });

  it('lists the free-text answers of a question, and asks the cms again for a search, a source or another page', async () => {
    const calls = serveApi({
      'GET /api/survey-results/q1': () => ({ body: { data: results } }),
      'GET /api/survey-results/q1/texts': (_init, url) => ({ body: { data: textPage(Number(new URL(url, 'http://x').searchParams.get('page'))) } }),
    });
    renderWithApp(
      <Routes>
        <Route path="/enquetes/resultats/:documentId" element={<SurveyResultsPage />} />
      </Routes>,
      { route: '/enquetes/resultats/q1' },
    );
    const panel = await screen.findByRole('region', { name: 'Une remarque ?' });
    expect(await within(panel).findByText('Accueil très chaleureux')).toBeTruthy();
    expect(within(panel).getByRole('status').textContent).toBe('45 réponses — page 1 sur 3.');
    expect([...panel.querySelectorAll('.source-badge')].map((b) => b.textContent)).toEqual(['Papier', 'En ligne']);
    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Page suivante' }));
    expect(await within(panel).findByText('Page 2 sur 3')).toBeTruthy();
    await user.type(within(panel).getByLabelText('Rechercher dans les réponses'), 'délai');
    await user.selectOptions(within(panel).getByLabelText('Source'), 'paper');
    await user.click(within(panel).getByRole('button', { name: 'Rechercher' }));
    const last = calls.filter((c) => c.url.includes('/texts')).at(-1)!.url;
    expect(new URL(last, 'http://x').searchParams.toString()).toBe('question=remarque&page=1&q=d%C3%A9lai&source=paper');
  });
  it('hides an agent group under the threshold, and compares the agents with the users on the questions both ask', async () => {
    const hidden = { ...results.byService[0], service: { documentId: 's2', name: 'Petite enfance' }, responses: 3, satisfaction: { answered: 0, satisfied: 0, share: null }, netSatisfaction: null, masked: true };
    const agents = surveyResultsSchema.parse({
      ...results,
      survey: { ...results.survey, documentId: 'a1', title: 'Enquête agents 2026', audience: 'agents' },
      minimumGroup: 5,
      byService: [results.byService[0], hidden],
      comparison: {
        with: { documentId: 'q1', title: 'Satisfaction 2026', responses: 30 },
        questions: [{ id: 'accueil', label: 'Comment jugez-vous l’accueil ?', agents: figures, users: { answered: 30, satisfied: 27, share: 0.9 }, agentsNet: null, usersNet: null }],
      },
    });
    serveApi({ 'GET /api/survey-results/a1': () => ({ body: { data: agents } }), 'GET /api/survey-results/a1/texts': () => ({ body: { data: textPage(1) } }) });
    renderWithApp(
      <Routes>
        <Route path="/enquetes/resultats/:documentId" element={<SurveyResultsPage />} />
      </Routes>,
      { route: '/enquetes/resultats/a1' },
    );
    await screen.findByRole('heading', { level: 1, name: 'Résultats — Enquête agents 2026' });
    const byService = screen.getByRole('table', { name: 'Par service' });
    const petite = [...byService.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')?.textContent === 'Petite enfance')!;
    expect(petite.textContent).toContain('pas assez de réponses pour préserver l’anonymat');
    expect(petite.textContent).not.toContain('%');
    const comparison = screen.getByRole('table', { name: /Agents et usagers, sur les questions communes/ });
    expect([...comparison.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['75 %', '90 %']);
    expect(screen.getByTestId('survey-net').textContent).toContain('+50\u00a0points');
  });
});

function textPage(page: number) {
  return textAnswersPageSchema.parse({
    question: { id: 'remarque', label: 'Une remarque ?' },
    items: [
      { text: page === 1 ? 'Accueil très chaleureux' : `Réponse de la page ${page}`, source: 'paper', service: 'Accueil / État civil', receivedOn: '2026-01-10' },
      { text: 'Trop d’attente', source: 'online', service: null, receivedOn: '2026-01-09' },
    ],
    page,
    pageSize: 20,
    total: 45,
    pageCount: 3,
  });
}
