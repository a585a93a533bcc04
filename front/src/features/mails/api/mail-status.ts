import type { MailStatus } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const mailKeys = {
  status: ['mail-status'] as const,
};

/** Asked only for the roles the session says are told (config/roles.yaml mailAlertReaders): the others would get a 403. */
export function useMailStatus(enabled: boolean) {
  return useQuery({
    queryKey: mailKeys.status,
    queryFn: async () => (await api<{ data: MailStatus }>('/api/mail-status')).data,
    enabled,
    // An outage is news while it lasts: looked at again every minute, on whatever page is open.
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
}
