import type { CharterVersion, CharterVersionSummary, CurrentCharter } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/query-keys';

export const charterKeys = {
  all: queryRoots.charter,
  current: () => [...charterKeys.all, 'current'] as const,
  versions: () => [...charterKeys.all, 'versions'] as const,
  version: (number: number) => [...charterKeys.all, 'versions', number] as const,
};

export const charterPdfPath = (number?: number) => (number ? `/api/public/charter.pdf?version=${number}` : '/api/public/charter.pdf');

/** The charter in force (the latest version), or null while no principle has been approved. */
export function useCurrentCharter() {
  return useQuery({
    queryKey: charterKeys.current(),
    queryFn: () => api<CurrentCharter>('/api/public/charter'),
  });
}

export function useCharterVersion(number: number | undefined) {
  return useQuery({
    queryKey: charterKeys.version(number ?? 0),
    queryFn: async () => (await api<{ data: CharterVersion }>(`/api/public/charter/versions/${number}`)).data,
    enabled: number !== undefined,
  });
}

export function useCharterVersions() {
  return useQuery({
    queryKey: charterKeys.versions(),
    queryFn: async () => (await api<{ data: CharterVersionSummary[] }>('/api/public/charter/versions')).data,
  });
}
