import { z } from 'zod';
import { ROW_KINDS, ROW_STATUSES } from '../constants';

export const rowKindSchema = z.enum(ROW_KINDS);
export const rowStatusSchema = z.enum(ROW_STATUSES);

/** One row of a référentiel file, as the import would treat it. */
export const previewRowSchema = z.object({
  sheet: z.string(),
  row: z.number(),
  kind: rowKindSchema,
  code: z.string().nullable(),
  title: z.string().nullable(),
  status: rowStatusSchema,
  /** French names of the fields that would change. */
  changes: z.array(z.string()),
  errors: z.array(z.string()),
});

/** POST /charte-admin/referentials/import/preview: what the file would change; nothing written. */
export const previewSchema = z.object({
  fileName: z.string(),
  referential: z.object({ code: z.string().nullable(), name: z.string().nullable(), exists: z.boolean(), status: rowStatusSchema }),
  rows: z.array(previewRowSchema),
  counts: z.object({ added: z.number(), updated: z.number(), unchanged: z.number(), errors: z.number() }),
  canApply: z.boolean(),
});

export const importCountsSchema = z.object({ added: z.number(), updated: z.number(), unchanged: z.number() });

/** What an applied import wrote. */
export const importReportSchema = z.object({
  referential: z.object({ documentId: z.string(), code: z.string(), name: z.string(), created: z.boolean() }),
  counts: z.object({ themes: importCountsSchema, criteria: importCountsSchema, indicators: importCountsSchema }),
  warnings: z.array(z.string()),
});

/** POST /charte-admin/referentials/import */
export const importResultSchema = z.object({ report: importReportSchema, preview: previewSchema });

/** GET /charte-admin/referentials: every référentiel with its counts. */
export const referentialSummarySchema = z.object({
  documentId: z.string(),
  code: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  source: z.string().nullable(),
  themes: z.number(),
  criteria: z.number(),
  indicators: z.number(),
});

export type RowKind = z.infer<typeof rowKindSchema>;
export type RowStatus = z.infer<typeof rowStatusSchema>;
export type PreviewRow = z.infer<typeof previewRowSchema>;
export type Preview = z.infer<typeof previewSchema>;
export type ImportCounts = z.infer<typeof importCountsSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type ReferentialSummary = z.infer<typeof referentialSummarySchema>;
