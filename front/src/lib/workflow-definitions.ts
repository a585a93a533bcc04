import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

// The transition table of config/workflows.yaml as the cms serves it (GET /api/workflow/definitions):
// the labels of the states and actions every screen shows, and the transitions the buttons offer.

export interface TransitionDefinition {
  action: string;
  from: string;
  to: string;
  by: Record<string, 'any' | 'member' | 'head'>;
  commentRequired: boolean;
}
export interface WorkflowDefinition {
  name: string;
  collection: string;
  label: string;
  serviceBound: boolean;
  states: string[];
  editableIn: string[];
  transitions: TransitionDefinition[];
}
export interface Definitions {
  labels: { states: Record<string, string>; actions: Record<string, string> };
  workflows: WorkflowDefinition[];
}

export const definitionsKey = ['workflow', 'definitions'] as const;

export function useDefinitions() {
  return useQuery({
    queryKey: definitionsKey,
    queryFn: async () => (await api<{ data: Definitions }>('/api/workflow/definitions')).data,
    staleTime: Infinity,
  });
}
