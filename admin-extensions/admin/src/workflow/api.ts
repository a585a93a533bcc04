import type { AdminWorkflowDefinitions, AdminWorkflowPanel, TransitionResult } from '@charte/contract';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { useMutation, useQuery } from '@tanstack/react-query';
import { PLUGIN_ID } from '../lib/plugin';
import { queryClient } from '../lib/query';

export const workflowKeys = {
  types: () => [PLUGIN_ID, 'workflow', 'types'] as const,
  panel: (uid: string, documentId: string) => [PLUGIN_ID, 'workflow', uid, documentId] as const,
};

// Hooks here run inside Strapi's own components (side panel, inputs, list cells), outside any
// provider of ours: they pass the plugin's query client explicitly.

/** The workflow types (cached for the session: they come from config/workflows.yaml). */
export function useWorkflowTypes() {
  const { get } = useFetchClient();
  return useQuery({
    queryKey: workflowKeys.types(),
    queryFn: async () => (await get<{ data: AdminWorkflowDefinitions }>(`/${PLUGIN_ID}/workflow/definitions`)).data.data,
    staleTime: Infinity,
  }, queryClient);
}

/** Whether `uid` follows a workflow; undefined while the definitions load. */
export function useIsWorkflowType(uid: string | undefined): boolean | undefined {
  const types = useWorkflowTypes();
  if (!uid) return false;
  return types.data ? types.data.types.some((t) => t.uid === uid) : undefined;
}

export function usePanel(uid: string, documentId: string | undefined, enabled = true) {
  const { get } = useFetchClient();
  return useQuery({
    queryKey: workflowKeys.panel(uid, documentId ?? ''),
    queryFn: async () => (await get<{ data: AdminWorkflowPanel }>(`/${PLUGIN_ID}/workflow/${uid}/${documentId}`)).data.data,
    enabled: enabled && !!documentId,
  }, queryClient);
}

export function useTransition(uid: string, documentId: string) {
  const { post } = useFetchClient();
  return useMutation({
    mutationFn: async (body: { action: string; comment?: string }) =>
      (await post<{ data: TransitionResult }>(`/${PLUGIN_ID}/workflow/${uid}/${documentId}/transitions`, body)).data.data,
    // Success or conflict, the state shown must be the server's.
    onSettled: () => queryClient.invalidateQueries({ queryKey: workflowKeys.panel(uid, documentId) }),
  }, queryClient);
}
