import { z } from 'zod';

const columnSchema = z.object({ header: z.string(), width: z.number(), align: z.enum(['left', 'right', 'center']).optional() });

/** A block of a report, drawn in the PDF and the Word file alike (cms/src/platform/document/blocks.ts). */
export const reportBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string(), muted: z.boolean().optional(), size: z.number().optional() }),
  z.object({ kind: z.literal('labelled'), label: z.string(), value: z.string().nullable().optional() }),
  z.object({ kind: z.literal('bullets'), items: z.array(z.string()) }),
  z.object({ kind: z.literal('table'), columns: z.array(columnSchema), rows: z.array(z.array(z.string())) }),
  z.object({ kind: z.literal('pageBreak') }),
]);

/** GET /api/management-review?year=: the annual review, chapter by chapter, as the files print it. */
export const managementReviewSchema = z.object({
  year: z.number(),
  town: z.string(),
  generatedAt: z.string(),
  campaign: z.object({ documentId: z.string(), name: z.string() }).nullable(),
  decisions: z.string(),
  decisionsUpdatedAt: z.string().nullable(),
  sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(reportBlockSchema) })),
});

/** PUT /api/management-review/decisions */
export const reviewDecisionsRequestSchema = z.object({ year: z.union([z.string(), z.number()]), decisions: z.string() });
export const reviewDecisionsSchema = z.object({ year: z.number(), decisions: z.string(), updatedAt: z.string().nullable() });

export type ReportBlock = z.infer<typeof reportBlockSchema>;
export type ManagementReview = z.infer<typeof managementReviewSchema>;
export type ReviewDecisionsRequest = z.infer<typeof reviewDecisionsRequestSchema>;
export type ReviewDecisions = z.infer<typeof reviewDecisionsSchema>;
