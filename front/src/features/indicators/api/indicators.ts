import type { IndicatorsOverview, IndicatorTrend } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface MeasureInProgress {
  documentId: string;
  period: string;
  value: number;
  workflowState: string;
  indicator: { code: string; name: string } | null;
  service: { name: string; slug: string } | null;
}

export const indicatorKeys = {
  all: ['indicators'] as const,
  overview: () => [...indicatorKeys.all, 'overview'] as const,
  trend: (documentId: string, periods: number) => [...indicatorKeys.all, 'trend', documentId, periods] as const,
  inProgress: () => [...indicatorKeys.all, 'in-progress'] as const,
};

export function useIndicatorsOverview() {
  return useQuery({
    queryKey: indicatorKeys.overview(),
    queryFn: () => api<IndicatorsOverview>('/api/indicators-report'),
  });
}

export function useIndicatorTrend(documentId: string, periods: number) {
  return useQuery({
    queryKey: indicatorKeys.trend(documentId, periods),
    queryFn: () => api<IndicatorTrend>(`/api/indicators-report/${encodeURIComponent(documentId)}/trend?periods=${periods}`),
  });
}

/** The caller's measures not validated yet (drafts to submit, submitted ones awaiting the head). */
const IN_PROGRESS = new URLSearchParams({
  'filters[workflowState][$ne]': 'validated',
  'fields[0]': 'period',
  'fields[1]': 'value',
  'fields[2]': 'workflowState',
  'populate[indicator][fields][0]': 'code',
  'populate[indicator][fields][1]': 'name',
  'populate[service][fields][0]': 'name',
  'populate[service][fields][1]': 'slug',
  sort: 'period:desc',
  'pagination[pageSize]': '100',
}).toString();

export function useMeasuresInProgress() {
  return useQuery({
    queryKey: indicatorKeys.inProgress(),
    queryFn: async () => (await api<{ data: MeasureInProgress[] }>(`/api/measures?${IN_PROGRESS}`)).data,
  });
}

export interface NewMeasure {
  indicator: string;
  service?: string;
  period: string;
  value: number;
  comment?: string;
}

export function useCreateMeasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (data: NewMeasure) =>
      (
        await api<{ data: { documentId: string } }>('/api/measures', {
          method: 'POST',
          json: { data },
        })
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}
