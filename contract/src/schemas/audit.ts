import { z } from 'zod';
import { ACTOR_KINDS, ORIGINS } from '../constants';

/** One changed field of a journal entry, with its French label and display values. */
export const auditChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  /** Personal data: the change is recorded, never its value. */
  masked: z.boolean(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

/** One entry of the « Journal des modifications ». */
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.number().nullable(), name: z.string().nullable() }),
  origin: z.enum(ORIGINS),
  contentType: z.object({ uid: z.string(), label: z.string(), collection: z.string().nullable() }),
  documentId: z.string().nullable(),
  /** The document's title as it reads today (null once deleted, or for a type without a title), and its service. */
  document: z.object({ title: z.string(), service: z.string().nullable() }).nullable(),
  action: z.string(),
  actionLabel: z.string(),
  detail: z.object({ action: z.string().optional(), comment: z.string().nullable().optional(), bulk: z.string().optional() }).passthrough().nullable(),
  changes: z.array(auditChangeSchema),
});

/** GET /api/audit-log: newest first, filtered and paginated; the types the log can hold. */
export const auditPageSchema = z.object({
  data: z.array(auditEntrySchema),
  meta: z.object({
    pagination: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), pageCount: z.number() }),
    types: z.array(z.object({ uid: z.string(), label: z.string() })),
  }),
});

export type AuditChange = z.infer<typeof auditChangeSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
