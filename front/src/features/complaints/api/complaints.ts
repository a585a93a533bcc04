import { COMPLAINT_CHANNELS, type Bilan, type ComplaintFollowUp, type PublicService, type RegisterPage, type RegisterState, type SubmissionReceipt } from '@charte/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Channels staff enter by hand; the online form records itself. */
export const STAFF_CHANNELS = COMPLAINT_CHANNELS.filter((channel) => channel !== 'formulaire-en-ligne');

export interface Complaint {
  documentId: string;
  kind: string;
  channel: string;
  receivedAt: string;
  subject: string;
  description: string | null;
  contactName: string | null;
  contactEmail: string | null;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  outcome: string | null;
  service: { documentId: string; name: string } | null;
}

export interface ServiceOption {
  id: number;
  documentId: string;
  name: string;
}

export const complaintKeys = {
  all: ['complaints'] as const,
  register: (filters: { state: RegisterState; service: string; page: number }) => ['complaints', 'register', filters] as const,
  bilan: (year: number, service: string) => ['complaints', 'bilan', year, service] as const,
  one: (documentId: string) => ['complaints', 'one', documentId] as const,
  services: ['complaints', 'services'] as const,
  publicServices: ['complaints', 'public-services'] as const,
  followUp: (reference: string, code: string) => ['complaints', 'follow-up', reference, code] as const,
};

export function useRegister(filters: { state: RegisterState; service: string; page: number }) {
  const params = new URLSearchParams({ state: filters.state, page: String(filters.page) });
  if (filters.service) params.set('service', filters.service);
  return useQuery({
    queryKey: complaintKeys.register(filters),
    queryFn: () => api<RegisterPage>(`/api/complaints-register?${params}`),
    placeholderData: keepPreviousData,
  });
}

export function useBilan(year: number, service: string) {
  const params = new URLSearchParams({ year: String(year) });
  if (service) params.set('service', service);
  return useQuery({ queryKey: complaintKeys.bilan(year, service), queryFn: async () => (await api<{ data: Bilan }>(`/api/complaints-report/bilan?${params}`)).data });
}

export function bilanWorkbookUrl(year: number, service: string): string {
  const params = new URLSearchParams({ year: String(year) });
  if (service) params.set('service', service);
  return `/api/complaints-report/bilan.xlsx?${params}`;
}

/** The .xlsx needs the session token: fetched here, then handed to the browser as a file. */
export function useBilanDownload() {
  return useMutation({
    mutationFn: async ({ year, service }: { year: number; service: string }) => {
      const token = localStorage.getItem('charte.jwt');
      const response = await fetch(bilanWorkbookUrl(year, service), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new Error('Le téléchargement du bilan a échoué. Réessayez.');
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `bilan-reclamations-${year}.xlsx`;
      link.click();
      URL.revokeObjectURL(url);
    },
  });
}

export function useComplaint(documentId: string | undefined) {
  return useQuery({
    queryKey: complaintKeys.one(documentId ?? ''),
    enabled: Boolean(documentId),
    queryFn: async () =>
      (
        await api<{ data: Complaint }>(
          `/api/complaints/${documentId}?fields[0]=kind&fields[1]=channel&fields[2]=receivedAt&fields[3]=subject&fields[4]=description&fields[5]=contactName&fields[6]=contactEmail&fields[7]=acknowledgedAt&fields[8]=answeredAt&fields[9]=outcome&populate[service][fields][0]=name`,
        )
      ).data,
  });
}

export function useServiceOptions() {
  return useQuery({
    queryKey: complaintKeys.services,
    queryFn: async () => (await api<{ data: ServiceOption[] }>('/api/services?fields[0]=name&sort=name:asc&pagination[pageSize]=200')).data,
    staleTime: 5 * 60_000,
  });
}

export type ComplaintInput = Omit<Complaint, 'documentId' | 'service'> & { service?: string };

/** Creates (no documentId) or updates a complaint from the staff form. */
export function useSaveComplaint(documentId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (data: Partial<ComplaintInput>) =>
      (
        await api<{ data: Complaint }>(documentId ? `/api/complaints/${documentId}` : '/api/complaints', {
          method: documentId ? 'PUT' : 'POST',
          json: { data },
        })
      ).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complaintKeys.all }),
  });
}

export function useSubmitPublicComplaint() {
  return useMutation({
    mutationFn: async (data: Record<string, string>) => (await api<{ data: SubmissionReceipt }>('/api/public/complaints', { method: 'POST', json: { data } })).data,
  });
}

/** The services a citizen may name on the public form (names only, no account needed). */
export function usePublicServices() {
  return useQuery({
    queryKey: complaintKeys.publicServices,
    queryFn: async () => (await api<{ data: PublicService[] }>('/api/public/complaints/services')).data,
    staleTime: 5 * 60_000,
  });
}

/**
 * Where a request stands, for its reference and code. A POST that only reads: the code travels in
 * the body, never in a URL. No retry — a 404 is an answer, and every call counts against the limit.
 */
export function useFollowUp(request: { reference: string; code: string } | null) {
  return useQuery({
    queryKey: complaintKeys.followUp(request?.reference ?? '', request?.code ?? ''),
    enabled: request !== null,
    retry: false,
    queryFn: async () => (await api<{ data: ComplaintFollowUp }>('/api/public/complaints/follow-up', { method: 'POST', json: request })).data,
  });
}

/** The follow-up page's address for a receipt: reference and code in the fragment, which no server ever receives. */
export function followUpPath(reference: string, code: string): string {
  return `/reclamation/suivi#${new URLSearchParams({ reference, code })}`;
}

/** The public reply already written for a complaint, if any (référent qualité). */
export function usePublicReplyOf(complaint: string) {
  return useQuery({
    queryKey: [...complaintKeys.all, 'public-reply', complaint] as const,
    queryFn: async () => {
      const query = new URLSearchParams({ 'filters[complaint][documentId][$eq]': complaint, 'fields[0]': 'workflowState' });
      return (await api<{ data: { documentId: string; workflowState: string }[] }>(`/api/feedback-replies?${query}`)).data[0] ?? null;
    },
  });
}
