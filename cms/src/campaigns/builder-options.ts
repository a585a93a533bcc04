import type { BuilderOptions } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { choiceLabels } from '../platform/config/labels';
import { link, tableOf } from '../platform/db/schema';
import { campaignKinds } from './campaign-request';

const CAMPAIGN = 'api::campaign.campaign';

/**
 * What the "Nouvelle campagne" form offers: référentiels with their criteria count and last
 * campaign (what a pre-fill copies from: progress/previous-campaign.ts), services, kinds. Three
 * queries, counts in SQL.
 */
export async function builderOptions(strapi: Core.Strapi): Promise<BuilderOptions> {
  const knex = strapi.db.connection;
  const toTheme = link(strapi, 'api::criterion.criterion', 'theme');
  const themeToReferential = link(strapi, 'api::theme.theme', 'referential');
  const toReferential = link(strapi, CAMPAIGN, 'referential');
  const evaluationToCampaign = link(strapi, 'api::evaluation.evaluation', 'campaign');

  const criteriaCount = knex(`${toTheme.table} as ct`)
    .join(`${themeToReferential.table} as tr`, `tr.${themeToReferential.from}`, `ct.${toTheme.to}`)
    .whereRaw('?? = r.id', [`tr.${themeToReferential.to}`])
    .count('*');
  const referentials = await knex(`${tableOf(strapi, 'api::referential.referential')} as r`)
    .orderBy('r.name')
    .select('r.id', 'r.document_id', 'r.code', 'r.name', criteriaCount.as('criteria'));

  const lastCampaigns = await knex(`${tableOf(strapi, CAMPAIGN)} as c`)
    .join(`${toReferential.table} as cr`, `cr.${toReferential.from}`, 'c.id')
    .distinctOn(`cr.${toReferential.to}`)
    .orderBy([{ column: `cr.${toReferential.to}` }, { column: 'c.start_date', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .select(
      `cr.${toReferential.to} as referential_id`,
      'c.document_id',
      'c.name',
      knex.raw(`to_char(c.start_date, 'YYYY-MM-DD') as start_date`),
      knex(evaluationToCampaign.table).whereRaw('?? = c.id', [evaluationToCampaign.to]).count('*').as('evaluations'),
    );
  const lastOf = new Map(lastCampaigns.map((c: Record<string, unknown>) => [c.referential_id as number, c]));

  const labels = choiceLabels();
  const services = await knex(tableOf(strapi, 'api::service.service')).orderBy('name').select('document_id', 'name', 'slug');
  return {
    referentials: referentials.map((r: Record<string, unknown>) => {
      const last = lastOf.get(r.id as number);
      return {
        documentId: r.document_id as string,
        code: r.code as string,
        name: r.name as string,
        criteria: Number(r.criteria),
        lastCampaign: last
          ? { documentId: last.document_id as string, name: last.name as string, startDate: last.start_date as string | null, evaluations: Number(last.evaluations) }
          : null,
      };
    }),
    services: services.map((s: Record<string, unknown>) => ({ documentId: s.document_id as string, name: s.name as string, slug: s.slug as string })),
    kinds: campaignKinds(strapi).map((value) => ({ value, label: labels[value] ?? value })),
  };
}
