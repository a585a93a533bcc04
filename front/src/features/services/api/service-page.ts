import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../workflow/api/documents';

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

function params(entries: [string, string][]) {
  return new URLSearchParams(entries);
}

export function useServiceEvaluations(service: string, campaign: string | undefined) {
  const p = params([
    ['filters[service][slug][$eq]', service],
    ['filters[campaign][documentId][$eq]', campaign ?? ''],
    ['fields[0]', 'result'],
    ['fields[1]', 'workflowState'],
    ['fields[2]', 'findings'],
    ['populate[criterion][fields][0]', 'code'],
    ['populate[criterion][fields][1]', 'title'],
    ['populate[criterion][populate][theme][fields][0]', 'code'],
    ['populate[criterion][populate][theme][fields][1]', 'title'],
    ['populate[criterion][populate][theme][fields][2]', 'order'],
    ['pagination[pageSize]', '200'],
  ]);
  return useQuery({ ...list<ServiceEvaluation>('evaluations', p), enabled: Boolean(campaign) });
}

export function useServiceInterviews(service: string) {
  const p = params([
    ['filters[service][slug][$eq]', service],
    ['fields[0]', 'date'],
    ['fields[1]', 'interviewees'],
    ['fields[2]', 'interviewer'],
    ['fields[3]', 'workflowState'],
    ['sort', 'date:desc'],
    ['pagination[pageSize]', '100'],
  ]);
  return useQuery(list<ServiceInterview>('interviews', p));
}

export function useServiceActions(service: string) {
  const p = params([
    ['filters[service][slug][$eq]', service],
    ['fields[0]', 'title'],
    ['fields[1]', 'owner'],
    ['fields[2]', 'dueDate'],
    ['fields[3]', 'status'],
    ['fields[4]', 'progress'],
    ['fields[5]', 'workflowState'],
    ['sort', 'dueDate:asc'],
    ['pagination[pageSize]', '200'],
  ]);
  return useQuery(list<ServiceAction>('roadmap-actions', p));
}
