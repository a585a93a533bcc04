/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { EvaluationForm } from '../../front/src/features/evaluations/components/EvaluationForm';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

const MARKER = 'Pré-remplie depuis la campagne précédente — à relire';
const draft = (prefilled: boolean) => ({
  documentId: 'e1',
  workflowState: 'draft',
  prefilled,
  result: prefilled ? 'partiel' : 'non-evalue',
  findings: prefilled ? 'Constat repris de 2026' : null,
  evidence: [],
});

beforeEach(() => {
  tokenStore.set('jeton');
  serveApi({});
});
afterEach(() => localStorage.clear());

describe('EvaluationForm', () => {
  it('tells that a draft copied from the previous campaign is to be reviewed, above its copied content', () => {
    renderWithApp(<EvaluationForm evaluation={draft(true)} />);
    expect(screen.getByText(MARKER)).toBeTruthy();
    expect((screen.getByLabelText('Constats') as HTMLTextAreaElement).value).toBe('Constat repris de 2026');
    expect((screen.getByLabelText('Résultat') as HTMLSelectElement).value).toBe('partiel');
  });

  it('shows no marker on an ordinary draft', () => {
    renderWithApp(<EvaluationForm evaluation={draft(false)} />);
    expect(screen.queryByText(MARKER)).toBeNull();
  });
});
