import { z } from 'zod';
import { serviceSummarySchema } from './common';

/** A campaign as the dashboard names it. */
export const campaignSummarySchema = z.object({ documentId: z.string(), name: z.string(), kind: z.string(), startDate: z.string() });

/** One service's progress in a campaign (dashboard card, admin panel widget). */
export const serviceProgressSchema = z.object({
  service: serviceSummarySchema,
  conformityRate: z.number().nullable(),
  /** Absent when the campaign has no previous one on its référentiel. */
  previousConformityRate: z.number().nullable().optional(),
  /** Evaluations in all, and per workflow state (config/workflows.yaml). */
  evaluations: z.object({ total: z.number() }).catchall(z.number()),
  roadmap: z.object({ total: z.number(), done: z.number() }),
});

/** GET /api/progress (and the admin panel's /charte-admin/dashboard/progress). */
export const progressResponseSchema = z.object({
  data: z.array(serviceProgressSchema),
  meta: z.object({ campaign: campaignSummarySchema.nullable(), previousCampaign: campaignSummarySchema.nullable() }),
});

export const themeProgressSchema = z.object({
  theme: z.object({ code: z.string(), title: z.string() }),
  evaluations: z.number(),
  conformityRate: z.number().nullable(),
});

/** GET /api/progress/themes: one service's conformity per theme (the radar). */
export const themeProgressResponseSchema = z.object({
  data: z.array(themeProgressSchema),
  meta: z.object({
    campaign: z.object({ documentId: z.string(), name: z.string() }).nullable(),
    service: serviceSummarySchema.optional(),
  }),
});

/** One evaluation of the service page, with its criterion and theme. */
export const serviceEvaluationSchema = z.object({
  documentId: z.string(),
  result: z.string(),
  workflowState: z.string(),
  findings: z.string().nullable(),
  criterion: z
    .object({
      code: z.string(),
      title: z.string(),
      theme: z.object({ code: z.string(), title: z.string(), order: z.number() }).nullable(),
    })
    .nullable(),
});

const pageServiceSchema = z.object({ documentId: z.string(), name: z.string() });

/** GET /api/progress/evaluations: one service's evaluations in a campaign. */
export const serviceEvaluationsResponseSchema = z.object({
  data: z.array(serviceEvaluationSchema),
  meta: z.object({ campaign: z.object({ documentId: z.string(), name: z.string() }).nullable(), service: pageServiceSchema }),
});

/** One interview of the service page (never its notes). */
export const serviceInterviewSchema = z.object({
  documentId: z.string(),
  date: z.string(),
  interviewees: z.string(),
  interviewer: z.string(),
  workflowState: z.string(),
});

/** GET /api/progress/interviews: one service's interviews, newest first. */
export const serviceInterviewsResponseSchema = z.object({ data: z.array(serviceInterviewSchema), meta: z.object({ service: pageServiceSchema }) });

export type CampaignSummary = z.infer<typeof campaignSummarySchema>;
export type ServiceProgress = z.infer<typeof serviceProgressSchema>;
export type ProgressResponse = z.infer<typeof progressResponseSchema>;
export type ThemeProgress = z.infer<typeof themeProgressSchema>;
export type ThemeProgressResponse = z.infer<typeof themeProgressResponseSchema>;
export type ServiceEvaluation = z.infer<typeof serviceEvaluationSchema>;
export type ServiceEvaluationsResponse = z.infer<typeof serviceEvaluationsResponseSchema>;
export type ServiceInterview = z.infer<typeof serviceInterviewSchema>;
export type ServiceInterviewsResponse = z.infer<typeof serviceInterviewsResponseSchema>;
