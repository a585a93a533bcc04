import type { MysteryEvidenceTarget, MysteryFigures, MysteryPlanRequest, MysteryPlanResult, MysteryResultRequest, MysteryTesterTest, MysteryWavePlanning, TransitionResult } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../../lib/documents';
import { evidenceKeys } from '../../../lib/evidence';

export const mysteryKeys = {
  all: ['mystery-tests'] as const,
  mine: () => [...mysteryKeys.all, 'mine'] as const,
  evidence: (documentId: string) => [...mysteryKeys.all, 'evidence', documentId] as const,
  waves: () => [...mysteryKeys.all, 'waves'] as const,
  planning: (documentId: string) => [...mysteryKeys.all, 'planning', documentId] as const,
};

/** The tests entrusted to the logged-in tester (GET /api/my-mystery-tests), each with its grid. */
export function useMyTests() {
  return useQuery({
    queryKey: mysteryKeys.mine(),
    queryFn: async () => (await api<{ data: MysteryTesterTest[] }>('/api/my-mystery-tests')).data,
  });
}

/**
 * Saves the result; with `submit`, then sends it to the référent qualité through the workflow
 * (the same transition as everywhere else: POST /api/workflow/mystery-tests/:id/transitions).
 */
export function useSaveResult(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ result, submit }: { result: MysteryResultRequest; submit: boolean }) => {
      const saved = await api<{ data: MysteryTesterTest; meta: { message: string } }>(`/api/mystery-tests/${encodeURIComponent(documentId)}/result`, { method: 'PUT', json: result });
      if (!submit) return { test: saved.data, message: 'Résultat enregistré : vous pourrez le compléter avant de le soumettre.' };
      await api<{ data: TransitionResult }>(`/api/workflow/mystery-tests/${encodeURIComponent(documentId)}/transitions`, { method: 'POST', json: { action: 'submit' } });
      return { test: { ...saved.data, workflowState: 'submitted' }, message: 'Résultat soumis au référent qualité. Merci !' };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: mysteryKeys.all }),
  });
}

/** A wave's validated results, per service and channel (GET /api/mystery-results); the latest wave by default. */
export function useMysteryFigures(campaign: string) {
  return useQuery({
    queryKey: [...mysteryKeys.all, 'figures', campaign] as const,
    queryFn: async () => (await api<{ data: MysteryFigures }>(`/api/mystery-results${campaign ? `?campaign=${encodeURIComponent(campaign)}` : ''}`)).data,
  });
}

/** The evaluations a validated test can be a piece of (GET /api/mystery-tests/:documentId/evidence). */
export function useEvidenceTargets(documentId: string) {
  return useQuery({
    queryKey: mysteryKeys.evidence(documentId),
    queryFn: async () => (await api<{ data: MysteryEvidenceTarget[] }>(`/api/mystery-tests/${encodeURIComponent(documentId)}/evidence`)).data,
  });
}

/** Attaches the test's result sheet to one evaluation; the evaluation's page and pieces refresh after. */
export function useAttachAsEvidence(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (evaluation: string) =>
      (await api<{ data: MysteryEvidenceTarget; meta: { message: string } }>(`/api/mystery-tests/${encodeURIComponent(documentId)}/evidence`, { method: 'POST', json: { evaluation } })),
    onSettled: (_result, _error, evaluation) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: mysteryKeys.evidence(documentId) }),
        queryClient.invalidateQueries({ queryKey: documentKeys.detail('evaluations', evaluation) }),
        queryClient.invalidateQueries({ queryKey: evidenceKeys.all }),
      ]),
  });
}

export interface Wave {
  documentId: string;
  title: string;
  startDate: string;
  endDate: string;
  description: string | null;
}

/** Every wave, the latest first (the référent qualité reads them all). */
export function useWaves() {
  return useQuery({
    queryKey: mysteryKeys.waves(),
    queryFn: async () =>
      (await api<{ data: Wave[] }>('/api/mystery-campaigns?sort=startDate:desc&fields[0]=title&fields[1]=startDate&fields[2]=endDate&fields[3]=description&pagination[pageSize]=100')).data,
  });
}

/** A new wave (POST /api/mystery-campaigns); the list refreshes after. */
export function useCreateWave() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (data: { title: string; startDate: string; endDate: string; description: string | null }) => (await api<{ data: Wave }>('/api/mystery-campaigns', { method: 'POST', json: { data } })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mysteryKeys.waves() }),
  });
}

/** A wave's planning: its choices and its tests so far per service and channel. */
export function useWavePlanning(documentId: string) {
  return useQuery({
    queryKey: mysteryKeys.planning(documentId),
    queryFn: async () => (await api<{ data: MysteryWavePlanning }>(`/api/mystery-campaigns/${encodeURIComponent(documentId)}/planning`)).data,
  });
}

/** Plans N tests of a service on a channel (POST /api/mystery-campaigns/:documentId/plan). */
export function usePlanTests(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MysteryPlanRequest) =>
      api<{ data: MysteryPlanResult[]; meta: { message: string } }>(`/api/mystery-campaigns/${encodeURIComponent(documentId)}/plan`, { method: 'POST', json: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mysteryKeys.all }),
  });
}

/** Cancels a test not played yet (DELETE /api/mystery-tests/:documentId; the workflow allows it in draft only). */
export function useCancelTest(wave: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api<void>(`/api/mystery-tests/${encodeURIComponent(documentId)}`, { method: 'DELETE' }),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: mysteryKeys.planning(wave) }), queryClient.invalidateQueries({ queryKey: mysteryKeys.mine() })]),
  });
}
