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
/** Writes that follow the move, in the same transaction: both, or neither. */
export type AfterEffect = (strapi: Core.Strapi, facts: TransitionFacts) => Promise<unknown>;

/**
 * The effects a feature above the engine implements (the engine may not import it): installed at
 * boot (src/index.ts). A transition naming one that was not installed is refused rather than
 * silently done without it.
 */
const installed = new Map<EffectName, AfterEffect>();
export function installAfterEffect(name: EffectName, effect: AfterEffect): void {
  installed.set(name, effect);
}
const featureEffect =
  (name: EffectName): AfterEffect =>
  (strapi, facts) => {
    const effect = installed.get(name);
    if (!effect) throw new Error(`L’effet « ${name} » de config/workflows.yaml n’est pas installé.`);
    return effect(strapi, facts);
  };

/**
 * Every effect config/workflows.yaml may name (`effects:` of a workflow or of one transition), and
 * what it does. A name without an implementation here does not compile; an unknown name in the
 * file stops boot. What a decision on several documents does once (the charter's version) is a
 * decision's effect, in decisions.ts.
 */
const EFFECTS: Record<EffectName, { row?: RowEffect; after?: AfterEffect }> = {
  audit: {
    row: (strapi, facts) => transitionAuditRow(strapi, { uid: facts.workflow.uid, ...facts }),
  },
  // The measures of the indicators a validated mystery test feeds (mystery-tests/indicator-measures.ts).
  'indicator-measures': {
    after: featureEffect('indicator-measures'),
  },
};

const effectsOf = (workflow: Workflow, transition: Transition) => [...new Set([...workflow.effects, ...transition.effects])].map((name) => EFFECTS[name]);

/** The rows the effects of one transition of a workflow add to its statement. */
export function effectRows(strapi: Core.Strapi, workflow: Workflow, transition: Transition, facts: TransitionFacts): TableRow[] {
  return effectsOf(workflow, transition).flatMap((effect) => (effect.row ? [effect.row(strapi, facts)] : []));
}

/** The writes that follow the transition's statement, in its transaction (none for most transitions). */
export function afterEffects(workflow: Workflow, transition: Transition): AfterEffect[] {
  return effectsOf(workflow, transition).flatMap((effect) => (effect.after ? [effect.after] : []));
}
