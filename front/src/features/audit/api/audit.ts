import type { AuditPage } from '@charte/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface AuditFilters {
  type: string;
  documentId: string;
  actor: string;
  from: string;
  to: string;
  page: number;
}

export const auditKeys = {
  all: ['audit-log'] as const,
  page: (filters: AuditFilters) => [...auditKeys.all, filters] as const,
};

export function useAuditLog(filters: AuditFilters) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== '' && value !== undefined) params.set(key, String(value));
  return useQuery({
    queryKey: auditKeys.page(filters),
    queryFn: () => api<AuditPage>(`/api/audit-log?${params}`),
    placeholderData: keepPreviousData,
  });
}
