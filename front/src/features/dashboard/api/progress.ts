import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/query-keys';
import { queryString } from '../../../lib/query-string';

export interface ServiceProgress {
  service: { documentId: string; name: string; slug: string };
  conformityRate: number | null;
  previousConformityRate?: number | null;
  evaluations: { total: number; draft: number; submitted: number; validated: number; approved: number };
  roadmap: { total: number; done: number };
}
export interface CampaignSummary {
  documentId: string;
  name: string;
  kind?: string;
  startDate: string;
}
export interface ThemeProgress {
  theme: { code: string; title: string };
  evaluations: number;
  conformityRate: number | null;
}

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
      api<{ data: ServiceProgress[]; meta: { campaign: CampaignSummary | null; previousCampaign: CampaignSummary | null } }>(`/api/progress${queryString({ campaign })}`),
  });
}

export function useThemeProgress(campaign: string | undefined, service: string) {
  return useQuery({
    queryKey: progressKeys.themes(campaign, service),
    queryFn: () => api<{ data: ThemeProgress[]; meta: { campaign: CampaignSummary | null } }>(`/api/progress/themes${queryString({ campaign, service })}`),
  });
}
