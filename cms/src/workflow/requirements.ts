import type { Core } from '@strapi/strapi';
import { choiceLabel, fieldLabel, workflowLabels } from '../platform/config/labels';
import { columnOf } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import type { Requirement, Workflow } from './definitions';

/** A requirement as the transition's SQL checks it: the column must be filled and hold none of `not`. */
export interface ContentCondition {
  column: string;
  not: string[];
}

/** What config/workflows.yaml (`requires:`) asks of the document before this action. */
export function requirementsOf(workflow: Workflow, action: string): Requirement[] {
  return workflow.requires[action as keyof Workflow['requires']] ?? [];
}

export function contentConditions(strapi: Core.Strapi, workflow: Workflow, requirements: Requirement[]): ContentCondition[] {
  return requirements.map((r) => ({ column: columnOf(strapi, workflow.uid, r.field), not: r.not }));
}

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Each requirement the values fail, in French: « « Résultat » est encore « Non évalué » ». */
export function missingContent(workflow: Workflow, requirements: Requirement[], values: Record<string, unknown>): { field: string; message: string }[] {
  return requirements.flatMap((r) => {
    const label = `« ${fieldLabel(workflow.uid, r.field)} »`;
    const value = values[r.field];
    if (isBlank(value)) return [{ field: r.field, message: `${label} est vide` }];
    if (r.not.includes(String(value))) return [{ field: r.field, message: `${label} est encore « ${choiceLabel(String(value))} »` }];
    return [];
  });
}

/**
 * Refuses the action (422) when the document lacks what it requires, naming each missing field;
 * read only once the transition's own statement (record-transition.ts) has refused it, for the message.
 */
export async function checkRequirements(strapi: Core.Strapi, workflow: Workflow, action: string, documentId: string): Promise<void> {
  const requirements = requirementsOf(workflow, action);
  if (!requirements.length) return;
  const values = (await strapi.db.query(workflow.uid as never).findOne({ select: requirements.map((r) => r.field), where: { documentId } })) ?? {};
  const missing = missingContent(workflow, requirements, values as Record<string, unknown>);
  if (!missing.length) return;
  const actionLabel = workflowLabels().actions[action] ?? action;
  const plural = missing.length > 1;
  throw new HttpError(
    422,
    `Action « ${actionLabel} » impossible : ${missing.map((m) => m.message).join(' ; ')}. ` +
      `Renseignez ${plural ? 'ces champs' : 'ce champ'} et enregistrez, puis recommencez.`,
    { errors: missing.map((m) => ({ path: [m.field], message: m.message, name: 'ValidationError' })) },
  );
}
