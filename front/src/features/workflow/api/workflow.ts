import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { useSession, type Session } from '../../../lib/auth';
import { documentKeys } from '../../../lib/documents';
import { queryRoots } from '../../../lib/query-keys';
import { useDefinitions, type WorkflowDefinition } from '../../../lib/workflow-definitions';

export interface InboxItem {
  collection: string;
  type: string;
  documentId: string;
  title: string;
  workflowState: string;
  stateLabel: string;
  service: { documentId: string; name: string; slug: string } | null;
  updatedAt: string;
  actions: { action: string; label: string; commentRequired: boolean }[];
}
export interface HistoryEvent {
  action: string;
  actionLabel: string;
  from: string;
  to: string;
  actor: string;
  role: string;
  comment: string | null;
  at: string;
}

export const workflowKeys = {
  all: ['workflow'] as const,
  inbox: ['workflow', 'inbox'] as const,
  history: (collection: string, documentId: string) => ['workflow', 'history', collection, documentId] as const,
};

export function useInbox() {
  return useQuery({ queryKey: workflowKeys.inbox, queryFn: async () => (await api<{ data: InboxItem[] }>('/api/workflow/inbox')).data });
}

export function useHistory(collection: string, documentId: string) {
  return useQuery({
    queryKey: workflowKeys.history(collection, documentId),
    queryFn: async () => (await api<{ data: HistoryEvent[] }>(`/api/workflow/${collection}/${documentId}/history`)).data,
  });
}

/**
 * The actions the logged-in user may take on a document now, from the same transition table the
 * server enforces (GET /api/workflow/definitions): the server still decides, this only draws buttons.
 */
export function availableTransitions(definition: WorkflowDefinition | undefined, session: Session | null | undefined, state: string, serviceSlug?: string) {
  if (!definition || !session) return [];
  const membership = session.services.find((s) => s.slug === serviceSlug);
  return definition.transitions.filter((t) => {
    const scope = t.by[session.role.type];
    if (t.from !== state || !scope) return false;
    if (scope === 'member') return Boolean(membership);
    if (scope === 'head') return Boolean(membership?.isHead);
    return true;
  });
}

export function useAvailableTransitions(collection: string, state: string | undefined, serviceSlug?: string) {
  const definitions = useDefinitions();
  const session = useSession();
  const definition = definitions.data?.workflows.find((w) => w.collection === collection);
  return { definition, labels: definitions.data?.labels, transitions: state ? availableTransitions(definition, session.data, state, serviceSlug) : [] };
}

export function useTransition(collection: string, documentId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: workflowKeys.inbox }),
      queryClient.invalidateQueries({ queryKey: workflowKeys.history(collection, documentId) }),
      // The document itself and every list that shows its state (service page, public charter).
      queryClient.invalidateQueries({ queryKey: documentKeys.all }),
      // Every charter query: approving or reopening a principle may have made a version.
      queryClient.invalidateQueries({ queryKey: queryRoots.charter }),
      queryClient.invalidateQueries({ queryKey: queryRoots.progress }),
    ]);
  return useMutation({
    mutationFn: (body: { action: string; comment?: string }) =>
      api<{ data: { workflowState: string } }>(`/api/workflow/${collection}/${documentId}/transitions`, { method: 'POST', json: body }),
    // Success or conflict alike, the page shows the state as it now is.
    onSettled: refresh,
  });
}
