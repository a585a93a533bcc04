import { z } from 'zod';

/** GET /charte-admin/reports: every campaign (newest first) with its services, for the panel's « Rapports ». */
export const catalogCampaignSchema = z.object({
  documentId: z.string(),
  name: z.string(),
  startDate: z.string().nullable(),
  services: z.array(z.object({ name: z.string(), slug: z.string() })),
});

export type CatalogCampaign = z.infer<typeof catalogCampaignSchema>;
