import type { RoadmapResponse, ServiceEvaluationsResponse, ServiceInterviewsResponse } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../../lib/documents';
import { serviceActionsPath, serviceEvaluationsPath, serviceInterviewsPath } from './service-queries';

export function useServiceEvaluations(service: string, campaign: string | undefined) {
  const path = serviceEvaluationsPath(service, campaign ?? '');
  return useQuery({
    // Under the evaluations' list keys, so that an edit or a transition refreshes it like any list.
    queryKey: documentKeys.list('evaluations', path),
    queryFn: async () => (await api<ServiceEvaluationsResponse>(path)).data,
    enabled: Boolean(campaign),
  });
}

// Under each collection's list keys, so that an edit or a transition refreshes them like any list.
export function useServiceInterviews(service: string) {
  const path = serviceInterviewsPath(service);
  return useQuery({
    queryKey: documentKeys.list('interviews', path),
    queryFn: async () => (await api<ServiceInterviewsResponse>(path)).data,
  });
}

export function useServiceActions(service: string) {
  const path = serviceActionsPath(service);
  return useQuery({
    queryKey: documentKeys.list('roadmap-actions', path),
    // One group: the service's. Its actions come sorted by due date.
    queryFn: async () => (await api<RoadmapResponse>(path)).data.flatMap((group) => group.actions),
  });
}
