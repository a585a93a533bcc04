import { z } from 'zod';
import { periodSchema, serviceSummarySchema } from './common';

export const directionSchema = z.enum(['higher', 'lower']);

/** An indicator with its criterion, in référentiel order. */
export const indicatorInfoSchema = z.object({
  documentId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.number().nullable(),
  direction: directionSchema,
  frequency: z.string(),
  criterion: z.object({ code: z.string(), title: z.string() }).nullable(),
});

/** One indicator of the « Indicateurs » page: its latest validated value per service. */
export const indicatorSummarySchema = indicatorInfoSchema.extend({
  /** The last period whose measure is due now. */
  duePeriod: periodSchema,
  latest: z.array(z.object({ service: serviceSummarySchema, period: periodSchema, value: z.number(), meetsTarget: z.boolean().nullable() })),
});

/** GET /api/indicators-report */
export const indicatorsOverviewSchema = z.object({ generatedAt: z.string(), indicators: z.array(indicatorSummarySchema) });

/** GET /api/indicators-report/:documentId/trend: validated values per service over the last periods (null: no measure). */
export const indicatorTrendSchema = z.object({
  indicator: indicatorInfoSchema,
  periods: z.array(periodSchema),
  series: z.array(z.object({ service: serviceSummarySchema, values: z.array(z.number().nullable()) })),
});

export type Direction = z.infer<typeof directionSchema>;
export type IndicatorInfo = z.infer<typeof indicatorInfoSchema>;
export type IndicatorSummary = z.infer<typeof indicatorSummarySchema>;
export type IndicatorsOverview = z.infer<typeof indicatorsOverviewSchema>;
export type IndicatorTrend = z.infer<typeof indicatorTrendSchema>;
