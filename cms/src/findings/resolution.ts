import type { Core } from '@strapi/strapi';
import { choiceLabel } from '../platform/config/labels';
import { link, tableOf } from '../platform/db/schema';
import { FINDING, gradeRules } from './audits-config';
import { hasEvidenceSql } from './evidence';

const ACTION = 'api::roadmap-action.roadmap-action';
const EVALUATION = 'api::evaluation.evaluation';

/**
 * What a finding still lacks to be closed, in French (empty: it may be closed). A non-conformity
 * (config/audits.yaml) needs its cause, a corrective action created from it (a roadmap action whose
 * promptFinding is the finding) that is done, and evidence — on that action or on the evaluation
 * of the same criterion, service and campaign. One query. A cause the closing action itself
 * writes (`changes.rootCause`) counts.
 */
export async function resolutionProblems(strapi: Core.Strapi, documentId: string, changes: Record<string, string | number> | null = null): Promise<string[]> {
  const knex = strapi.db.connection;
  const f = (attribute: string) => link(strapi, FINDING, attribute);
  const e = (attribute: string) => link(strapi, EVALUATION, attribute);
  const prompt = link(strapi, ACTION, 'promptFinding');
  const evaluationWithEvidence = knex(`${tableOf(strapi, EVALUATION)} as ev_e`)
    .join(`${e('campaign').table} as ev_c`, `ev_c.${e('campaign').from}`, 'ev_e.id')
    .join(`${e('service').table} as ev_s`, `ev_s.${e('service').from}`, 'ev_e.id')
    .join(`${e('criterion').table} as ev_k`, `ev_k.${e('criterion').from}`, 'ev_e.id')
    .whereRaw(`ev_c.${e('campaign').to} = fc.${f('campaign').to}`)
    .whereRaw(`ev_s.${e('service').to} = fs.${f('service').to}`)
    .whereRaw(`ev_k.${e('criterion').to} = fk.${f('criterion').to}`)
    .where(hasEvidenceSql(strapi, EVALUATION, 'ev_e.id'))
    .select(knex.raw('1'));
  const row = (await knex(`${tableOf(strapi, FINDING)} as d`)
    .leftJoin(`${f('campaign').table} as fc`, `fc.${f('campaign').from}`, 'd.id')
    .leftJoin(`${f('service').table} as fs`, `fs.${f('service').from}`, 'd.id')
    .leftJoin(`${f('criterion').table} as fk`, `fk.${f('criterion').from}`, 'd.id')
    .where('d.document_id', documentId)
    .first(
      'd.grade',
      knex.raw(`nullif(btrim(d.root_cause), '') is not null as has_cause`),
      knex.raw(`(select count(*)::int from ${prompt.table} p where p.${prompt.to} = d.id) as actions`),
      knex.raw(
        `(select string_agg(a.title, ' », « ' order by a.id) from ${tableOf(strapi, ACTION)} a join ${prompt.table} p on p.${prompt.from} = a.id where p.${prompt.to} = d.id and a.action_status = 'abouti') as done_titles`,
      ),
      knex.raw(
        `(select count(*)::int from ${tableOf(strapi, ACTION)} a join ${prompt.table} p on p.${prompt.from} = a.id where p.${prompt.to} = d.id and a.action_status = 'abouti' and ?) as done_with_evidence`,
        [hasEvidenceSql(strapi, ACTION, 'a.id')],
      ),
      knex.raw(`exists (?) as evaluation_evidence`, [evaluationWithEvidence]),
    )) as { grade: string; has_cause: boolean; actions: number; done_titles: string | null; done_with_evidence: number; evaluation_evidence: boolean } | undefined;
  if (!row || !gradeRules(row.grade)?.nonConformity) return [];
  const grade = choiceLabel(row.grade).toLowerCase();
  const problems: string[] = [];
  const causeNow = typeof changes?.rootCause === 'string' && changes.rootCause.trim() !== '';
  if (!row.has_cause && !causeNow) problems.push(`la cause de la ${grade} n’est pas notée (champ « Cause »)`);
  if (!row.actions) problems.push('aucune action corrective n’a été créée depuis le constat');
  else if (!row.done_titles) problems.push('l’action corrective n’est pas encore aboutie');
  else if (!row.done_with_evidence && !row.evaluation_evidence) problems.push('aucune preuve valide n’est jointe, ni à l’action corrective aboutie ni à l’évaluation de cet engagement (une pièce échue ne compte pas)');
  return problems;
}
