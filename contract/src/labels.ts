import type { ModelLabels } from './schemas/labels';

/** A field's label on a type (by its API name, e.g. `evaluation`), else the fields every type has, else its name. */
export function fieldLabel(model: ModelLabels, type: string, field: string): string {
  return (model.types[type]?.fields[field] ?? model.commonFields[field])?.label ?? field;
}

/** The label of a choice value or workflow state; the value itself when it has none. */
export function choiceLabel(model: ModelLabels, value: string | null | undefined): string {
  if (!value) return '';
  return model.choices[value] ?? model.states[value] ?? value;
}
