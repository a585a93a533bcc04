import type { BuilderOptions, BuildRequest, BuildStarted, BuildStatus } from '@charte/contract';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { useMutation, useQuery } from '@tanstack/react-query';

const BASE = '/charte-admin/campaigns';
const POLL_MS = 500;

export const campaignKeys = {
  all: ['charte-admin', 'campaigns'] as const,
  builder: () => [...campaignKeys.all, 'builder'] as const,
  build: (buildId: string) => [...campaignKeys.all, 'builds', buildId] as const,
};

export function useBuilderOptions() {
  const { get } = useFetchClient();
  return useQuery({
    queryKey: campaignKeys.builder(),
    queryFn: async ({ signal }) => (await get<{ data: BuilderOptions }>(`${BASE}/builder`, { signal })).data.data,
  });
}

export function useStartBuild() {
  const { post } = useFetchClient();
  return useMutation({
    mutationFn: async (request: BuildRequest) =>
      (await post<{ data: BuildStarted }, BuildRequest>(`${BASE}/builds`, request)).data.data,
  });
}

/** Polls a build every 500 ms until it is done or failed. */
export function useBuildStatus(buildId: string | null) {
  const { get } = useFetchClient();
  return useQuery({
    queryKey: campaignKeys.build(buildId ?? ''),
    enabled: buildId !== null,
    queryFn: async ({ signal }) =>
      (await get<{ data: BuildStatus }>(`${BASE}/builds/${encodeURIComponent(buildId ?? '')}`, { signal })).data.data,
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      return !query.state.data || query.state.data.state === 'running' ? POLL_MS : false;
    },
    // A poll that fails once (a network hiccup) is retried rather than ending the wait.
    retry: 3,
    staleTime: 0,
  });
}
