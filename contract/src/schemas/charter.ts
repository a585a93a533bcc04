import { z } from 'zod';

export const charterPrincipleSchema = z.object({ title: z.string(), text: z.string(), commitment: z.string().nullable() });

/** What made a version: approving or reopening one principle (or the initial load); the comment stays internal. */
export const charterChangeSchema = z.object({ action: z.enum(['approve', 'reopen', 'initial']), principleTitle: z.string().nullable(), actorName: z.string() });

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
