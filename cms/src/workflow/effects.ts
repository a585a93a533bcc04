import type { Core } from '@strapi/strapi';
import { transitionAuditRow } from '../audit/transition-entry';
import type { TableRow } from '../platform/db/schema';
import type { EffectName, Transition, Workflow } from './definitions';
import type { TransitionWrite } from './record-transition';

/** What a transition does, as its effects see it (before it is written). */
export interface TransitionFacts extends TransitionWrite {
  workflow: Workflow;
}

/** A row the transition's own statement writes: it exists if and only if the state moved. */
type RowEffect = (strapi: Core.Strapi, facts: TransitionFacts) => TableRow;

/**
 * Every effect config/workflows.yaml may name (`effects:` of a workflow or of one transition), and
 * what it does. A name without an implementation here does not compile; an unknown name in the
 * file stops boot. What a decision on several documents does once (the charter's version) is a
 * decision's effect, in decisions.ts.
 */
const EFFECTS: Record<EffectName, { row: RowEffect }> = {
  audit: {
    row: (strapi, facts) => transitionAuditRow(strapi, { uid: facts.workflow.uid, ...facts }),
  },
};

/** The rows the effects of one transition of a workflow add to its statement. */
export function effectRows(strapi: Core.Strapi, workflow: Workflow, transition: Transition, facts: TransitionFacts): TableRow[] {
  return [...new Set([...workflow.effects, ...transition.effects])].map((name) => EFFECTS[name].row(strapi, facts));
}
