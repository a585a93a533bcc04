import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryString } from '../../../lib/query-string';

export type GroupBy = 'principle' | 'service';

export interface RoadmapAction {
  documentId: string;
  title: string;
  owner: string;
  ownerHasAccount: boolean;
  priority: string;
  priorityLabel: string;
  startDate: string | null;
  dueDate: string | null;
  status: string;
  statusLabel: string;
  progress: number;
  late: boolean;
  workflowState: string;
  workflowStateLabel: string;
  service: { documentId: string; name: string; slug: string } | null;
  principle: { documentId: string; title: string; order: number | null } | null;
  criterion: { code: string; title: string } | null;
}

export interface RoadmapGroup {
  key: string;
  label: string;
  actions: RoadmapAction[];
  counts: { total: number; late: number; done: number };
}

export interface RoadmapFilters {
  groupBy: GroupBy;
  service?: string;
  status?: string;
  late?: 'true';
}

export interface RoadmapResponse {
  data: RoadmapGroup[];
  meta: { today: string; groupBy: GroupBy; total: number; late: number };
}

export const ROADMAP_STATUSES: [string, string][] = [
  ['a-lancer', 'À lancer'],
  ['en-cours', 'En cours'],
  ['abouti', 'Abouti'],
  ['abandonne', 'Abandonné'],
];

export const roadmapKeys = {
  all: ['roadmap'] as const,
  list: (filters: RoadmapFilters) => [...roadmapKeys.all, 'list', filters] as const,
};

export const roadmapQuery = (filters: RoadmapFilters) => queryString({ groupBy: filters.groupBy, service: filters.service, status: filters.status, late: filters.late });

export function useRoadmap(filters: RoadmapFilters) {
  return useQuery({
    queryKey: roadmapKeys.list(filters),
    queryFn: () => api<RoadmapResponse>(`/api/roadmap${roadmapQuery(filters)}`),
    placeholderData: (previous) => previous,
  });
}
