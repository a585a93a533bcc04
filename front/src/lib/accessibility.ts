import type { AccessibilityStatement, ConformityLevel } from '@charte/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

// In lib/ rather than in a feature: the statement page reads it, and so does the mention in the
// footer of every page (app/Layout.tsx).
export const accessibilityKey = ['accessibility'] as const;

/** config/accessibility.yaml as GET /api/accessibility serves it; it changes with a deployment only. */
export function useAccessibilityStatement() {
  return useQuery({
    queryKey: accessibilityKey,
    queryFn: async () => (await api<{ data: AccessibilityStatement }>('/api/accessibility')).data,
    staleTime: Infinity,
  });
}

/** The words of the mention, as the arrêté of 20 September 2019 writes them. */
export const CONFORMITY_WORDS: Record<ConformityLevel, string> = {
  totale: 'totalement conforme',
  partielle: 'partiellement conforme',
  non: 'non conforme',
};
