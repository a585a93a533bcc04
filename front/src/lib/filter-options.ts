import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';
import { useSession } from './auth';

/** A choice of a filter's list: campaigns, services and themes, for the exports, the roadmap… */
export interface Option {
  documentId: string;
  label: string;
  slug?: string;
}

export const filterOptionKeys = {
  all: ['filter-options'] as const,
  campaigns: () => [...filterOptionKeys.all, 'campaigns'] as const,
  services: () => [...filterOptionKeys.all, 'services'] as const,
  themes: () => [...filterOptionKeys.all, 'themes'] as const,
};

/** Campaigns, latest first. */
export function useCampaignOptions() {
  return useQuery({
    queryKey: filterOptionKeys.campaigns(),
    queryFn: async () =>
      (await api<{ data: { documentId: string; name: string }[] }>('/api/campaigns?sort=startDate:desc&fields[0]=name&pagination[pageSize]=100')).data.map((c) => ({
        documentId: c.documentId,
        label: c.name,
      })),
  });
}

/** Every service by name (the server still limits what each caller may export). */
export function useServiceOptions() {
  return useQuery({
    queryKey: filterOptionKeys.services(),
    queryFn: async () =>
      (await api<{ data: { documentId: string; name: string; slug: string }[] }>('/api/services?sort=name&fields[0]=name&fields[1]=slug&pagination[pageSize]=200')).data.map(
        (s) => ({ documentId: s.documentId, label: s.name, slug: s.slug }),
      ),
  });
}

export function useThemeOptions() {
  return useQuery({
    queryKey: filterOptionKeys.themes(),
    queryFn: async () =>
      (await api<{ data: { documentId: string; code: string; title: string }[] }>('/api/themes?sort[0]=order&sort[1]=code&fields[0]=code&fields[1]=title&pagination[pageSize]=200')).data.map(
        (t) => ({ documentId: t.documentId, label: `${t.code} — ${t.title}` }),
      ),
  });
}

/** The référentiel's criteria by code, for the forms that link a document to one. */
export function useCriterionOptions() {
  return useQuery({
    queryKey: [...filterOptionKeys.all, 'criteria'] as const,
    queryFn: async () =>
      (await api<{ data: { documentId: string; code: string; title: string }[] }>('/api/criteria?sort=code&fields[0]=code&fields[1]=title&pagination[pageSize]=500')).data.map(
        (c) => ({ documentId: c.documentId, label: `${c.code} — ${c.title}` }),
      ),
  });
}

/** The charter's principles in their order, for the roadmap action's form. */
export function usePrincipleOptions() {
  return useQuery({
    queryKey: [...filterOptionKeys.all, 'principles'] as const,
    queryFn: async () =>
      (await api<{ data: { documentId: string; title: string }[] }>('/api/charter-principles?sort=order&fields[0]=title&pagination[pageSize]=100')).data.map((p) => ({
        documentId: p.documentId,
        label: p.title,
      })),
  });
}

/**
 * The services a person may write a document for: every one for whoever sees every service
 * (référent qualité, DGS), else their own (the session's). `seesAll` says which.
 */
export function useWritableServices() {
  const session = useSession();
  const all = useServiceOptions();
  const seesAll = session.data?.role.readScope === 'all';
  const options = seesAll ? (all.data ?? []) : (session.data?.services ?? []).map((s) => ({ documentId: s.documentId, label: s.name, slug: s.slug }));
  return { seesAll, options };
}
