/** @jest-environment jsdom */
import { SCALE_LABELS } from '@charte/contract';
import { surveyResultsSchema } from '@charte/contract/schemas';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import SurveyResultsPage from '../../front/src/features/surveys/routes/SurveyResultsPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

const figures = { answered: 4, satisfied: 3, share: 0.75 };
const question = { id: 'accueil', kind: 'scale-1-4' as const, label: 'Comment jugez-vous l’accueil ?', counts: { '4': 2, '3': 1, '1': 1 }, answered: 4, satisfaction: figures };
// GET /api/survey-results/:documentId as the contract says the cms answers it.
const results = surveyResultsSchema.parse({
  survey: { documentId: 'q1', title: 'Satisfaction 2026', opensAt: '2026-01-05', closesAt: '2026-02-28', status: 'closed', service: null },
  target: 0.8,
  overall: { service: null, responses: 4, satisfaction: figures, questions: [question] },
  byService: [{ service: { documentId: 's1', name: 'Accueil / État civil' }, responses: 4, satisfaction: figures, questions: [question] }],
  scope: 'all',
});

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('Résultats d’une enquête', () => {
  it('counts each step of the scale under its contract label, and compares the share with the target', async () => {
    serveApi({ 'GET /api/survey-results/q1': () => ({ body: { data: results } }) });
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
  });
});
