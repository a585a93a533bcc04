import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { transitionAuditRow } from '../audit/transition-entry';
import { freezeCharterVersion } from '../charter/charter-versions';
import type { TableRow } from '../platform/db/schema';
import type { EffectName, Transition, Workflow } from './definitions';
import type { TransitionWrite } from './record-transition';

/** What a transition does, as its effects see it (before it is written). */
export interface TransitionFacts extends TransitionWrite {
  workflow: Workflow;
}

/** What a committed transition did, as the effects that run in its transaction see it. */
export interface TransitionRecord extends TransitionFacts {
  eventId: number;
}

/** A row the transition's own statement writes: it exists if and only if the state moved. */
type RowEffect = (strapi: Core.Strapi, facts: TransitionFacts) => TableRow;
/** Work that commits or rolls back with the transition (it then opens a transaction); throwing aborts it. */
type TransactionEffect = (strapi: Core.Strapi, trx: Knex.Transaction, record: TransitionRecord) => Promise<unknown>;

/**
 * Every effect config/workflows.yaml may name (`effects:` of a workflow or of one transition), and
 * what it does. A name without an implementation here does not compile; an unknown name in the
 * file stops boot.
 */
const EFFECTS: Record<EffectName, { row: RowEffect } | { inTransaction: TransactionEffect }> = {
  audit: {
    row: (strapi, facts) => transitionAuditRow(strapi, { uid: facts.workflow.uid, ...facts }),
  },
  'charter-version': {
    inTransaction: (strapi, trx, record) => freezeCharterVersion(strapi, trx, { ...record, principleDocumentId: record.documentId }),
  },
};

/** The effects of one transition of a workflow, split by how they are written. */
export function effectsOf(workflow: Workflow, transition: Transition): { rows: RowEffect[]; inTransaction: TransactionEffect[] } {
  const named = [...new Set([...workflow.effects, ...transition.effects])].map((name) => EFFECTS[name]);
  return {
    rows: named.flatMap((effect) => ('row' in effect ? [effect.row] : [])),
    inTransaction: named.flatMap((effect) => ('inTransaction' in effect ? [effect.inTransaction] : [])),
  };
}
