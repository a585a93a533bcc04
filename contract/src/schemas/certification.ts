import { z } from 'zod';

const ref = z.object({ documentId: z.string(), name: z.string() });

/** GET /api/audit/mandate: an external auditor's mission — the campaign, its services, the period. */
export const auditMandateSchema = z.object({
  campaign: ref.extend({ referentialDocumentId: z.string().nullable() }),
  services: z.array(ref.extend({ slug: z.string() })),
  start: z.string(),
  end: z.string(),
});
export type AuditMandateView = z.infer<typeof auditMandateSchema>;

/** What a criterion still lacks before the audit, and where to fix it (a front address). */
export const READINESS_PROBLEMS = ['no-evaluation', 'not-approved', 'no-evidence', 'no-action'] as const;
export const readinessProblemSchema = z.object({ code: z.enum(READINESS_PROBLEMS), message: z.string(), link: z.string() });

export const readinessItemSchema = z.object({
  criterion: z.object({ documentId: z.string(), code: z.string(), title: z.string() }),
  evaluation: z.object({ documentId: z.string(), workflowState: z.string(), result: z.string().nullable() }).nullable(),
  problems: z.array(readinessProblemSchema),
});

/**
 * GET /api/audit/readiness?campaign=…[&service=…]: « Prêt pour l'audit ? » per service of the
 * campaign the caller reads — each applicable criterion (approved evaluation, evidence, an action
 * for a gap) and the open findings that block the audit.
 */
export const serviceReadinessSchema = z.object({
  service: ref.extend({ slug: z.string() }),
  ready: z.boolean(),
  counts: z.object({ criteria: z.number(), approved: z.number(), withEvidence: z.number(), gaps: z.number(), gapsWithAction: z.number(), blockingFindings: z.number() }),
  items: z.array(readinessItemSchema),
  blockingFindings: z.array(z.object({ documentId: z.string(), grade: z.string(), fact: z.string(), workflowState: z.string(), link: z.string() })),
});
export const readinessSchema = z.object({ campaign: ref, services: z.array(serviceReadinessSchema) });
export type Readiness = z.infer<typeof readinessSchema>;
export type ServiceReadiness = z.infer<typeof serviceReadinessSchema>;
