import type { MailPage, MailRetried, MailState } from '@charte/contract';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

const BASE = '/charte-admin/mails';

export const mailKeys = {
  all: ['charte-admin', 'mails'] as const,
  page: (state: MailState, page: number) => [...mailKeys.all, state, page] as const,
};

export const PAGE_SIZE = 25;

export function useMails(state: MailState, page: number) {
  const { get } = useFetchClient();
  return useQuery({
    queryKey: mailKeys.page(state, page),
    queryFn: async () => (await get<MailPage>(BASE, { params: { state, page: String(page), pageSize: String(PAGE_SIZE) } })).data,
    // The counts and the table stay on screen while the next page loads.
    placeholderData: keepPreviousData,
    // Read again on every tab change: a tab's counts are those of the last answer, and mails move.
    staleTime: 0,
    // Mails leave every second: what waits now may have left a minute later.
    refetchInterval: 30_000,
  });
}

export function useRetryMail() {
  const { post } = useFetchClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await post<{ data: MailRetried }>(`${BASE}/retry`, { id })).data.data,
    // Refused or not, the list is stale: the mail moved to « En attente », or someone else retried it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailKeys.all }),
  });
}
