import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface PublishedIndicator {
  code: string;
  name: string;
  unit: string;
  target: number | null;
  direction: 'higher' | 'lower';
  frequency: string;
  period: { start: string; end: string; label: string } | null;
  value: number | null;
  meetsTarget: boolean | null;
  services: { service: string; value: number; meetsTarget: boolean | null }[];
}

export interface PublishedResults {
  generatedAt: string;
  generatedOn: string;
  indicators: PublishedIndicator[];
  satisfaction: {
    survey: string;
    closedOn: string | null;
    responses: number;
    satisfiedPercent: number | null;
    targetPercent: number;
    meetsTarget: boolean | null;
  } | null;
  complaints: {
    period: { start: string; end: string; label: string };
    received: number;
    answeredInTime: number;
    pending: number;
    ratePercent: number | null;
    deadlineDays: number;
  };
}

export const resultsKeys = { all: ['published-results'] as const };

export function usePublishedResults() {
  return useQuery({
    queryKey: resultsKeys.all,
    queryFn: () => api<PublishedResults>('/api/public/results'),
  });
}
