import { z } from 'zod';

/** A field as screens name it: its label, and a help line where one helps. */
export const fieldLabelSchema = z.object({ label: z.string(), help: z.string().optional() });

/** What every screen shows for one content type (config/labels.yaml, `types`). */
export const typeLabelsSchema = z.object({
  label: z.string(),
  plural: z.string(),
  /** The field that names a document in lists and relations. */
  mainField: z.string(),
  list: z.array(z.string()),
  sort: z.tuple([z.string(), z.enum(['ASC', 'DESC'])]),
  fields: z.record(fieldLabelSchema),
});

/** GET /api/labels: the French model map, the one source of every label a user reads. */
export const modelLabelsSchema = z.object({
  types: z.record(typeLabelsSchema),
  commonFields: z.record(fieldLabelSchema),
  states: z.record(z.string()),
  actions: z.record(z.string()),
  /** The groups of « À traiter » (config/workflows.yaml, inbox). */
  inboxGroups: z.record(z.string()),
  choices: z.record(z.string()),
  /** The short symbol written after a value of a unit (« % », « j »); none for a plain number. */
  units: z.record(z.string()),
});

export type FieldLabel = z.infer<typeof fieldLabelSchema>;
export type TypeLabels = z.infer<typeof typeLabelsSchema>;
export type ModelLabels = z.infer<typeof modelLabelsSchema>;
