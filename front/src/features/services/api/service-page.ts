import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../workflow/api/documents';
import { serviceActionsQuery, serviceEvaluationsPath, serviceInterviewsQuery } from './service-queries';

export interface ServiceEvaluation {
  documentId: string;
  result: string;
  workflowState: string;
  findings: string | null;
  criterion: { code: string; title: string; theme: { code: string; title: string; order: number } | null } | null;
}
export interface ServiceInterview {
  documentId: string;
  date: string;
  interviewees: string;
  interviewer: string;
  workflowState: string;
}
export interface ServiceAction {
  documentId: string;
  title: string;
  owner: string;
  dueDate: string | null;
  status: string;
  progress: number;
  workflowState: string;
}

const list = <T,>(collection: string, params: URLSearchParams) => ({
  queryKey: documentKeys.list(collection, params.toString()),
  queryFn: async () => (await api<{ data: T[] }>(`/api/${collection}?${params}`)).data,
});

export function useServiceEvaluations(service: string, campaign: string | undefined) {
  const path = serviceEvaluationsPath(service, campaign ?? '');
  return useQuery({
    // Under the evaluations' list keys, so that an edit or a transition refreshes it like any list.
    queryKey: documentKeys.list('evaluations', path),
    queryFn: async () => (await api<{ data: ServiceEvaluation[] }>(path)).data,
    enabled: Boolean(campaign),
  });
}

export function useServiceInterviews(service: string) {
  return useQuery(list<ServiceInterview>('interviews', serviceInterviewsQuery(service)));
}

export function useServiceActions(service: string) {
  return useQuery(list<ServiceAction>('roadmap-actions', serviceActionsQuery(service)));
}
