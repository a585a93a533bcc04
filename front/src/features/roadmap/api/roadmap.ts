import type { RoadmapFilters, RoadmapResponse } from '@charte/contract';
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
