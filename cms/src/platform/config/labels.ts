import type { ModelLabels, TypeLabels } from '@charte/contract';
import { z } from 'zod';
import { readConfigFile } from './read-config';

const code = z.string().regex(/^[a-z0-9-]+$/, 'code en minuscules, chiffres et tirets');
const fieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'nom de champ attendu');
const text = z.string().trim().min(1);

/** A field is named by its label alone, or by its label and a help line. */
const fieldSchema = z.union([text, z.object({ label: text, help: text.optional() }).strict()]).transform((f) => (typeof f === 'string' ? { label: f } : f));

const typeSchema = z
  .object({
    label: text,
    plural: text,
    mainField: fieldName,
    list: z.array(fieldName).min(1),
    sort: z.tuple([fieldName, z.enum(['ASC', 'DESC'])]),
    fields: z.record(fieldName, fieldSchema),
  })
  .strict();

const labelsSchema = z
  .object({
    types: z.record(code, typeSchema),
    commonFields: z.record(fieldName, fieldSchema),
    states: z.record(code, text),
    actions: z.record(code, text),
    inboxGroups: z.record(code, text),
    choices: z.record(code, text),
    units: z.record(code, text),
  })
  .strict();

let cached: ModelLabels | undefined;

/** config/labels.yaml: the one French name of every type, field, workflow state, action and choice. */
export function modelLabels(): ModelLabels {
  cached ??= readConfigFile('labels.yaml', labelsSchema);
  return cached;
}

/** The labels of a content type by its uid (`api::evaluation.evaluation` → types.evaluation). */
export function typeLabels(uid: string): TypeLabels | undefined {
  return modelLabels().types[uid.split('.').pop() ?? ''];
}

/** A type's French name (« Engagement »), or its uid when labels.yaml has none. */
export function typeLabel(uid: string): string {
  return typeLabels(uid)?.label ?? uid;
}

/** A field's label on a type, falling back to the fields every type has, then to its name. */
export function fieldLabel(uid: string, field: string): string {
  return (typeLabels(uid)?.fields[field] ?? modelLabels().commonFields[field])?.label ?? field;
}

/** The labels of the workflow's vocabulary: states and actions. */
export function workflowLabels(): Pick<ModelLabels, 'states' | 'actions'> {
  const { states, actions } = modelLabels();
  return { states, actions };
}

/** value → label for every enumeration value and workflow state (one flat map: the codes never clash). */
let flat: Record<string, string> | undefined;
export function choiceLabels(): Record<string, string> {
  flat ??= { ...modelLabels().choices, ...modelLabels().states };
  return flat;
}

/** A choice's label, the code itself when it has none (checked at boot: only for values outside the schema). */
export const choiceLabel = (value: string | null | undefined): string => (value ? (choiceLabels()[value] ?? value) : '');

type ContentTypes = Record<string, { attributes: Record<string, { type?: string; enum?: string[] }> }>;

/**
 * The admin panel names each of the application's types by its schema's displayName: set it from
 * labels.yaml at register, so that a type has one French name everywhere.
 */
export function nameTypesFromLabels(contentTypes: Record<string, { info: { displayName?: string } }>): void {
  for (const [uid, type] of Object.entries(contentTypes)) {
    const labels = uid.startsWith('api::') ? typeLabels(uid) : undefined;
    if (labels) type.info.displayName = labels.label;
  }
}

/**
 * What labels.yaml misses or names wrongly against the application's own types (api::): every
 * enumeration value must have a label; a type or field labels.yaml names must exist; a unit's
 * symbol names a unit of `choices`.
 */
export function labelProblems(contentTypes: ContentTypes): string[] {
  const labels = modelLabels();
  const own = Object.entries(contentTypes).filter(([uid]) => uid.startsWith('api::'));
  const byName = new Map(own.map(([uid, type]) => [uid.split('.').pop()!, type]));
  const choices = choiceLabels();
  const missing = own.flatMap(([uid, type]) =>
    Object.entries(type.attributes).flatMap(([field, attribute]) =>
      attribute.type === 'enumeration' ? (attribute.enum ?? []).filter((v) => !choices[v]).map((v) => `libellé manquant pour ${uid}.${field} : ${v}`) : [],
    ),
  );
  const unknown = Object.entries(labels.types).flatMap(([name, type]) => {
    const schema = byName.get(name);
    if (!schema) return [`types.${name} : aucun type « ${name} » dans le cms`];
    const known = (field: string) => field in schema.attributes || field in labels.commonFields || field === 'id';
    return [
      ...Object.keys(type.fields).filter((f) => !(f in schema.attributes)).map((f) => `types.${name}.fields.${f} : champ inconnu`),
      ...[type.mainField, ...type.list, type.sort[0]].filter((f) => !known(f)).map((f) => `types.${name} : champ inconnu « ${f} »`),
    ];
  });
  const units = Object.keys(labels.units).filter((unit) => !labels.choices[unit]).map((unit) => `units.${unit} : unité inconnue (absente de choices)`);
  return [...missing, ...unknown, ...units];
}
