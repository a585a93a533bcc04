import { z } from 'zod';

/** A service as lists and cards name it (with the slug the front's addresses use). */
export const serviceSummarySchema = z.object({ documentId: z.string(), name: z.string(), slug: z.string() });

/** A period of an indicator (month, quarter, half-year or year): its first and last days and its French name. */
export const periodSchema = z.object({ start: z.string(), end: z.string(), label: z.string() });

export type ServiceSummary = z.infer<typeof serviceSummarySchema>;
export type Period = z.infer<typeof periodSchema>;
