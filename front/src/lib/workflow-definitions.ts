import type { WorkflowDefinitions } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

// The transition table of config/workflows.yaml as the cms serves it (GET /api/workflow/definitions):
// the transitions the buttons offer, and what each type may edit in which state.

export const definitionsKey = ['workflow', 'definitions'] as const;

export function useDefinitions() {
  return useQuery({
    queryKey: definitionsKey,
    queryFn: async () => (await api<{ data: WorkflowDefinitions }>('/api/workflow/definitions')).data,
    staleTime: Infinity,
  });
}
