import type { PublishedResults } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const resultsKeys = { all: ['published-results'] as const };

export function usePublishedResults() {
  return useQuery({
    queryKey: resultsKeys.all,
    queryFn: () => api<PublishedResults>('/api/public/results'),
  });
}
