import type { Core } from '@strapi/strapi';
import { resolutionProblems } from '../findings/resolution';
import { workflowLabels } from '../platform/config/labels';
import { HttpError } from '../platform/http/http-error';
import type { CheckName, Workflow } from './definitions';

/**
 * Every check config/workflows.yaml may name (`checks:` of a workflow, per action): what the
 * document still lacks, in French, read from its links. A name without an implementation here does
 * not compile; an unknown name in the file stops boot.
 */
/** `changes`: the fields the same action sets (its `updates`), which count as already written. */
const CHECKS: Record<CheckName, (strapi: Core.Strapi, documentId: string, changes: Record<string, string | number> | null) => Promise<string[]>> = {
  'finding-resolved': resolutionProblems,
};

/**
 * Refuses the action (422) when one of its checks finds something missing. Read before the
 * transition's statement: a link undone in the same instant can slip by, which the next edit of
 * the roadmap action would show (the finding stays closed, its history says by whom and when).
 */
export async function runChecks(strapi: Core.Strapi, workflow: Workflow, action: string, documentId: string, changes: Record<string, string | number> | null): Promise<void> {
  const names = workflow.checks[action as keyof Workflow['checks']] ?? [];
  const problems = (await Promise.all(names.map((name) => CHECKS[name](strapi, documentId, changes)))).flat();
  if (!problems.length) return;
  const actionLabel = workflowLabels().actions[action] ?? action;
  throw new HttpError(422, `Action « ${actionLabel} » impossible : ${problems.join(' ; ')}.`, { errors: problems.map((message) => ({ path: [], message, name: 'ValidationError' })) });
}
