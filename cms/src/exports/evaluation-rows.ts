import type { Core } from '@strapi/strapi';
import { FACTS_TABLE } from '../progress/evaluation-facts';
import { link, tableOf } from '../platform/db/schema';
import type { EvaluationFilters } from './evaluation-filters';

const EVALUATION = 'api::evaluation.evaluation';
const CRITERION = 'api::criterion.criterion';
export const EXPORT_BATCH = 1000;

export interface EvaluationExportRow {
  id: number;
  campaign: string | null;
  service: string | null;
  theme: string | null;
  code: string | null;
  criterion: string | null;
  result: string | null;
  state: string | null;
  findings: string | null;
  strengths: string | null;
  gaps: string | null;
  recommendation: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/**
 * The ids of the evaluations to export, in reading order (campaign, service, theme, criterion).
 * Filters read the trigger-kept facts table (see evaluation-facts.ts), so ids of a 10,000-row
 * campaign come from one indexed query; the texts are then read in batches (evaluationBatch).
 */
export async function evaluationIds(strapi: Core.Strapi, filters: EvaluationFilters, visible: number[] | null): Promise<number[]> {
  const knex = strapi.db.connection;
  const toTheme = link(strapi, CRITERION, 'theme');
  const rows = await knex(`${FACTS_TABLE} as f`)
    .leftJoin(`${tableOf(strapi, 'api::campaign.campaign')} as ca`, 'ca.id', 'f.campaign_id')
    .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', 'f.service_id')
    .leftJoin(`${tableOf(strapi, CRITERION)} as c`, 'c.id', 'f.criterion_id')
    .leftJoin(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'c.id')
    .leftJoin(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .modify((q) => {
      if (visible) q.whereIn('f.service_id', visible.length ? visible : [0]);
      if (filters.campaignId) q.where('f.campaign_id', filters.campaignId);
      if (filters.serviceId) q.where('f.service_id', filters.serviceId);
      if (filters.themeId) q.where('t.id', filters.themeId);
      if (filters.state) q.where('f.workflow_state', filters.state);
    })
    .orderByRaw('ca.start_date desc nulls last, ca.id, s.name nulls last, s.id, t."order" nulls last, t.code, c."order" nulls last, c.code, f.evaluation_id')
    .select('f.evaluation_id as id');
  return rows.map((r: { id: number }) => r.id);
}

/** One batch of rows, every label joined in SQL, in the order of `ids`. */
export async function evaluationBatch(strapi: Core.Strapi, ids: number[]): Promise<EvaluationExportRow[]> {
  const knex = strapi.db.connection;
  const toTheme = link(strapi, CRITERION, 'theme');
  const rows: EvaluationExportRow[] = await knex(`${tableOf(strapi, EVALUATION)} as e`)
    .join(`${FACTS_TABLE} as f`, 'f.evaluation_id', 'e.id')
    .leftJoin(`${tableOf(strapi, 'api::campaign.campaign')} as ca`, 'ca.id', 'f.campaign_id')
    .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', 'f.service_id')
    .leftJoin(`${tableOf(strapi, CRITERION)} as c`, 'c.id', 'f.criterion_id')
    .leftJoin(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'c.id')
    .leftJoin(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .whereIn('e.id', ids)
    .select(
      'e.id', 'ca.name as campaign', 's.name as service', 't.title as theme', 'c.code as code', 'c.title as criterion',
      'e.result', 'e.workflow_state as state', 'e.findings', 'e.strengths', 'e.gaps', 'e.recommendation',
      'e.created_at as createdAt', 'e.updated_at as updatedAt',
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** All rows, a batch at a time, never more than EXPORT_BATCH in memory at once. */
export async function* evaluationRows(strapi: Core.Strapi, ids: number[]): AsyncGenerator<EvaluationExportRow> {
  for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
    for (const row of await evaluationBatch(strapi, ids.slice(i, i + EXPORT_BATCH))) yield row;
  }
}
