import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api-client';
import { queryRoots } from './query-keys';

// The workflow documents (evaluations, interviews, roadmap actions, charter principles, measures) as
// the REST API serves them, one at a time: read by the item page, edited by the evaluation form, and
// listed under the same keys by the service page, so that an edit or a transition refreshes them all.

/** Each collection's fields and relations, pinned here: the front never asks for every relation at once. */
const POPULATE: Record<string, Record<string, string[]>> = {
  evaluations: {
    service: ['name', 'slug'],
    campaign: ['name'],
    criterion: ['code', 'title', 'description', 'guidance', 'expectedEvidence'],
    evidence: ['name', 'url', 'mime', 'size'],
  },
  interviews: { service: ['name', 'slug'], campaign: ['name'], criteria: ['code', 'title'] },
  'roadmap-actions': {
    service: ['name', 'slug'],
    criterion: ['code', 'title'],
    principle: ['title'],
    evidence: ['name', 'url', 'mime', 'size'],
    promptComplaint: ['kind', 'receivedAt'],
    promptSurvey: ['title'],
    promptFinding: ['grade', 'fact'],
    promptMysteryTest: ['title'],
  },
  'audit-findings': { service: ['name', 'slug'], campaign: ['name'], criterion: ['code', 'title'] },
  'charter-principles': { criteria: ['code', 'title'], indicator: ['name', 'target', 'unit'] },
  measures: { service: ['name', 'slug'], indicator: ['code', 'name', 'unit', 'target', 'direction', 'frequency'] },
  'feedback-replies': { complaint: ['kind', 'receivedAt', 'subject'] },
  // Not the wave: a service's staff do not read the waves (config/roles.yaml), only validated tests.
  'mystery-tests': { service: ['name', 'slug'] },
};

export function populateQuery(collection: string): string {
  const params = new URLSearchParams();
  for (const [relation, fields] of Object.entries(POPULATE[collection] ?? {})) {
    fields.forEach((field, i) => params.append(`populate[${relation}][fields][${i}]`, field));
  }
  return params.toString();
}

export const documentKeys = {
  all: ['documents'] as const,
  detail: (collection: string, documentId: string) => ['documents', collection, documentId] as const,
  list: (collection: string, filters: string) => ['documents', collection, 'list', filters] as const,
};

// Its fields depend on the collection (POPULATE above): the item page reads them per type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one document type for five collections
export type WorkflowDocument = Record<string, any> & { documentId: string; workflowState: string; service?: { documentId: string; name: string; slug: string } | null };

export function useDocument(collection: string, documentId: string) {
  return useQuery({
    queryKey: documentKeys.detail(collection, documentId),
    queryFn: async () => (await api<{ data: WorkflowDocument }>(`/api/${collection}/${documentId}?${populateQuery(collection)}`)).data,
  });
}

export function useUpdateDocument(collection: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: Record<string, unknown>) => api(`/api/${collection}/${documentId}`, { method: 'PUT', json: { data } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: documentKeys.detail(collection, documentId) }),
        queryClient.invalidateQueries({ queryKey: queryRoots.progress }),
        queryClient.invalidateQueries({ queryKey: queryRoots.roadmap }),
      ]),
  });
}

/** Creates a document of a workflow type (in its initial state); resolves with it. */
export function useCreateDocument(collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (data: Record<string, unknown>) => (await api<{ data: WorkflowDocument }>(`/api/${collection}`, { method: 'POST', json: { data } })).data,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: documentKeys.all }),
        queryClient.invalidateQueries({ queryKey: queryRoots.progress }),
        queryClient.invalidateQueries({ queryKey: queryRoots.roadmap }),
      ]),
  });
}
