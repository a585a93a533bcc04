import type { ManagementReview, ReviewDecisions } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../../lib/api-client';

export const reviewKeys = {
  all: ['management-review'] as const,
  year: (year: number) => [...reviewKeys.all, year] as const,
};

/** The year's review as data: the decisions recorded, and the chapters the files print. */
export function useManagementReview(year: number) {
  return useQuery({ queryKey: reviewKeys.year(year), queryFn: () => api<ManagementReview>(`/api/management-review?year=${year}`) });
}

export function useSaveDecisions(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decisions: string) => api<ReviewDecisions>('/api/management-review/decisions', { method: 'PUT', json: { year: String(year), decisions } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewKeys.year(year) }),
  });
}

export function useReviewDownload() {
  return useMutation({
    mutationFn: ({ year, format }: { year: number; format: 'pdf' | 'docx' }) => downloadFile(`/api/management-review/file?year=${year}&format=${format}`, `revue-de-direction-${year}.${format}`),
  });
}
