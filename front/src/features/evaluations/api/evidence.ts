import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../../lib/documents';

export interface UploadedFile {
  id: number;
  name: string;
  url: string;
}

/** Uploads evidence files, then attaches them to the evaluation next to those it already has. */
export function useAddEvidence(documentId: string, currentIds: number[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (files: File[]) => {
      const form = new FormData();
      for (const file of files) form.append('files', file);
      const uploaded = await api<UploadedFile[]>('/api/upload', { method: 'POST', body: form });
      await api(`/api/evaluations/${documentId}`, { method: 'PUT', json: { data: { evidence: [...currentIds, ...uploaded.map((f) => f.id)] } } });
      return uploaded;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.detail('evaluations', documentId) }),
  });
}

export function useRemoveEvidence(documentId: string, currentIds: number[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fileId: number) => api(`/api/evaluations/${documentId}`, { method: 'PUT', json: { data: { evidence: currentIds.filter((id) => id !== fileId) } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.detail('evaluations', documentId) }),
  });
}
