import {
  availableActions,
  type BatchResult,
  type HistoryEvent,
  type Inbox,
  type Membership,
  type Session,
  type TransitionResult,
  type WorkflowDefinition,
} from '@charte/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth';
import { documentKeys } from '../../../lib/documents';
import { queryRoots } from '../../../lib/query-keys';
import { queryString } from '../../../lib/query-string';
import { useDefinitions } from '../../../lib/workflow-definitions';

/** What « À traiter » is asked for: a type (collection), a service (slug), one group and its page. */
export interface InboxFilters {
  type?: string;
  service?: string;
  group?: string;
  page?: number;
}

export const workflowKeys = {
  all: ['workflow'] as const,
  inbox: ['workflow', 'inbox'] as const,
  inboxOf: (filters: InboxFilters) => ['workflow', 'inbox', filters] as const,
  history: (collection: string, documentId: string) => ['workflow', 'history', collection, documentId] as const,
};

/** GET /api/workflow/inbox: the groups, their counts and a page of each, under the filters. */
export function useInbox(filters: InboxFilters = {}) {
  const search = queryString({ type: filters.type, service: filters.service, group: filters.group, page: filters.page && filters.page > 1 ? String(filters.page) : undefined });
  return useQuery({
    queryKey: workflowKeys.inboxOf(filters),
    queryFn: async () => (await api<{ data: Inbox }>(`/api/workflow/inbox${search}`)).data,
    // A filter's change keeps the groups on screen until the new counts arrive.
    placeholderData: keepPreviousData,
  });
}

/** What a transition may have changed, whichever screen made it: the inbox, documents, figures. */
function refreshAfterTransitions(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: workflowKeys.inbox }),
    // The document itself and every list that shows its state (service page, public charter).
    queryClient.invalidateQueries({ queryKey: documentKeys.all }),
    // Every charter query: approving or reopening a principle may have made a version.
    queryClient.invalidateQueries({ queryKey: queryRoots.charter }),
    queryClient.invalidateQueries({ queryKey: queryRoots.progress }),
    queryClient.invalidateQueries({ queryKey: queryRoots.roadmap }),
  ]);
}

/** POST /api/workflow/batch: one action on several documents, each reported done or refused. */
export function useBatchTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { action: string; items: { collection: string; documentId: string }[] }) =>
      (await api<{ data: BatchResult }>('/api/workflow/batch', { method: 'POST', json: body })).data,
    onSettled: () => refreshAfterTransitions(queryClient),
  });
}

export function useHistory(collection: string, documentId: string) {
  return useQuery({
    queryKey: workflowKeys.history(collection, documentId),
    queryFn: async () => (await api<{ data: HistoryEvent[] }>(`/api/workflow/${collection}/${documentId}/history`)).data,
  });
}

/**
 * The actions the logged-in user may take on a document now, decided by the contract's own
 * `availableActions` on the transition table the server enforces (GET /api/workflow/definitions):
 * the server still decides, this only draws buttons.
 */
export function availableTransitions(definition: WorkflowDefinition | undefined, session: Session | null | undefined, state: string, serviceSlug?: string) {
  if (!definition || !session) return [];
  const service = session.services.find((s) => s.slug === serviceSlug);
  const membership: Membership = service ? (service.isHead ? 'head' : 'member') : 'none';
  return availableActions(definition, state, session.role.type, membership);
}

export function useAvailableTransitions(collection: string, state: string | undefined, serviceSlug?: string) {
  const definitions = useDefinitions();
  const session = useSession();
  const definition = definitions.data?.workflows.find((w) => w.collection === collection);
  return { definition, transitions: state ? availableTransitions(definition, session.data, state, serviceSlug) : [] };
}

export function useTransition(collection: string, documentId: string) {
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: workflowKeys.history(collection, documentId) }), refreshAfterTransitions(queryClient)]);
  return useMutation({
    mutationFn: (body: { action: string; comment?: string; changes?: Record<string, string | number> }) =>
      api<{ data: TransitionResult }>(`/api/workflow/${collection}/${documentId}/transitions`, { method: 'POST', json: body }),
    // Success or conflict alike, the page shows the state as it now is.
    onSettled: refresh,
  });
}
