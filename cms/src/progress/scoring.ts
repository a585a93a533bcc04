import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';
import { tableOf } from '../platform/db/schema';
import { FACTS_TABLE } from './evaluation-facts';

const RESULTS = ['conforme', 'partiel', 'non-conforme', 'non-applicable', 'non-evalue'] as const;

const scoringSchema = z.object({
  points: z.record(z.enum(RESULTS, { errorMap: () => ({ message: `résultat inconnu (${RESULTS.join(', ')})` }) }), z.number().min(0).max(1)),
});

let cached: z.infer<typeof scoringSchema> | undefined;
export const scoring = () => (cached ??= readConfigFile('scoring.yaml', scoringSchema));

/**
 * The SQL expression (with its bindings) giving the points of `resultColumn`, NULL for results that
 * leave the denominator. Built from config/scoring.yaml so that the scale is data, not code.
 */
export function pointsSql(resultColumn: string): { sql: string; bindings: (string | number)[] } {
  const entries = Object.entries(scoring().points);
  return {
    sql: `CASE ${entries.map(() => `WHEN ${resultColumn} = ? THEN ?::numeric`).join(' ')} ELSE NULL END`,
    bindings: entries.flatMap(([result, points]) => [result, points]),
  };
}

/**
 * One campaign's evaluations with their service, criterion, state, weight and points (the facts
 * table), as a knex subquery callers alias `ev` — what every conformity rate is computed over.
 */
export function scoredEvaluations(strapi: Core.Strapi, campaignId: number, filter: { serviceIds?: number[]; states?: string[] | null } = {}) {
  const knex = strapi.db.connection;
  const points = pointsSql('f.result');
  return knex(`${FACTS_TABLE} as f`)
    .leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as cr`, 'cr.id', 'f.criterion_id')
    .where('f.campaign_id', campaignId)
    .whereNotNull('f.service_id')
    .modify((q) => {
      if (filter.serviceIds) q.whereIn('f.service_id', filter.serviceIds.length ? filter.serviceIds : [0]);
      if (filter.states) q.whereIn('f.workflow_state', filter.states);
    })
    .select('f.service_id', 'f.criterion_id', 'f.workflow_state', 'f.result')
    .select(knex.raw('coalesce(cr.weight, 1) as weight'))
    .select(knex.raw(`${points.sql} as points`, points.bindings));
}

/**
 * THE conformity rate over `ev` rows (scoredEvaluations): weighted points over the weights of the
 * rated results, in %, one decimal. Unrated results (no points) leave the denominator.
 */
export const RATE_SQL = 'round(100 * sum(ev.weight * ev.points) / nullif(sum(ev.weight) filter (where ev.points is not null), 0), 1)';
