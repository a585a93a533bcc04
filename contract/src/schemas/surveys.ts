import { z } from 'zod';
import { QUESTION_KINDS, SURVEY_AUDIENCES, SURVEY_SOURCES, SURVEY_STATUSES } from '../constants';

export const questionKindSchema = z.enum(QUESTION_KINDS);
export const surveyStatusSchema = z.enum(SURVEY_STATUSES);
export const surveySourceSchema = z.enum(SURVEY_SOURCES);
export const surveyAudienceSchema = z.enum(SURVEY_AUDIENCES);

/** A question of a survey, as the public form and the results read it (the cms checks what is written). */
export const surveyQuestionSchema = z.object({
  id: z.string(),
  kind: questionKindSchema,
  label: z.string(),
  /** Choice questions only. */
  options: z.array(z.string()).optional(),
  required: z.boolean().optional(),
});

/** A service a survey or an answer is about. */
export const serviceRefSchema = z.object({ documentId: z.string(), name: z.string() });

/** GET /api/public/surveys: one open survey of the public list. */
export const openSurveySchema = z.object({
  documentId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  closesAt: z.string().nullable(),
  service: serviceRefSchema.nullable(),
});

/** GET /api/public/surveys/:documentId: the form of one survey. */
export const publicSurveyFormSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  status: surveyStatusSchema,
  /** French explanation when the survey is not open. */
  message: z.string().nullable(),
  /** Set for a per-service survey: the answer goes to that service. */
  service: serviceRefSchema.nullable(),
  /** Open surveys only. */
  questions: z.array(surveyQuestionSchema),
  /** Global open surveys: the services the respondent may say the answer is about. */
  services: z.array(serviceRefSchema),
  maxTextLength: z.number(),
});

export const answerValueSchema = z.union([z.number(), z.boolean(), z.string()]);

/** POST /api/public/surveys/:documentId/responses (the honeypot field aside). */
export const surveyAnswerRequestSchema = z.object({ answers: z.record(answerValueSchema), service: z.string().optional() });

/** What that POST answers. */
export const surveyAnswerReceiptSchema = z.object({ data: z.object({ received: z.literal(true) }), meta: z.object({ message: z.string() }) });

export const shareFiguresSchema = z.object({ answered: z.number(), satisfied: z.number(), share: z.number().nullable() });

export const questionResultSchema = z.object({
  id: z.string(),
  kind: questionKindSchema,
  label: z.string(),
  /** Answer value (as JSON text: "4", "true", "\"Par téléphone\"") → number of answers. */
  counts: z.record(z.number()),
  answered: z.number(),
  /** Scale and yes-no questions only. */
  satisfaction: shareFiguresSchema.nullable(),
});

/** Number of answers per source: online (public form) and paper (typed in by staff). */
export const sourceCountsSchema = z.object({ online: z.number(), paper: z.number() });

export const serviceResultSchema = z.object({
  /** null: answers that name no service (global survey), or the all-services total. */
  service: serviceRefSchema.nullable(),
  responses: z.number(),
  sources: sourceCountsSchema,
  satisfaction: shareFiguresSchema,
  /**
   * Net satisfaction of the standard question (config/public-forms.yaml standardQuestion): share of
   * satisfied minus share of dissatisfied answers, from -1 to 1; null when the survey does not ask it.
   */
  netSatisfaction: z.number().nullable(),
  questions: z.array(questionResultSchema),
  /**
   * Agent surveys: true when the group has fewer answers than the anonymity threshold (or was
   * pooled so that no small group can be read by subtraction); its figures are then empty.
   */
  masked: z.boolean(),
});

/** One question both surveys ask (same id): the agents' and the users' share of satisfied answers. */
export const sharedQuestionSchema = z.object({
  id: z.string(),
  label: z.string(),
  agents: shareFiguresSchema.nullable(),
  users: shareFiguresSchema.nullable(),
  /** The standard question only: net satisfaction of each survey. */
  agentsNet: z.number().nullable(),
  usersNet: z.number().nullable(),
});

/** An agent survey read beside the users' survey it is compared with (the latest one sharing questions). */
export const surveyComparisonSchema = z.object({
  with: z.object({ documentId: z.string(), title: z.string(), responses: z.number() }),
  questions: z.array(sharedQuestionSchema),
});

/** GET /api/survey-results/:documentId */
export const surveyResultsSchema = z.object({
  survey: z.object({
    documentId: z.string(),
    title: z.string(),
    opensAt: z.string(),
    closesAt: z.string().nullable(),
    status: surveyStatusSchema,
    service: serviceRefSchema.nullable(),
    audience: surveyAudienceSchema,
  }),
  target: z.number(),
  /** Agent surveys: the smallest group whose figures are shown. null for a users' survey. */
  minimumGroup: z.number().nullable(),
  /** Agent surveys: the comparison with the users' survey on the questions both ask (null when none). */
  comparison: surveyComparisonSchema.nullable(),
  /** Every answer the caller may read, all services together. */
  overall: serviceResultSchema,
  byService: z.array(serviceResultSchema),
  scope: z.enum(['all', 'own-services']),
});

/** GET /api/survey-results: one survey with its number of answers the caller may read. */
export const surveySummarySchema = z.object({
  documentId: z.string(),
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  status: surveyStatusSchema,
  /** The service's name; null for a survey common to every service. */
  service: z.string().nullable(),
  audience: surveyAudienceSchema,
  responses: z.number(),
});

/** GET /api/survey-results meta: what the caller may do beside reading results. */
export const surveyListMetaSchema = z.object({
  /** Create and edit surveys in the front's editor (config/roles.yaml, survey-editor permissions). */
  canDesign: z.boolean(),
  /** Type in paper questionnaires (config/roles.yaml surveyPaperEntry). */
  canEnterPaper: z.boolean(),
});

/** A question as the editor sends it: without `id` for a new question (the cms names it from its label). */
export const surveyQuestionDraftSchema = surveyQuestionSchema.extend({ id: z.string().optional() });

/** POST /api/survey-editor, PUT /api/survey-editor/:documentId. The cms checks the questions with checkQuestions. */
export const surveyDraftSchema = z.object({
  title: z.string(),
  description: z.string().nullable(),
  /** documentId of the service; null for a survey common to every service. */
  service: z.string().nullable(),
  audience: surveyAudienceSchema,
  /** YYYY-MM-DD */
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  questions: z.array(surveyQuestionDraftSchema),
});

/** GET /api/survey-editor/:documentId (and what POST and PUT answer): a survey as its editor shows it. */
export const surveyEditorViewSchema = z.object({
  survey: surveyDraftSchema.extend({ documentId: z.string(), questions: z.array(surveyQuestionSchema) }).nullable(),
  /** Answers already stored: once there is one, questions can no longer be removed nor change kind, and choices stay. */
  responses: z.number(),
  /** The services a survey can be about. */
  services: z.array(serviceRefSchema),
  /** The standard Services Publics + question, offered ready-made in the editor (config/public-forms.yaml). */
  standardQuestion: surveyQuestionSchema,
});

/** GET /api/agent-surveys: an open agent survey and whether the caller has answered it. */
export const agentSurveySummarySchema = z.object({
  documentId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  closesAt: z.string().nullable(),
  answered: z.boolean(),
});

/** GET /api/agent-surveys/:documentId: the form an agent answers. */
export const agentSurveyFormSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  closesAt: z.string().nullable(),
  status: surveyStatusSchema,
  message: z.string().nullable(),
  answered: z.boolean(),
  questions: z.array(surveyQuestionSchema),
  /** The caller's own services: the answer may say which one it is about (or none). */
  services: z.array(serviceRefSchema),
  maxTextLength: z.number(),
  minimumGroup: z.number(),
});

/** GET /api/survey-results/:documentId/paper: the form to type in a paper questionnaire. */
export const paperSurveyFormSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  status: surveyStatusSchema,
  service: serviceRefSchema.nullable(),
  questions: z.array(surveyQuestionSchema),
  /** Global survey: the services the caller may file the questionnaire under. */
  services: z.array(serviceRefSchema),
  /** The caller files answers only for their own services: naming one is required. */
  serviceRequired: z.boolean(),
  maxTextLength: z.number(),
});

/** What POST /api/survey-results/:documentId/paper answers. */
export const paperEntryReceiptSchema = z.object({ data: z.object({ received: z.literal(true) }), meta: z.object({ message: z.string() }) });

/** One free-text answer, as the results page lists it (never the account that typed it in). */
export const textAnswerSchema = z.object({
  text: z.string(),
  source: surveySourceSchema,
  service: z.string().nullable(),
  /** YYYY-MM-DD, the town's day the answer was stored; null for an agent survey (it would point to its author). */
  receivedOn: z.string().nullable(),
});

/** GET /api/survey-results/:documentId/texts?question=&q=&source=&page= */
export const textAnswersPageSchema = z.object({
  question: z.object({ id: z.string(), label: z.string() }),
  items: z.array(textAnswerSchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  pageCount: z.number(),
});

export type QuestionKind = z.infer<typeof questionKindSchema>;
export type SurveySource = z.infer<typeof surveySourceSchema>;
export type SourceCounts = z.infer<typeof sourceCountsSchema>;
export type SurveyListMeta = z.infer<typeof surveyListMetaSchema>;
export type SurveyQuestionDraft = z.infer<typeof surveyQuestionDraftSchema>;
export type SurveyDraft = z.infer<typeof surveyDraftSchema>;
export type SurveyEditorView = z.infer<typeof surveyEditorViewSchema>;
export type PaperSurveyForm = z.infer<typeof paperSurveyFormSchema>;
export type PaperEntryReceipt = z.infer<typeof paperEntryReceiptSchema>;
export type TextAnswer = z.infer<typeof textAnswerSchema>;
export type TextAnswersPage = z.infer<typeof textAnswersPageSchema>;
export type SurveyStatus = z.infer<typeof surveyStatusSchema>;
export type SurveyAudience = z.infer<typeof surveyAudienceSchema>;
export type SharedQuestion = z.infer<typeof sharedQuestionSchema>;
export type SurveyComparison = z.infer<typeof surveyComparisonSchema>;
export type AgentSurveySummary = z.infer<typeof agentSurveySummarySchema>;
export type AgentSurveyForm = z.infer<typeof agentSurveyFormSchema>;
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;
export type ServiceRef = z.infer<typeof serviceRefSchema>;
export type OpenSurvey = z.infer<typeof openSurveySchema>;
export type PublicSurveyForm = z.infer<typeof publicSurveyFormSchema>;
export type AnswerValue = z.infer<typeof answerValueSchema>;
export type SurveyAnswerRequest = z.infer<typeof surveyAnswerRequestSchema>;
export type SurveyAnswerReceipt = z.infer<typeof surveyAnswerReceiptSchema>;
export type ShareFigures = z.infer<typeof shareFiguresSchema>;
export type QuestionResult = z.infer<typeof questionResultSchema>;
export type ServiceResult = z.infer<typeof serviceResultSchema>;
export type SurveyResults = z.infer<typeof surveyResultsSchema>;
export type SurveySummary = z.infer<typeof surveySummarySchema>;
