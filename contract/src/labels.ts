import type { ModelLabels } from './schemas/labels';

/** A field's label on a type (by its API name, e.g. `evaluation`), else the fields every type has, else its name. */
export function fieldLabel(model: ModelLabels, type: string, field: string): string {
  return (model.types[type]?.fields[field] ?? model.commonFields[field])?.label ?? field;
}

/** The label of a field every type has (`workflowState`, `updatedAt`…). */
export function commonFieldLabel(model: ModelLabels, field: string): string {
  return model.commonFields[field]?.label ?? field;
}

/** A type's label (`plural` for its plural), by its API name (e.g. `evaluation`); the name itself when it has none. */
export function typeLabel(model: ModelLabels, type: string, plural = false): string {
  const labels = model.types[type];
  return labels ? (plural ? labels.plural : labels.label) : type;
}

/** A field's help line, if it has one. */
export function fieldHelp(model: ModelLabels, type: string, field: string): string | undefined {
  return (model.types[type]?.fields[field] ?? model.commonFields[field])?.help;
}

/** The short symbol written after a value of `unit` (« % », « j »); '' for a plain number. */
export function unitSymbol(model: ModelLabels, unit: string): string {
  return model.units[unit] ?? '';
}

/** The label of a choice value or workflow state; the value itself when it has none. */
export function choiceLabel(model: ModelLabels, value: string | null | undefined): string {
  if (!value) return '';
  return model.choices[value] ?? model.states[value] ?? value;
}

/** value → label for every choice and workflow state: one flat map (the codes never clash), as the admin panel's translations hold them. */
export function flatChoices(model: ModelLabels): Record<string, string> {
  return { ...model.choices, ...model.states };
}
