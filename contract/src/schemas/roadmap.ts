import { z } from 'zod';
import { ROADMAP_GROUPINGS, ROADMAP_STATUSES } from '../constants';
import { serviceSummarySchema } from './common';

export const roadmapStatusSchema = z.enum(ROADMAP_STATUSES);
export const groupBySchema = z.enum(ROADMAP_GROUPINGS);

/** GET /api/roadmap's filters, as the cms reads them from the query string (groupBy, service, status, late). */
export const roadmapFiltersSchema = z.object({
  groupBy: groupBySchema,
  /** Service slug. */
  service: z.string().optional(),
  status: roadmapStatusSchema.optional(),
  late: z.boolean().optional(),
});

/** One improvement action as the roadmap page and its export show it. */
export const roadmapActionSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  owner: z.string(),
  /** Whether the owner has an account (the weekly reminder goes to them rather than to the heads). */
  ownerHasAccount: z.boolean(),
  priority: z.string(),
  priorityLabel: z.string(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  progress: z.number(),
  late: z.boolean(),
  workflowState: z.string(),
  workflowStateLabel: z.string(),
  service: serviceSummarySchema.nullable(),
  principle: z.object({ documentId: z.string(), title: z.string(), order: z.number().nullable() }).nullable(),
  criterion: z.object({ code: z.string(), title: z.string() }).nullable(),
});

export const roadmapGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  actions: z.array(roadmapActionSchema),
  counts: z.object({ total: z.number(), late: z.number(), done: z.number() }),
});

/** GET /api/roadmap: the actions the caller may read, grouped by principle or by service. */
export const roadmapResponseSchema = z.object({
  data: z.array(roadmapGroupSchema),
  meta: z.object({
    today: z.string(),
    groupBy: groupBySchema,
    filters: z.object({ service: z.string().nullable(), status: roadmapStatusSchema.nullable(), late: z.boolean().nullable() }),
    total: z.number(),
    late: z.number(),
  }),
});

export type RoadmapStatus = z.infer<typeof roadmapStatusSchema>;
export type GroupBy = z.infer<typeof groupBySchema>;
export type RoadmapFilters = z.infer<typeof roadmapFiltersSchema>;
export type RoadmapAction = z.infer<typeof roadmapActionSchema>;
export type RoadmapGroup = z.infer<typeof roadmapGroupSchema>;
export type RoadmapResponse = z.infer<typeof roadmapResponseSchema>;
