import type { MysteryFigures, MysteryResultRequest, MysteryTesterTest, TransitionResult } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const mysteryKeys = {
  all: ['mystery-tests'] as const,
  mine: () => [...mysteryKeys.all, 'mine'] as const,
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
