import { z } from 'zod';

/** The three states of the mention every page shows, computed from the audit's rate. */
export const CONFORMITY_LEVELS = ['totale', 'partielle', 'non'] as const;

const derogationSchema = z.object({ content: z.string(), reason: z.string(), alternative: z.string().nullable() });

/** An RGAA conformity audit as config/accessibility.yaml records it. */
export const accessibilityAuditSchema = z.object({
  date: z.string(),
  rgaaVersion: z.string(),
  /** « en interne » or « par la société … », as the template's sentence reads. */
  auditor: z.string(),
  /** Share of the applicable RGAA criteria that are met, 0–100. */
  rate: z.number(),
  averageRate: z.number().nullable(),
  reportUrl: z.string().nullable(),
  pages: z.array(z.string()),
  nonConformities: z.array(z.string()),
  derogations: z.array(derogationSchema),
  tools: z.array(z.string()),
  environment: z.array(z.string()),
});

/** Automated checks (axe, Lighthouse): recorded for what they are, never counted as an audit. */
export const automatedCheckSchema = z.object({ date: z.string(), tool: z.string(), environment: z.string(), pages: z.string(), result: z.string() });

export const accessibilityPlanSchema = z.object({
  year: z.number(),
  actions: z.array(z.object({ title: z.string(), status: z.enum(['prevue', 'en-cours', 'realisee', 'reportee']) })),
  /** The review of the previous year's plan: required from the schéma's second year on. */
  review: z.array(z.string()),
});

/** GET /api/accessibility: the accessibility statement, schéma and plans (config/accessibility.yaml). */
export const accessibilityStatementSchema = z.object({
  demo: z.boolean(),
  entity: z.string(),
  service: z.string(),
  /** The mention, computed by the cms from the audit and the town's today. */
  conformity: z.enum(CONFORMITY_LEVELS),
  /** Why « non conforme » when it is not the rate: no audit, or one older than 3 years. */
  conformityReason: z.string().nullable(),
  establishedOn: z.string(),
  updatedOn: z.string().nullable(),
  audit: accessibilityAuditSchema.nullable(),
  automatedChecks: z.array(automatedCheckSchema),
  knownIssues: z.array(z.string()),
  exemptions: z.array(z.string()),
  technologies: z.array(z.string()),
  contact: z.object({ email: z.string(), postalAddress: z.string(), phone: z.string().nullable() }),
  schema: z.object({ from: z.number(), to: z.number(), sections: z.array(z.object({ title: z.string(), text: z.string() })) }),
  plans: z.array(accessibilityPlanSchema),
  /** The plan of the town's current year, if the file has one. */
  currentYear: z.number(),
});

export type ConformityLevel = (typeof CONFORMITY_LEVELS)[number];
export type AccessibilityStatement = z.infer<typeof accessibilityStatementSchema>;
export type AccessibilityPlan = z.infer<typeof accessibilityPlanSchema>;
