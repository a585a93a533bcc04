import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../../lib/documents';
import { serviceActionsPath, serviceEvaluationsPath, serviceInterviewsPath } from './service-queries';

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

export function useServiceEvaluations(service: string, campaign: string | undefined) {
  const path = serviceEvaluationsPath(service, campaign ?? '');
  return useQuery({
    // Under the evaluations' list keys, so that an edit or a transition refreshes it like any list.
    queryKey: documentKeys.list('evaluations', path),
    queryFn: async () => (await api<{ data: ServiceEvaluation[] }>(path)).data,
    enabled: Boolean(campaign),
  });
}

// Under each collection's list keys, so that an edit or a transition refreshes them like any list.
export function useServiceInterviews(service: string) {
  const path = serviceInterviewsPath(service);
  return useQuery({
    queryKey: documentKeys.list('interviews', path),
    queryFn: async () => (await api<{ data: ServiceInterview[] }>(path)).data,
  });
}

export function useServiceActions(service: string) {
  const path = serviceActionsPath(service);
  return useQuery({
    queryKey: documentKeys.list('roadmap-actions', path),
    // One group: the service's. Its actions come sorted by due date.
    queryFn: async () => (await api<{ data: { actions: ServiceAction[] }[] }>(path)).data.flatMap((group) => group.actions),
  });
}
