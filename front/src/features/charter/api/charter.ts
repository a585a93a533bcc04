import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface Principle {
  documentId: string;
  title: string;
  text: string;
  commitment: string | null;
  order: number;
}

export const charterKeys = {
  principles: ['charter', 'principles'] as const,
};

/** The approved principles, in order (the server shows the public nothing else). */
export function useCharter() {
  return useQuery({
    queryKey: charterKeys.principles,
    queryFn: async () =>
      (
        await api<{ data: Principle[] }>(
          '/api/charter-principles?filters[workflowState][$eq]=approved&sort=order:asc&fields[0]=title&fields[1]=text&fields[2]=commitment&fields[3]=order&pagination[pageSize]=100',
        )
      ).data,
  });
}
