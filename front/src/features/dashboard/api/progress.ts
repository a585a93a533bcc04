import type { CampaignSummary, ProgressResponse, ThemeProgressResponse } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/query-keys';
import { queryString } from '../../../lib/query-string';

export const progressKeys = {
  all: queryRoots.progress,
  services: (campaign?: string) => [...progressKeys.all, 'services', campaign ?? 'latest'] as const,
  themes: (campaign: string | undefined, service: string) => [...progressKeys.all, 'themes', campaign ?? 'latest', service] as const,
};
export const campaignKeys = {
  list: ['campaigns'] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.list,
    queryFn: async () =>
      (await api<{ data: CampaignSummary[] }>('/api/campaigns?sort=startDate:desc&fields[0]=name&fields[1]=startDate&fields[2]=kind&pagination[pageSize]=100')).data,
  });
}

export function useProgress(campaign?: string) {
  return useQuery({
    queryKey: progressKeys.services(campaign),
    queryFn: () =>
      api<ProgressResponse>(`/api/progress${queryString({ campaign })}`),
  });
}

export function useThemeProgress(campaign: string | undefined, service: string) {
  return useQuery({
    queryKey: progressKeys.themes(campaign, service),
    queryFn: () => api<ThemeProgressResponse>(`/api/progress/themes${queryString({ campaign, service })}`),
  });
}
