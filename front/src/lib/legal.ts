import type { LegalNotice } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

// In lib/ rather than in a feature: the legal pages read it, and so does every form that collects
// personal data (its short notice), and features do not import one another.
export const legalKey = ['legal'] as const;

/** config/legal.yaml as GET /api/legal serves it; it changes with a deployment only. */
export function useLegalNotice() {
  return useQuery({
    queryKey: legalKey,
    queryFn: async () => (await api<{ data: LegalNotice }>('/api/legal')).data,
    staleTime: Infinity,
  });
}
