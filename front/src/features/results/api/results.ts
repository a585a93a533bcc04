import type { PublicFeedback, PublishedResults } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const resultsKeys = { all: ['published-results'] as const, feedback: ['published-results', 'feedback'] as const };

export function usePublishedResults() {
  return useQuery({
    queryKey: resultsKeys.all,
    queryFn: () => api<PublishedResults>('/api/public/results'),
  });
}

/** The files of « Nos résultats »: the SP+ open-data rows and the poster of the lieux d'accueil. */
export const openDataCsvPath = '/api/public/open-data/resultats.csv';
export const openDataJsonPath = '/api/public/open-data/resultats.json';
export const posterPath = (format: 'A4' | 'A3') => `/api/public/results/poster.pdf?format=${format}`;

/** « Vous nous l’avez dit, nous l’avons fait »: approved public replies and this year's done actions. */
export function usePublicFeedback() {
  return useQuery({
    queryKey: resultsKeys.feedback,
    queryFn: () => api<PublicFeedback>('/api/public/feedback'),
  });
}
