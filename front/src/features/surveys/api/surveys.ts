import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload } from '../../../lib/api-client';

export type QuestionKind = 'scale-1-4' | 'yes-no' | 'choice' | 'text';

export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  label: string;
  options?: string[];
  required?: boolean;
}

export interface ServiceRef {
  documentId: string;
  name: string;
}

export interface OpenSurvey {
  documentId: string;
  title: string;
  description: string | null;
  closesAt: string | null;
  service: ServiceRef | null;
}

export type SurveyStatus = 'upcoming' | 'open' | 'closed';

export interface PublicSurveyForm {
  documentId: string;
  title: string;
  description: string | null;
  opensAt: string;
  closesAt: string | null;
  status: SurveyStatus;
  message: string | null;
  service: ServiceRef | null;
  questions: SurveyQuestion[];
  services: ServiceRef[];
  maxTextLength: number;
}

export type AnswerValue = number | boolean | string;

/** Must match HONEYPOT_FIELD of the cms (public-intake/guard.ts). */
export const HONEYPOT_FIELD = 'siteWeb';

export interface ShareFigures {
  answered: number;
  satisfied: number;
  share: number | null;
}

export interface QuestionResult {
  id: string;
  kind: QuestionKind;
  label: string;
  counts: Record<string, number>;
  answered: number;
  satisfaction: ShareFigures | null;
}

export interface ServiceResult {
  service: ServiceRef | null;
  responses: number;
  satisfaction: ShareFigures;
  questions: QuestionResult[];
}

export interface SurveyResults {
  survey: { documentId: string; title: string; opensAt: string; closesAt: string | null; status: SurveyStatus; service: ServiceRef | null };
  target: number;
  overall: ServiceResult;
  byService: ServiceResult[];
  scope: 'all' | 'own-services';
}

export interface SurveySummary {
  documentId: string;
  title: string;
  opensAt: string;
  closesAt: string | null;
  status: SurveyStatus;
  service: string | null;
  responses: number;
}

export const surveyKeys = {
  all: ['surveys'] as const,
  open: () => [...surveyKeys.all, 'open'] as const,
  form: (documentId: string) => [...surveyKeys.all, 'form', documentId] as const,
  results: () => [...surveyKeys.all, 'results'] as const,
  result: (documentId: string) => [...surveyKeys.all, 'results', documentId] as const,
};

export function useOpenSurveys() {
  return useQuery({
    queryKey: surveyKeys.open(),
    queryFn: async () => (await api<{ data: OpenSurvey[] }>('/api/public/surveys')).data,
  });
}

export function usePublicSurvey(documentId: string) {
  return useQuery({
    queryKey: surveyKeys.form(documentId),
    queryFn: async () => (await api<{ data: PublicSurveyForm }>(`/api/public/surveys/${encodeURIComponent(documentId)}`)).data,
    retry: false,
  });
}

export function useSubmitSurveyResponse(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { answers: Record<string, AnswerValue>; service?: string; [HONEYPOT_FIELD]?: string }) =>
      (await api<{ meta: { message: string } }>(`/api/public/surveys/${encodeURIComponent(documentId)}/responses`, { method: 'POST', json: body })).meta.message,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.results() }),
  });
}

export function useSurveyList() {
  return useQuery({
    queryKey: surveyKeys.results(),
    queryFn: async () => (await api<{ data: SurveySummary[] }>('/api/survey-results')).data,
  });
}

export function useSurveyResults(documentId: string) {
  return useQuery({
    queryKey: surveyKeys.result(documentId),
    queryFn: async () => (await api<{ data: SurveyResults }>(`/api/survey-results/${encodeURIComponent(documentId)}`)).data,
  });
}

/** Saves the results workbook (.xlsx) under the server's file name. */
export function useExportResults(documentId: string) {
  return useMutation({
    mutationFn: async () => {
      const { blob, filename } = await apiDownload(`/api/survey-results/${encodeURIComponent(documentId)}/export`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? 'resultats-enquete.xlsx';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}
