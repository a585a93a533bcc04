import type { CharterVersion, CharterVersionSummary, CurrentCharter, DecisionResult } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../../lib/documents';
import { queryRoots } from '../../../lib/query-keys';

export const charterKeys = {
  all: queryRoots.charter,
  current: () => [...charterKeys.all, 'current'] as const,
  versions: () => [...charterKeys.all, 'versions'] as const,
  version: (number: number) => [...charterKeys.all, 'versions', number] as const,
  /** Every principle whatever its state, for whoever writes or approves the charter. */
  principles: () => [...charterKeys.all, 'principles'] as const,
};

export const charterPdfPath = (number?: number) => (number ? `/api/public/charter.pdf?version=${number}` : '/api/public/charter.pdf');

/** The charter in force (the latest version), or null while no principle has been approved. */
export function useCurrentCharter() {
  return useQuery({
    queryKey: charterKeys.current(),
    queryFn: () => api<CurrentCharter>('/api/public/charter'),
  });
}

export function useCharterVersion(number: number | undefined) {
  return useQuery({
    queryKey: charterKeys.version(number ?? 0),
    queryFn: async () => (await api<{ data: CharterVersion }>(`/api/public/charter/versions/${number}`)).data,
    enabled: number !== undefined,
  });
}

export function useCharterVersions() {
  return useQuery({
    queryKey: charterKeys.versions(),
    queryFn: async () => (await api<{ data: CharterVersionSummary[] }>('/api/public/charter/versions')).data,
  });
}

/** A principle as the staff's charter page lists it (GET /api/charter-principles, every state). */
export interface StaffPrinciple {
  documentId: string;
  title: string;
  text: string;
  commitment: string | null;
  order: number;
  workflowState: string;
  updatedAt: string;
}

const PRINCIPLE_FIELDS = ['title', 'text', 'commitment', 'order', 'workflowState', 'updatedAt'];

export function useCharterPrinciples() {
  return useQuery({
    queryKey: charterKeys.principles(),
    queryFn: async () => {
      const params = new URLSearchParams({ 'sort[0]': 'order:asc', 'sort[1]': 'id:asc', 'pagination[pageSize]': '200' });
      PRINCIPLE_FIELDS.forEach((field, i) => params.append(`fields[${i}]`, field));
      return (await api<{ data: StaffPrinciple[] }>(`/api/charter-principles?${params}`)).data;
    },
  });
}

/**
 * « Approuver la charte »: the DGS approves at once the submitted principles they read (the
 * server refuses with a 409 if the list changed meanwhile) and publishes one version.
 */
export function useApproveCharter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { documents: string[]; comment?: string }) =>
      (await api<DecisionResult>('/api/workflow/decisions/charter-approval', { method: 'POST', json: body })).data,
    // Approved or refused (someone was faster), the page shows the charter as it now is.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.charter }),
        queryClient.invalidateQueries({ queryKey: documentKeys.all }),
      ]),
  });
}

/** The référentiel's indicators by code, for the principle's « indicateur de suivi ». */
export function useIndicatorOptions() {
  return useQuery({
    queryKey: [...charterKeys.all, 'indicator-options'] as const,
    queryFn: async () =>
      (await api<{ data: { documentId: string; code: string; name: string }[] }>('/api/indicators?sort=code&fields[0]=code&fields[1]=name&pagination[pageSize]=200')).data.map((i) => ({
        documentId: i.documentId,
        label: `${i.code} — ${i.name}`,
      })),
  });
}
