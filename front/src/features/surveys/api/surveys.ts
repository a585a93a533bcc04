import { HONEYPOT_FIELD, type OpenSurvey, type PublicSurveyForm, type SurveyAnswerReceipt, type SurveyAnswerRequest, type SurveyResults, type SurveySummary } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload } from '../../../lib/api-client';

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
    mutationFn: async (body: SurveyAnswerRequest & { [HONEYPOT_FIELD]?: string }) =>
      (await api<SurveyAnswerReceipt>(`/api/public/surveys/${encodeURIComponent(documentId)}/responses`, { method: 'POST', json: body })).meta.message,
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
