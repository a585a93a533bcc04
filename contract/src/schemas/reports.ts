import { z } from 'zod';

/** GET /charte-admin/reports: every campaign (newest first) with its services, for the panel's « Rapports ». */
export const catalogCampaignSchema = z.object({
  documentId: z.string(),
  name: z.string(),
  startDate: z.string().nullable(),
  services: z.array(z.object({ name: z.string(), slug: z.string() })),
});

/**
 * A PDF report as the front (/api/reports/:kind) and the panel (/charte-admin/reports/:kind) ask for
 * it, in the query string: `service` is the service's slug (evaluation report only); `draft` asks for
 * the working draft (every state, watermarked « Document de travail »).
 */
export const reportRequestSchema = z.object({
  kind: z.enum(['evaluation', 'synthesis']),
  campaign: z.string(),
  service: z.string().optional(),
  draft: z.boolean(),
  /** The evaluation report also comes as an editable Word file (format=docx); the PDF otherwise. */
  format: z.enum(['pdf', 'docx']).optional(),
});

export type CatalogCampaign = z.infer<typeof catalogCampaignSchema>;
export type ReportRequest = z.infer<typeof reportRequestSchema>;
export type ReportKind = ReportRequest['kind'];
