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
  indicators: z.array(publishedIndicatorSchema),
  satisfaction: z
    .object({
      survey: z.string(),
      closedOn: z.string().nullable(),
      responses: z.number(),
      satisfiedPercent: z.number().nullable(),
      targetPercent: z.number(),
      meetsTarget: z.boolean().nullable(),
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
