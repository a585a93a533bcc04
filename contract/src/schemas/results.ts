import { z } from 'zod';
import { periodSchema } from './common';
import { directionSchema } from './indicators';

/** One indicator the town publishes (it follows an approved principle of the charter). */
export const publishedIndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.number().nullable(),
  direction: directionSchema,
  frequency: z.string(),
  /** Its latest period with validated measures; null before the first one. */
  period: periodSchema.nullable(),
  /** The town-wide value: the mean of the services' validated values for that period. */
  value: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
  services: z.array(z.object({ service: z.string(), value: z.number(), meetsTarget: z.boolean().nullable() })),
});

/** GET /api/public/results: « Nos résultats », computed now from the data and dated. */
export const publishedResultsSchema = z.object({
  generatedAt: z.string(),
  generatedOn: z.string(),
  /** When the published figures last changed (latest validated measure or survey answer counted); null when nothing is published. */
  dataUpdatedAt: z.string().nullable(),
  indicators: z.array(publishedIndicatorSchema),
  satisfaction: z
    .object({
      survey: z.string(),
      closedOn: z.string().nullable(),
      responses: z.number(),
      satisfiedPercent: z.number().nullable(),
      targetPercent: z.number(),
      meetsTarget: z.boolean().nullable(),
      /** Net satisfaction of the standard Services Publics + question, in points (-100 to +100); null when not asked. */
      netPoints: z.number().nullable(),
      /** Answers to the standard question. */
      standardAnswers: z.number(),
    })
    .nullable(),
  complaints: z.object({
    period: periodSchema,
    received: z.number(),
    answeredInTime: z.number(),
    pending: z.number(),
    ratePercent: z.number().nullable(),
    deadlineDays: z.number(),
  }),
});

export type PublishedIndicator = z.infer<typeof publishedIndicatorSchema>;
export type PublishedResults = z.infer<typeof publishedResultsSchema>;

/** One row of the results in the open-data format of the State's Services Publics + platform. */
export const openDataRowSchema = z.object({
  /** Code SP+ de la structure (config/open-data.yaml). */
  structureCode: z.string(),
  /** Intitulé de la typologie. */
  typology: z.string(),
  /** Intitulé de la structure: the town, or one of its services. */
  structureName: z.string(),
  postcode: z.string(),
  city: z.string(),
  /** Code SP+ de l’indicateur. */
  indicatorCode: z.string(),
  indicatorName: z.string(),
  value: z.number(),
  /** « mensuelle », « trimestrielle », « semestrielle » or « annuelle ». */
  frequency: z.string(),
  /** First day of the period the value measures (YYYY-MM-DD). */
  periodStart: z.string(),
  /** Date de mise à jour: the day (in the town) the latest validated value of the row was recorded. */
  updatedOn: z.string(),
});

/** GET /api/public/open-data/resultats.json */
export const openDataResultsSchema = z.object({
  data: z.array(openDataRowSchema),
  meta: z.object({ generatedAt: z.string(), updatedOn: z.string().nullable() }),
});

export type OpenDataRow = z.infer<typeof openDataRowSchema>;
export type OpenDataResults = z.infer<typeof openDataResultsSchema>;

/** One reply the town published to what a user said (approved by the référent qualité; no personal data). */
export const publicReplySchema = z.object({
  kind: z.string(),
  service: z.string().nullable(),
  /** Month the complaint or suggestion came in (« mars 2026 »). */
  receivedIn: z.string().nullable(),
  said: z.string(),
  reply: z.string(),
});

/** One completed roadmap action and what prompted it, as « Vous nous l’avez dit, nous l’avons fait » shows it. */
export const doneActionSchema = z.object({
  title: z.string(),
  service: z.string().nullable(),
  /** Month it was completed (« avril 2026 »). */
  completedIn: z.string(),
  /** What prompted it, in French: « Une réclamation reçue en mars 2026 », « L’enquête … : « question » ». */
  prompts: z.array(z.string()),
  /** The public sentence of what was said: the action's own, else the published reply's. */
  said: z.string().nullable(),
});

/** An engagement (criterion of the référentiel, or charter principle) and its completed actions. */
export const doneActionGroupSchema = z.object({
  engagement: z.string(),
  actions: z.array(doneActionSchema),
});

/** GET /api/public/feedback: the page « Vous nous l’avez dit, nous l’avons fait ». */
export const publicFeedbackSchema = z.object({
  year: z.number(),
  groups: z.array(doneActionGroupSchema),
  replies: z.array(publicReplySchema),
  generatedAt: z.string(),
});

export type PublicReply = z.infer<typeof publicReplySchema>;
export type DoneAction = z.infer<typeof doneActionSchema>;
export type DoneActionGroup = z.infer<typeof doneActionGroupSchema>;
export type PublicFeedback = z.infer<typeof publicFeedbackSchema>;
