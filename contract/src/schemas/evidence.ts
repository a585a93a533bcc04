import { z } from 'zod';

/** undated: no « valable jusqu'au » date (files attached before dates existed), never expires. */
export const evidenceStatusSchema = z.enum(['valid', 'expiring', 'expired', 'undated']);
export const evidenceHolderSchema = z.enum(['evaluation', 'roadmap-action', 'service']);

export const evidenceVersionSchema = z.object({
  version: z.number(),
  fileId: z.number(),
  name: z.string(),
  url: z.string(),
  addedAt: z.string(),
  addedBy: z.string().nullable(),
});

/** A piece of evidence (or a service's procedure): its current file, owner, date and versions (newest first). */
export const evidenceItemSchema = z.object({
  fileId: z.number(),
  name: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  owner: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** YYYY-MM-DD; for a procedure, its review date. */
  validUntil: z.string().nullable(),
  status: evidenceStatusSchema,
  versions: z.array(evidenceVersionSchema),
});

/** GET /api/evidence?type=&documentId= */
export const evidenceListSchema = z.object({ data: z.array(evidenceItemSchema) });
/** PUT /api/evidence/:fileId, POST /api/evidence/:fileId/versions, POST /api/evidence/procedures */
export const evidenceItemResponseSchema = z.object({ data: evidenceItemSchema });

/** PUT /api/evidence/:fileId body (each field optional; null clears). */
export const evidenceChangesSchema = z.object({ owner: z.number().nullable().optional(), validUntil: z.string().nullable().optional(), title: z.string().nullable().optional() }).strict();

/** GET /api/evidence/expiring: pieces past their date or within the threshold (config/evidence.yaml). */
export const expiringEvidenceSchema = z.object({
  data: z.array(
    z.object({
      fileId: z.number(),
      name: z.string(),
      url: z.string(),
      title: z.string().nullable(),
      kind: evidenceHolderSchema,
      document: z.object({ documentId: z.string(), label: z.string() }),
      service: z.object({ name: z.string(), slug: z.string() }).nullable(),
      owner: z.string().nullable(),
      validUntil: z.string(),
      status: evidenceStatusSchema,
    }),
  ),
  /** all: every service's pieces (config/evidence.yaml keepers); owned: the caller's own. */
  meta: z.object({ today: z.string(), withinDays: z.number(), scope: z.enum(['all', 'owned']) }),
});

export type EvidenceStatus = z.infer<typeof evidenceStatusSchema>;
export type EvidenceHolder = z.infer<typeof evidenceHolderSchema>;
export type EvidenceVersion = z.infer<typeof evidenceVersionSchema>;
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;
export type EvidenceList = z.infer<typeof evidenceListSchema>;
export type EvidenceChanges = z.infer<typeof evidenceChangesSchema>;
export type ExpiringEvidence = z.infer<typeof expiringEvidenceSchema>;
