import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { link, tableOf } from '../platform/db/schema';

const CRITERION = 'api::criterion.criterion';
const EVALUATION = 'api::evaluation.evaluation';

export interface Pair {
  serviceId: number;
  criterionId: number;
}

/**
 * The (service × criterion) pairs a campaign evaluates: every criterion of the référentiel whose
 * `applicableServices` is empty or names the service. Ordered as the reports read them: service
 * name, then theme and criterion order.
 */
function pairsQuery(strapi: Core.Strapi, knex: Knex, referentialId: number, serviceIds: number[]) {
  const toTheme = link(strapi, CRITERION, 'theme');
  const toReferential = link(strapi, 'api::theme.theme', 'referential');
  const applicable = link(strapi, CRITERION, 'applicableServices');
  return knex(`${tableOf(strapi, CRITERION)} as c`)
    .join(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'c.id')
    .join(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .join(`${toReferential.table} as tr`, `tr.${toReferential.from}`, 't.id')
    .join(`${tableOf(strapi, 'api::service.service')} as s`, (j) => j.onIn('s.id', serviceIds))
    .where(`tr.${toReferential.to}`, referentialId)
    .where((w) =>
      w
        .whereNotExists(knex(applicable.table).whereRaw('?? = c.id', [applicable.from]))
        .orWhereExists(knex(applicable.table).whereRaw('?? = c.id', [applicable.from]).whereRaw('?? = s.id', [applicable.to])),
    );
}

export async function countPairs(strapi: Core.Strapi, referentialId: number, serviceIds: number[]): Promise<number> {
  const row = await pairsQuery(strapi, strapi.db.connection, referentialId, serviceIds).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function listPairs(strapi: Core.Strapi, knex: Knex, referentialId: number, serviceIds: number[]): Promise<Pair[]> {
  const rows = await pairsQuery(strapi, knex, referentialId, serviceIds)
    .orderBy([{ column: 's.name' }, { column: 't.order' }, { column: 'c.order' }, { column: 'c.code' }, { column: 'c.id' }])
    .select('s.id as service_id', 'c.id as criterion_id');
  return rows.map((r: { service_id: number; criterion_id: number }) => ({ serviceId: r.service_id, criterionId: r.criterion_id }));
}

export const COPIED = ['result', 'findings', 'strengths', 'gaps', 'recommendation'] as const;
export type Copied = Record<(typeof COPIED)[number], string | null>;
export const pairKey = (serviceId: number, criterionId: number) => `${serviceId}:${criterionId}`;

/**
 * What the previous campaign said for each (service, criterion), for the services being built.
 * Only evaluations that say something (a result other than « non évalué », or some text) count as
 * a pre-fill: copying an empty evaluation would mark it « à relire » for nothing.
 */
export async function previousAnswers(strapi: Core.Strapi, knex: Knex, campaignId: number, serviceIds: number[]): Promise<Map<string, Copied>> {
  const toCampaign = link(strapi, EVALUATION, 'campaign');
  const toService = link(strapi, EVALUATION, 'service');
  const toCriterion = link(strapi, EVALUATION, 'criterion');
  const columns = strapi.db.metadata.get(EVALUATION).attributes as unknown as Record<string, { columnName: string }>;
  const rows = await knex(`${tableOf(strapi, EVALUATION)} as e`)
    .join(`${toCampaign.table} as ec`, `ec.${toCampaign.from}`, 'e.id')
    .join(`${toService.table} as es`, `es.${toService.from}`, 'e.id')
    .join(`${toCriterion.table} as ecr`, `ecr.${toCriterion.from}`, 'e.id')
    .where(`ec.${toCampaign.to}`, campaignId)
    .whereIn(`es.${toService.to}`, serviceIds)
    .where((w) => {
      w.whereNot(`e.${columns.result.columnName}`, 'non-evalue');
      for (const field of COPIED.slice(1)) w.orWhereRaw(`coalesce(trim(??), '') <> ''`, [`e.${columns[field].columnName}`]);
    })
    // Two evaluations of the same pair in one campaign should not exist; if they do, the latest wins.
    .distinctOn(`es.${toService.to}`, `ecr.${toCriterion.to}`)
    .orderBy([{ column: `es.${toService.to}` }, { column: `ecr.${toCriterion.to}` }, { column: 'e.id', order: 'desc' }])
    .select(`es.${toService.to} as service_id`, `ecr.${toCriterion.to} as criterion_id`, ...COPIED.map((f) => `e.${columns[f].columnName} as ${f}`));
  return new Map(rows.map((r: Copied & { service_id: number; criterion_id: number }) => [pairKey(r.service_id, r.criterion_id), pickCopied(r)]));
}

function pickCopied(row: Copied): Copied {
  return { result: row.result, findings: row.findings, strengths: row.strengths, gaps: row.gaps, recommendation: row.recommendation };
}
