import { z } from 'zod';
import { QUESTION_KINDS, SURVEY_STATUSES } from '../constants';

export const questionKindSchema = z.enum(QUESTION_KINDS);
export const surveyStatusSchema = z.enum(SURVEY_STATUSES);

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

export const serviceResultSchema = z.object({
  /** null: answers that name no service (global survey), or the all-services total. */
  service: serviceRefSchema.nullable(),
  responses: z.number(),
  satisfaction: shareFiguresSchema,
  questions: z.array(questionResultSchema),
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
  }),
  target: z.number(),
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
  responses: z.number(),
});

export type QuestionKind = z.infer<typeof questionKindSchema>;
export type SurveyStatus = z.infer<typeof surveyStatusSchema>;
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
