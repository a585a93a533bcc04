import type { Core } from '@strapi/strapi';
import { link, tableOf, type Row } from '../platform/db/schema';
import { previousCampaignId } from '../progress/previous-campaign';
import { RATE_SQL, scoredEvaluations } from '../progress/scoring';
import { HttpError } from '../platform/http/http-error';

const CAMPAIGN = 'api::campaign.campaign';
const SERVICE = 'api::service.service';

/** What a final report may show: the states the workflow ends with. A draft report shows every state. */
export const FINAL_STATES = ['validated', 'approved'];

export interface CampaignInfo {
  id: number;
  documentId: string;
  name: string;
  kind: string;
  startDate: string | null;
  endDate: string | null;
  referentialId: number | null;
  referentialName: string | null;
}

function campaignQuery(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const toReferential = link(strapi, CAMPAIGN, 'referential');
  return knex(`${tableOf(strapi, CAMPAIGN)} as c`)
    .leftJoin(`${toReferential.table} as cr`, `cr.${toReferential.from}`, 'c.id')
    .leftJoin(`${tableOf(strapi, 'api::referential.referential')} as r`, 'r.id', `cr.${toReferential.to}`)
    .select('c.id', 'c.document_id', 'c.name', 'c.kind', 'c.start_date', 'c.end_date', 'r.id as referential_id', 'r.name as referential_name');
}

const toCampaign = (r: Row): CampaignInfo => ({
  id: r.id,
  documentId: r.document_id,
  name: r.name,
  kind: r.kind,
  startDate: r.start_date ?? null,
  endDate: r.end_date ?? null,
  referentialId: r.referential_id ?? null,
  referentialName: r.referential_name ?? null,
});

export async function findCampaign(strapi: Core.Strapi, documentId: string): Promise<CampaignInfo> {
  const row = await campaignQuery(strapi).where('c.document_id', documentId).first();
  if (!row) throw new HttpError(404, 'Campagne introuvable.');
  return toCampaign(row);
}

/** The campaign before this one on the same référentiel (progress/previous-campaign.ts). */
export async function previousCampaign(strapi: Core.Strapi, campaign: CampaignInfo): Promise<CampaignInfo | null> {
  const id = await previousCampaignId(strapi, strapi.db.connection, campaign);
  const row = id === null ? undefined : await campaignQuery(strapi).where('c.id', id).first();
  return row ? toCampaign(row) : null;
}

export async function findService(strapi: Core.Strapi, slug: string): Promise<{ id: number; documentId: string; name: string; slug: string }> {
  const row = await strapi.db.connection(tableOf(strapi, SERVICE)).where('slug', slug).first('id', 'document_id', 'name', 'slug');
  if (!row) throw new HttpError(404, 'Service introuvable.');
  return { id: row.id, documentId: row.document_id, name: row.name, slug: row.slug };
}

/** The services taking part in the campaign, by name. */
export async function campaignServices(strapi: Core.Strapi, campaignId: number): Promise<{ id: number; name: string; slug: string }[]> {
  const toServices = link(strapi, CAMPAIGN, 'services');
  return strapi.db
    .connection(`${tableOf(strapi, SERVICE)} as s`)
    .join(`${toServices.table} as cs`, `cs.${toServices.to}`, 's.id')
    .where(`cs.${toServices.from}`, campaignId)
    .orderBy('s.name')
    .select('s.id', 's.name', 's.slug');
}

export interface ThemeRate {
  serviceId: number;
  themeCode: string;
  themeTitle: string;
  themeOrder: number;
  evaluations: number;
  rate: number | null;
}

/**
 * Conformity rate per service and theme, with the scale of config/scoring.yaml and the same formula
 * as /api/progress (weighted points over the weights of rated results, one decimal), restricted to
 * the given workflow states (null: all of them, as /api/progress counts).
 */
export async function themeRates(strapi: Core.Strapi, campaignId: number, options: { serviceIds?: number[]; states: string[] | null }): Promise<ThemeRate[]> {
  const knex = strapi.db.connection;
  const toTheme = link(strapi, 'api::criterion.criterion', 'theme');
  const scored = scoredEvaluations(strapi, campaignId, options);
  const rows = await knex(scored.as('ev'))
    .join(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'ev.criterion_id')
    .join(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .groupBy('ev.service_id', 't.id', 't.code', 't.title', 't.order')
    .orderBy([{ column: 't.order' }, { column: 't.code' }])
    .select('ev.service_id', 't.code', 't.title', 't.order', knex.raw('count(*) as total'))
    .select(knex.raw(`${RATE_SQL} as rate`));
  return rows.map((r: Row) => ({
    serviceId: r.service_id,
    themeCode: r.code,
    themeTitle: r.title,
    themeOrder: Number(r.order ?? 0),
    evaluations: Number(r.total),
    rate: r.rate === null ? null : Number(r.rate),
  }));
}

/** The overall rate of each service (all themes together), same formula and state filter. */
export async function serviceRates(strapi: Core.Strapi, campaignId: number, states: string[] | null): Promise<Map<number, number | null>> {
  const knex = strapi.db.connection;
  const rows = await knex(scoredEvaluations(strapi, campaignId, { states }).as('ev'))
    .groupBy('ev.service_id')
    .select('ev.service_id', knex.raw(`${RATE_SQL} as rate`));
  return new Map(rows.map((r: Row) => [r.service_id, r.rate === null ? null : Number(r.rate)]));
}
