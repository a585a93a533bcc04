import { useMutation, useQueryClient } from '@tanstack/react-query';
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
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: documentKeys.detail(collection, documentId) });
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
