import type { RoadmapFilters, RoadmapResponse, SurveyResults, SurveySummary } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/query-keys';
import { queryString } from '../../../lib/query-string';

export const roadmapKeys = {
  all: queryRoots.roadmap,
  list: (filters: RoadmapFilters) => [...roadmapKeys.all, 'list', filters] as const,
};

export const roadmapQuery = (filters: RoadmapFilters) =>
  queryString({ groupBy: filters.groupBy, service: filters.service, status: filters.status, late: filters.late ? 'true' : undefined });

export function useRoadmap(filters: RoadmapFilters) {
  return useQuery({
    queryKey: roadmapKeys.list(filters),
    queryFn: () => api<RoadmapResponse>(`/api/roadmap${roadmapQuery(filters)}`),
    placeholderData: (previous) => previous,
  });
}

/** A complaint or suggestion an action may cite: its nature and day, never its author. */
export interface PromptComplaintOption {
  documentId: string;
  kind: string;
  receivedAt: string | null;
  subject: string;
}

/** The latest complaints of a service (100 at most), for « Réclamation ou suggestion à l’origine ». */
export function usePromptComplaints(service: string) {
  return useQuery({
    queryKey: [...roadmapKeys.all, 'prompt-complaints', service] as const,
    queryFn: async () => {
      const query = new URLSearchParams({ 'filters[service][documentId][$eq]': service, 'sort[0]': 'receivedAt:desc', 'pagination[pageSize]': '100' });
      ['kind', 'receivedAt', 'subject'].forEach((field, i) => query.append(`fields[${i}]`, field));
      return (await api<{ data: PromptComplaintOption[] }>(`/api/complaints?${query}`)).data;
    },
    enabled: !!service,
  });
}

/** The surveys an action may cite, and the questions of the one chosen. */
export function usePromptSurveys() {
  return useQuery({
    queryKey: [...roadmapKeys.all, 'prompt-surveys'] as const,
    queryFn: async () => (await api<{ data: SurveySummary[] }>('/api/survey-results')).data,
  });
}

export function usePromptQuestions(survey: string) {
  return useQuery({
    queryKey: [...roadmapKeys.all, 'prompt-questions', survey] as const,
    queryFn: async () => (await api<{ data: SurveyResults }>(`/api/survey-results/${encodeURIComponent(survey)}`)).data.overall.questions.map((q) => ({ id: q.id, label: q.label })),
    enabled: !!survey,
  });
}
