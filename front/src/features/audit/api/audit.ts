import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface AuditChange {
  field: string;
  label: string;
  masked: boolean;
  before: string | null;
  after: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { kind: 'user' | 'admin' | 'public' | 'system'; id: number | null; name: string | null };
  origin: 'rest' | 'admin' | 'script';
  contentType: { uid: string; label: string; collection: string | null };
  documentId: string | null;
  action: string;
  actionLabel: string;
  detail: { action?: string; comment?: string | null; bulk?: string } | null;
  changes: AuditChange[];
}

export interface AuditPage {
  data: AuditEntry[];
  meta: { pagination: { page: number; pageSize: number; total: number; pageCount: number }; types: { uid: string; label: string }[] };
}

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
