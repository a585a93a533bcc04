import { z } from 'zod';

/** One public form that collects personal data, as config/legal.yaml `treatments` describes it. */
export const legalTreatmentSchema = z.object({
  title: z.string(),
  form: z.string(),
  purposes: z.array(z.string()),
  data: z.array(z.string()),
  legalBasis: z.string(),
  recipients: z.array(z.string()),
  retention: z.string(),
  /** The short RGPD art. 13 notice shown beside the form's fields. */
  notice: z.string(),
});

const contactSchema = z.object({ name: z.string(), address: z.string() });

/** GET /api/legal: the legal notice and the privacy policy (config/legal.yaml), plain text. */
export const legalNoticeSchema = z.object({
  /** True while the values are the demo town's: the pages say so. */
  demo: z.boolean(),
  publisher: contactSchema.extend({ phone: z.string(), email: z.string(), siret: z.string() }),
  publicationDirector: z.string(),
  host: contactSchema.extend({ phone: z.string() }),
  controller: contactSchema,
  dpo: contactSchema.extend({ email: z.string() }),
  treatments: z.record(z.string(), legalTreatmentSchema),
  /** How long the backups keep a copy of the data (config/backups.yaml), in French. */
  backupRetention: z.string(),
  rights: z.array(z.string()),
  exerciseRights: z.string(),
  cnil: z.string(),
  cookies: z.string(),
  intellectualProperty: z.string(),
});

export type LegalTreatment = z.infer<typeof legalTreatmentSchema>;
export type LegalNotice = z.infer<typeof legalNoticeSchema>;
