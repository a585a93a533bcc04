import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { link, tableOf } from '../platform/db/schema';

const CAMPAIGN = 'api::campaign.campaign';

/**
 * THE rule of « the previous campaign », which progress compares with, the synthesis report shows
 * the change since, and a new campaign is pre-filled from: on the same référentiel, the campaign
 * just before in (start date, id) order. A campaign being built (`id` null) comes after every
 * campaign of its référentiel: it is pre-filled from the latest one, which the « Nouvelle
 * campagne » form names (campaigns/builder-options.ts orders them the same way).
 */
export async function previousCampaignId(
  strapi: Core.Strapi,
  db: Knex | Knex.Transaction,
  campaign: { id: number | null; referentialId: number | null; startDate: string | Date | null },
): Promise<number | null> {
  if (!campaign.referentialId || (campaign.id !== null && !campaign.startDate)) return null;
  const toReferential = link(strapi, CAMPAIGN, 'referential');
  const startDate = campaign.startDate instanceof Date ? campaign.startDate.toISOString().slice(0, 10) : String(campaign.startDate ?? '').slice(0, 10);
  const row = await db(`${tableOf(strapi, CAMPAIGN)} as c`)
    .join(`${toReferential.table} as cr`, `cr.${toReferential.from}`, 'c.id')
    .where(`cr.${toReferential.to}`, campaign.referentialId)
    .modify((q) => {
      if (campaign.id === null) return;
      q.where((before) => before.where('c.start_date', '<', startDate).orWhere((same) => same.where('c.start_date', startDate).where('c.id', '<', campaign.id as number)));
    })
    .orderBy([
      { column: 'c.start_date', order: 'desc' },
      { column: 'c.id', order: 'desc' },
    ])
    .first('c.id');
  return (row as { id: number } | undefined)?.id ?? null;
}
