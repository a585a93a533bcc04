import type { AuditMandateView, Readiness, TransitionResult } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../../lib/documents';
import { queryRoots } from '../../../lib/query-keys';

export const certificationKeys = {
  all: ['certification'] as const,
  mandate: () => [...certificationKeys.all, 'mandate'] as const,
  evaluations: (service: string) => [...certificationKeys.all, 'evaluations', service] as const,
  findings: (filters: string) => [...certificationKeys.all, 'findings', filters] as const,
  readiness: (campaign: string, service: string) => [...certificationKeys.all, 'readiness', campaign, service] as const,
  campaigns: () => [...certificationKeys.all, 'campaigns'] as const,
};

export interface Finding {
  documentId: string;
  grade: string;
  fact: string;
  requirement: string | null;
  rootCause: string | null;
  workflowState: string;
  updatedAt: string;
  service: { documentId: string; name: string; slug: string } | null;
  criterion: { documentId: string; code: string; title: string } | null;
  campaign?: { documentId: string; name: string } | null;
}

export interface AuditedEvaluation {
  documentId: string;
  result: string | null;
  workflowState: string;
  findings: string | null;
  criterion: { documentId: string; code: string; title: string } | null;
  evidence: { id: number; name: string; url: string; mime?: string | null; size?: number | null }[] | null;
}

export interface CorrectiveAction {
  documentId: string;
  title: string;
  actionStatus: string;
  dueDate: string | null;
  promptFinding: { documentId: string } | null;
}

/** The logged-in auditor's mission (GET /api/audit/mandate). */
export function useMandate(enabled = true) {
  return useQuery({
    queryKey: certificationKeys.mandate(),
    queryFn: async () => (await api<{ data: AuditMandateView }>('/api/audit/mandate')).data,
    enabled,
  });
}

/** A service's evaluations as the auditor reads them (their read scope keeps them to the audited campaign). */
export function useAuditedEvaluations(service: string) {
  return useQuery({
    queryKey: certificationKeys.evaluations(service),
    enabled: Boolean(service),
    queryFn: async () => {
      const params = new URLSearchParams({ 'filters[service][documentId]': service, 'pagination[pageSize]': '200', sort: 'id:asc' });
      ['result', 'workflowState', 'findings'].forEach((f, i) => params.append(`fields[${i}]`, f));
      ['code', 'title'].forEach((f, i) => params.append(`populate[criterion][fields][${i}]`, f));
      ['name', 'url', 'mime', 'size'].forEach((f, i) => params.append(`populate[evidence][fields][${i}]`, f));
      const rows = (await api<{ data: AuditedEvaluation[] }>(`/api/evaluations?${params}`)).data;
      return rows.sort((a, b) => (a.criterion?.code ?? '').localeCompare(b.criterion?.code ?? '', 'fr', { numeric: true }));
    },
  });
}

const findingParams = (extra: Record<string, string> = {}) => {
  const params = new URLSearchParams({ 'pagination[pageSize]': '200', sort: 'updatedAt:desc', ...extra });
  ['name', 'slug'].forEach((f, i) => params.append(`populate[service][fields][${i}]`, f));
  ['code', 'title'].forEach((f, i) => params.append(`populate[criterion][fields][${i}]`, f));
  return params.toString();
};

/** The findings the caller reads (the auditor's own campaign; the référent's all), newest first. */
export function useFindings(filters: Record<string, string> = {}) {
  const query = findingParams(filters);
  return useQuery({
    queryKey: certificationKeys.findings(query),
    queryFn: async () => (await api<{ data: Finding[] }>(`/api/audit-findings?${query}`)).data,
  });
}

/** The roadmap actions created from findings (promptFinding), to tell which finding already has its action. */
export function useCorrectiveActions(enabled = true) {
  return useQuery({
    queryKey: [...certificationKeys.all, 'corrective-actions'] as const,
    enabled,
    queryFn: async () => {
      const params = new URLSearchParams({ 'filters[promptFinding][id][$notNull]': 'true', 'pagination[pageSize]': '200' });
      ['title', 'actionStatus', 'dueDate'].forEach((f, i) => params.append(`fields[${i}]`, f));
      params.append('populate[promptFinding][fields][0]', 'documentId');
      return (await api<{ data: CorrectiveAction[] }>(`/api/roadmap-actions?${params}`)).data;
    },
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: certificationKeys.all }),
      queryClient.invalidateQueries({ queryKey: documentKeys.all }),
      queryClient.invalidateQueries({ queryKey: queryRoots.roadmap }),
    ]);
}

/** Records a finding (in the auditor's campaign, filled in by the cms), and submits it at once when asked. */
export function useRecordFinding() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ data, submit }: { data: Record<string, unknown>; submit: boolean }) => {
      const created = (await api<{ data: Finding }>('/api/audit-findings', { method: 'POST', json: { data } })).data;
      if (submit) await api<{ data: TransitionResult }>(`/api/workflow/audit-findings/${encodeURIComponent(created.documentId)}/transitions`, { method: 'POST', json: { action: 'submit' } });
      return created;
    },
    onSettled: invalidate,
  });
}

/** A step of a finding's circuit (config/workflows.yaml, audit-finding), with the cause it may note. */
export function useFindingStep() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ documentId, action, rootCause }: { documentId: string; action: 'submit' | 'acknowledge' | 'settle'; rootCause?: string }) =>
      api<{ data: TransitionResult }>(`/api/workflow/audit-findings/${encodeURIComponent(documentId)}/transitions`, {
        method: 'POST',
        json: { action, ...(rootCause?.trim() ? { changes: { rootCause: rootCause.trim() } } : {}) },
      }),
    onSettled: invalidate,
  });
}

/** « Créer l’action »: the corrective action of a finding, a roadmap action on its service and criterion. */
export function useCreateCorrectiveAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (data: Record<string, unknown>) => (await api<{ data: { documentId: string } }>('/api/roadmap-actions', { method: 'POST', json: { data } })).data,
    onSettled: invalidate,
  });
}

/** « Prêt pour l’audit ? » of a campaign (GET /api/audit/readiness), for one service or all those the caller reads. */
export function useReadiness(campaign: string, service = '') {
  return useQuery({
    queryKey: certificationKeys.readiness(campaign, service),
    enabled: Boolean(campaign),
    queryFn: async () => {
      const params = new URLSearchParams({ campaign, ...(service ? { service } : {}) });
      return (await api<{ data: Readiness }>(`/api/audit/readiness?${params}`)).data;
    },
  });
}

/** The campaigns, newest first, to choose the audited one. */
export function useCampaigns() {
  return useQuery({
    queryKey: certificationKeys.campaigns(),
    queryFn: async () => (await api<{ data: { documentId: string; name: string; startDate: string }[] }>('/api/campaigns?sort=startDate:desc&fields[0]=name&fields[1]=startDate')).data,
  });
}
