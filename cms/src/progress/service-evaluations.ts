import type { ServiceEvaluationsResponse } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Caller } from '../access/read-scope';
import { FACTS_TABLE } from './evaluation-facts';
import { link, tableOf, type Row } from '../platform/db/schema';
import { campaignOf, visibleService } from './progress';
import { preparedRows } from '../platform/db/prepared';
import { visibleServiceIds } from '../access/read-scope';

/**
 * GET /api/progress/evaluations: the service page's list of one service's evaluations in a
 * campaign, with each criterion and theme — one query on the facts table's index instead of the
 * generic REST populate (which issues a query per relation level and shapes every row in Node).
 * Same read rule as the REST list: a caller scoped to their services sees only those.
 */
export async function serviceEvaluations(strapi: Core.Strapi, caller: Caller, campaignId: unknown, serviceSlug: unknown): Promise<ServiceEvaluationsResponse> {
  const knex = strapi.db.connection;
  const service = await visibleService(strapi, await visibleServiceIds(strapi, caller), serviceSlug);
  const campaign = await campaignOf(strapi, campaignId);
  if (!campaign) return { data: [], meta: { campaign: null, service: { documentId: service.document_id, name: service.name } } };
  const toTheme = link(strapi, 'api::criterion.criterion', 'theme');
  const query = knex(`${FACTS_TABLE} as f`)
    .join(`${tableOf(strapi, 'api::evaluation.evaluation')} as e`, 'e.id', 'f.evaluation_id')
    .leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', 'f.criterion_id')
    .leftJoin(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'c.id')
    .leftJoin(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .where({ 'f.campaign_id': campaign.id, 'f.service_id': service.id })
    .orderBy([{ column: 't.order' }, { column: 'c.code' }, { column: 'e.id' }])
    .select('e.document_id', 'e.result', 'e.workflow_state', 'e.findings', 'c.code as criterion_code', 'c.title as criterion_title')
    .select('t.code as theme_code', 't.title as theme_title', 't.order as theme_order');
  // Prepared: the service page's largest list, read at every visit.
  const rows = await preparedRows(knex, query);
  return {
    data: rows.map((r: Row) => ({
      documentId: r.document_id,
      result: r.result,
      workflowState: r.workflow_state,
      findings: r.findings,
      criterion:
        r.criterion_code === null
          ? null
          : { code: r.criterion_code, title: r.criterion_title, theme: r.theme_code === null ? null : { code: r.theme_code, title: r.theme_title, order: r.theme_order } },
    })),
    meta: { campaign: { documentId: campaign.document_id, name: campaign.name }, service: { documentId: service.document_id, name: service.name } },
  };
}
