import {
  HONEYPOT_FIELD,
  type AgentSurveyForm,
  type AgentSurveySummary,
  type OpenSurvey,
  type PaperEntryReceipt,
  type PaperSurveyForm,
  type PublicSurveyForm,
  type SurveyAnswerReceipt,
  type SurveyAnswerRequest,
  type SurveyDraft,
  type SurveyEditorView,
  type SurveyListMeta,
  type SurveyResults,
  type SurveySource,
  type SurveySummary,
  type TextAnswersPage,
} from '@charte/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload } from '../../../lib/api-client';

export const surveyKeys = {
  all: ['surveys'] as const,
  open: () => [...surveyKeys.all, 'open'] as const,
  form: (documentId: string) => [...surveyKeys.all, 'form', documentId] as const,
  results: () => [...surveyKeys.all, 'results'] as const,
  result: (documentId: string) => [...surveyKeys.all, 'results', documentId] as const,
  texts: (documentId: string, filters: TextFilters) => [...surveyKeys.all, 'results', documentId, 'texts', filters] as const,
  editor: (documentId: string | null) => [...surveyKeys.all, 'editor', documentId ?? 'new'] as const,
  paper: (documentId: string) => [...surveyKeys.all, 'paper', documentId] as const,
};

/** What the free-text list of one question is filtered by. */
export interface TextFilters {
  question: string;
  q: string;
  source: SurveySource | '';
  page: number;
}

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
    queryFn: async () => {
      const { data, meta } = await api<{ data: SurveySummary[]; meta: SurveyListMeta }>('/api/survey-results');
      return { surveys: data, meta };
    },
  });
}

/** The free-text answers of one question, a page at a time; the previous page stays shown while the next loads. */
export function useTextAnswers(documentId: string, filters: TextFilters) {
  return useQuery({
    queryKey: surveyKeys.texts(documentId, filters),
    queryFn: async () => {
      const query = new URLSearchParams({ question: filters.question, page: String(filters.page) });
      if (filters.q.trim()) query.set('q', filters.q.trim());
      if (filters.source) query.set('source', filters.source);
      return (await api<{ data: TextAnswersPage }>(`/api/survey-results/${encodeURIComponent(documentId)}/texts?${query}`)).data;
    },
    placeholderData: keepPreviousData,
  });
}

/** The editor's survey (`null`: a new survey, only the services to choose from). */
export function useSurveyEditor(documentId: string | null) {
  return useQuery({
    queryKey: surveyKeys.editor(documentId),
    queryFn: async () => (await api<{ data: SurveyEditorView }>(documentId ? `/api/survey-editor/${encodeURIComponent(documentId)}` : '/api/survey-editor')).data,
    retry: false,
  });
}

/** Creates (documentId null) or saves a survey; the cms checks it and answers the survey as saved. */
export function useSaveSurvey(documentId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (draft: SurveyDraft) =>
      (
        await api<{ data: SurveyEditorView }>(documentId ? `/api/survey-editor/${encodeURIComponent(documentId)}` : '/api/survey-editor', {
          method: documentId ? 'PUT' : 'POST',
          json: draft,
        })
      ).data,
    onSuccess: (view) => {
      if (view.survey) queryClient.setQueryData(surveyKeys.editor(view.survey.documentId), view);
      return queryClient.invalidateQueries({ queryKey: surveyKeys.all, predicate: (query) => query.queryKey[1] !== 'editor' });
    },
  });
}

export function usePaperForm(documentId: string) {
  return useQuery({
    queryKey: surveyKeys.paper(documentId),
    queryFn: async () => (await api<{ data: PaperSurveyForm }>(`/api/survey-results/${encodeURIComponent(documentId)}/paper`)).data,
    retry: false,
  });
}

export function useEnterPaper(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SurveyAnswerRequest) =>
      (await api<PaperEntryReceipt>(`/api/survey-results/${encodeURIComponent(documentId)}/paper`, { method: 'POST', json: body })).meta.message,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.results() }),
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

export const agentSurveyKeys = {
  all: ['agent-surveys'] as const,
  open: () => [...agentSurveyKeys.all, 'open'] as const,
  form: (documentId: string) => [...agentSurveyKeys.all, 'form', documentId] as const,
};

/** The open agent surveys and whether I have answered each (staff only). */
export function useAgentSurveys() {
  return useQuery({
    queryKey: agentSurveyKeys.open(),
    queryFn: async () => (await api<{ data: AgentSurveySummary[] }>('/api/agent-surveys')).data,
  });
}

export function useAgentSurveyForm(documentId: string) {
  return useQuery({
    queryKey: agentSurveyKeys.form(documentId),
    queryFn: async () => (await api<{ data: AgentSurveyForm }>(`/api/agent-surveys/${encodeURIComponent(documentId)}`)).data,
    retry: false,
  });
}

export function useSubmitAgentResponse(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SurveyAnswerRequest) =>
      (await api<SurveyAnswerReceipt>(`/api/agent-surveys/${encodeURIComponent(documentId)}/responses`, { method: 'POST', json: body })).meta.message,
    // The list says « answered » again; not the form itself, which would swap the thanks for « already answered ».
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: agentSurveyKeys.open() }), queryClient.invalidateQueries({ queryKey: surveyKeys.results() })]),
  });
}
