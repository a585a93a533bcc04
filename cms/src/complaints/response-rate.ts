import type { ComplaintResponseRate } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { deadlineRules } from './complaints-config';
import { complaintsWithDue, serviceColumn } from './sql';
import { townToday } from '../platform/calendar/clock';
import { type IsoDate } from '../platform/calendar/days';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The charter's indicator « % des réclamations traitées dans les délais » for the complaints
 * received from `from` to `to` (inclusive). A complaint still open past its due date counts as late.
 */
export async function complaintResponseRate(
  strapi: Core.Strapi,
  { from, to, serviceId, serviceIds }: { from: string; to: string; serviceId?: number; serviceIds?: number[] | null },
): Promise<ComplaintResponseRate> {
  if (!ISO.test(from) || !ISO.test(to) || from > to) throw new Error(`Période invalide : ${from} – ${to}`);
  const today: IsoDate = townToday();
  const query = complaintsWithDue(strapi, from, to);
  if (serviceId !== undefined) query.where(serviceColumn(strapi), serviceId);
  if (serviceIds) query.whereIn(serviceColumn(strapi), serviceIds.length ? serviceIds : [0]);
  const row = (await query
    .select(
      strapi.db.connection.raw('count(*)::int as received'),
      strapi.db.connection.raw('count(c.answered_at)::int as answered'),
      strapi.db.connection.raw('(count(*) filter (where c.answered_at <= d.due))::int as answered_in_time'),
      strapi.db.connection.raw('(count(*) filter (where c.answered_at is null and d.due >= ?::date))::int as pending', [today]),
    )
    .first()) as { received: number; answered: number; answered_in_time: number; pending: number };
  const settled = row.received - row.pending;
  return {
    received: row.received,
    answered: row.answered,
    answeredInTime: row.answered_in_time,
    pending: row.pending,
    rate: settled > 0 ? Math.round((1000 * row.answered_in_time) / settled) / 10 : null,
    deadlineDays: deadlineRules().days,
  };
}
