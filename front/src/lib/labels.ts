import { LABELS_ELEMENT_ID, type ModelLabels } from '@charte/contract';
import { useSuspenseQuery } from '@tanstack/react-query';
import { api } from './api-client';

// The French model map (config/labels.yaml): every label of a type, field, state, action, choice or
// unit a screen shows comes from here, never from a copy in the front. The cms writes it into
// index.html (a JSON script, see cms/src/middlewares/front.ts), so the first paint has it without a
// request; a page served without it (Vite's dev server) asks GET /api/labels once.

export const labelsKey = ['labels'] as const;

function embeddedLabels(): ModelLabels | undefined {
  const text = typeof document === 'undefined' ? null : document.getElementById(LABELS_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as ModelLabels;
  } catch {
    return undefined;
  }
}

/** The model map; suspends (under the app's Suspense boundary) only while it is fetched. */
export function useLabels(): ModelLabels {
  return useSuspenseQuery({
    queryKey: labelsKey,
    queryFn: async () => (await api<{ data: ModelLabels }>('/api/labels')).data,
    initialData: embeddedLabels,
    staleTime: Infinity,
  }).data;
}
