import { z } from 'zod';

export const charterPrincipleSchema = z.object({ title: z.string(), text: z.string(), commitment: z.string().nullable() });

/**
 * What made a version: approving the charter as a whole (`charter`), or, for versions made before
 * that decision existed, approving or reopening one principle (or the initial load); the comment stays internal.
 */
export const charterChangeSchema = z.object({ action: z.enum(['charter', 'approve', 'reopen', 'initial']), principleTitle: z.string().nullable(), actorName: z.string() });

/** A version of the public charter (GET /api/public/charter, /api/public/charter/versions/:number). */
export const charterVersionSchema = z.object({
  number: z.number(),
  createdAt: z.string(),
  current: z.boolean(),
  /** « Version n du jj/mm/aaaa, approuvée par … », worded by the server for the page and the PDF alike. */
  label: z.string(),
  change: charterChangeSchema,
  principles: z.array(charterPrincipleSchema),
});

/** GET /api/public/charter/versions: every version, without its principles. */
export const charterVersionSummarySchema = charterVersionSchema.omit({ principles: true }).extend({ principleCount: z.number() });

/** GET /api/public/charter: the version in force (null while no principle is approved) and the town's name. */
export const currentCharterSchema = z.object({ data: charterVersionSchema.nullable(), meta: z.object({ town: z.string() }) });

export type CharterPrinciple = z.infer<typeof charterPrincipleSchema>;
export type CharterChange = z.infer<typeof charterChangeSchema>;
export type CharterVersion = z.infer<typeof charterVersionSchema>;
export type CharterVersionSummary = z.infer<typeof charterVersionSummarySchema>;
export type CurrentCharter = z.infer<typeof currentCharterSchema>;

/** POST /api/workflow/decisions/charter-approval: the submitted principles the DGS read and approves, all at once. */
export const charterApprovalRequestSchema = z.object({ documents: z.array(z.string()).max(500), comment: z.string().max(5000).nullish() }).strict();

/** Its answer: the version published and each principle's transition. */
export const decisionResultSchema = z.object({
  data: z.object({
    decision: z.string(),
    /** The charter's new version (the `charter-version` effect), or null for a decision without it. */
    version: z.number().nullable(),
    transitions: z.array(z.object({ documentId: z.string(), workflowState: z.string(), previousState: z.string() })),
  }),
});

export type CharterApprovalRequest = z.infer<typeof charterApprovalRequestSchema>;
export type DecisionResult = z.infer<typeof decisionResultSchema>;
