import type { Core } from '@strapi/strapi';
import type { Caller } from '../access/read-scope';
import { tableOf, type Row } from '../platform/db/schema';
import { townToday } from '../platform/calendar/clock';

/** What every section of the review is built from: the year, the day figures are read on, the reader. */
export interface ReviewContext {
  strapi: Core.Strapi;
  caller: Caller;
  year: number;
  /** The current year is read as of now; a past year as of its last day (the town's noon, 31 December). */
  asOf: Date;
  asOfDay: string;
  /** The year's evaluation campaign: the latest one started that year, if any. */
  campaign: { id: number; documentId: string; name: string } | null;
  decisions: string;
}

export async function reviewContext(strapi: Core.Strapi, caller: Caller, year: number, decisions: string, now = new Date()): Promise<ReviewContext> {
  const current = Number(townToday(now).slice(0, 4));
  const asOf = year < current ? new Date(`${year}-12-31T11:00:00Z`) : now;
  const campaign = (await strapi.db
    .connection(tableOf(strapi, 'api::campaign.campaign'))
    .whereRaw('extract(year from start_date) = ?', [year])
    .orderBy([{ column: 'start_date', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first('id', 'document_id', 'name')) as Row | undefined;
  return {
    strapi,
    caller,
    year,
    asOf,
    asOfDay: townToday(asOf),
    campaign: campaign ? { id: campaign.id, documentId: campaign.document_id, name: campaign.name } : null,
    decisions,
  };
}
