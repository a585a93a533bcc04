import type { EvidenceChanges, EvidenceHolder, EvidenceItem, EvidenceList, ExpiringEvidence } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api-client';
import { documentKeys } from './documents';

export interface UploadedFile {
  id: number;
  name: string;
  url: string;
}

/**
 * The evidence of a draft document (an evaluation, a roadmap action): files uploaded, then attached
 * next to those it already has, or detached. The document's page refreshes after each.
 */
export function useEvidence(collection: string, documentId: string, currentIds: number[]) {
  const queryClient = useQueryClient();
  const attach = (ids: number[]) => api(`/api/${collection}/${documentId}`, { method: 'PUT', json: { data: { evidence: ids } } });
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: documentKeys.detail(collection, documentId) });
    await queryClient.invalidateQueries({ queryKey: ['evidence'] });
  };
  const add = useMutation({
    mutationFn: async (files: File[]) => {
      const form = new FormData();
      for (const file of files) form.append('files', file);
      const uploaded = await api<UploadedFile[]>('/api/upload', { method: 'POST', body: form });
      await attach([...currentIds, ...uploaded.map((f) => f.id)]);
      return uploaded;
    },
    onSuccess,
  });
  const remove = useMutation({ mutationFn: (fileId: number) => attach(currentIds.filter((id) => id !== fileId)), onSuccess });
  return { add, remove };
}

export const evidenceKeys = {
  all: ['evidence'] as const,
  of: (type: EvidenceHolder, documentId: string) => [...evidenceKeys.all, type, documentId] as const,
  expiring: () => [...evidenceKeys.all, 'expiring'] as const,
};

/** Owner, « valable jusqu'au » date and versions of a document's pieces (GET /api/evidence). */
export function useEvidenceDetails(type: EvidenceHolder, documentId: string, enabled = true) {
  return useQuery({ queryKey: evidenceKeys.of(type, documentId), queryFn: () => api<EvidenceList>(`/api/evidence?type=${type}&documentId=${documentId}`), enabled: enabled && !!documentId });
}

/** The pieces past their date or soon past it: every service's for the référent, one's own otherwise. */
export function useExpiringEvidence() {
  return useQuery({ queryKey: evidenceKeys.expiring(), queryFn: () => api<ExpiringEvidence>('/api/evidence/expiring') });
}

/**
 * A piece's changes: its date or owner, and a new version (the sheet shows it at once; the old file
 * stays in the history). The document's page and the pieces refresh after each.
 */
export function usePieceActions(type: EvidenceHolder, documentId: string, collection?: string) {
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: evidenceKeys.all });
    if (collection) await queryClient.invalidateQueries({ queryKey: documentKeys.detail(collection, documentId) });
  };
  const update = useMutation({
    mutationFn: ({ fileId, changes }: { fileId: number; changes: EvidenceChanges }) => api<{ data: EvidenceItem }>(`/api/evidence/${fileId}`, { method: 'PUT', json: changes }),
    onSuccess,
  });
  const addVersion = useMutation({
    mutationFn: ({ fileId, file }: { fileId: number; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api<{ data: EvidenceItem }>(`/api/evidence/${fileId}/versions`, { method: 'POST', body: form });
    },
    onSuccess,
  });
  const addProcedure = useMutation({
    mutationFn: ({ title, validUntil, file }: { title: string; validUntil: string; file: File }) => {
      const form = new FormData();
      form.append('service', documentId);
      form.append('title', title);
      form.append('validUntil', validUntil);
      form.append('file', file);
      return api<{ data: EvidenceItem }>('/api/evidence/procedures', { method: 'POST', body: form });
    },
    onSuccess,
  });
  return { update, addVersion, addProcedure };
}
