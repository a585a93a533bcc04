import type { Bilan } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Caller } from '../access/read-scope';
import { choiceLabels } from '../platform/config/labels';
import { tableOf } from '../platform/db/schema';
import { complaintsConfig } from './complaints-config';
import { complaintResponseRate } from './response-rate';
import { complaintsWithDue, serviceColumn, serviceParam, visibleServices, yearParam } from './sql';
import { townToday } from '../platform/calendar/clock';

const SUBJECTS_SHOWN = 15;
const round1 = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

/**
 * Subjects are free text. Grouping by the text, compared without case, surrounding spaces or
 * doubled spaces, gathers the subjects staff reuse (« Horaires d’ouverture ») without guessing at
 * meaning; each group shows its most frequent spelling. The kind (réclamation / suggestion) is
 * counted apart.
 */
const NORMALISED_SUBJECT = "lower(regexp_replace(btrim(c.subject), '\\s+', ' ', 'g'))";

/** GET /api/complaints-report/bilan?year=: the annual « Bilan des réclamations », every figure in SQL. */
export async function complaintBilan(strapi: Core.Strapi, caller: Caller | undefined, params: { year?: unknown; service?: unknown }): Promise<Bilan> {
  const visible = await visibleServices(strapi, caller);
  const year = yearParam(params.year, townToday());
  const serviceId = serviceParam(params.service, visible);
  const serviceIds = serviceId !== undefined ? [serviceId] : visible;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const knex = strapi.db.connection;
  const labels = choiceLabels();
  const base = () => {
    const query = complaintsWithDue(strapi, from, to);
    if (serviceIds) query.whereIn(serviceColumn(strapi), serviceIds.length ? serviceIds : [0]);
    return query;
  };
  const today = townToday();

  const [byKind, byChannel, byService, bySubject, byMonth, delays, responseRate] = await Promise.all([
    base().select('c.kind as key').count({ count: '*' }).groupBy('c.kind').orderBy('count', 'desc'),
    base().select('c.channel as key').count({ count: '*' }).groupBy('c.channel').orderBy('count', 'desc'),
    base()
      .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', serviceColumn(strapi))
      .select(
        's.id as id',
        's.name as name',
        knex.raw('count(*)::int as count'),
        knex.raw('(count(*) filter (where c.answered_at <= d.due))::int as answered_in_time'),
        knex.raw('(count(*) filter (where c.answered_at > d.due or (c.answered_at is null and d.due < ?::date)))::int as late', [today]),
      )
      .groupBy('s.id', 's.name')
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'name' }]),
    base()
      .select(knex.raw(`${NORMALISED_SUBJECT} as key`), knex.raw('mode() within group (order by c.subject) as label'), knex.raw('count(*)::int as count'))
      .groupByRaw(NORMALISED_SUBJECT)
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'key' }])
      .limit(SUBJECTS_SHOWN),
    base().select(knex.raw('extract(month from c.received_at)::int as month'), knex.raw('count(*)::int as count')).groupByRaw('1').orderByRaw('1'),
    base()
      .select(
        knex.raw('count(c.answered_at)::int as answered'),
        knex.raw('avg(c.answered_at - c.received_at) as average'),
        knex.raw('percentile_cont(0.5) within group (order by c.answered_at - c.received_at) as median'),
        knex.raw('max(c.answered_at - c.received_at) as max'),
        knex.raw('(count(*) filter (where c.answered_at is null and d.due < ?::date))::int as open_late', [today]),
      )
      .first(),
    complaintResponseRate(strapi, { from, to, serviceIds }),
  ]);

  const counted = (rows: { key: string; count: string | number }[]) => rows.map((r) => ({ key: r.key, label: labels[r.key] ?? r.key, count: Number(r.count) }));
  const total = counted(byKind as never).reduce((sum, r) => sum + r.count, 0);
  const d = delays as { answered: number; average: unknown; median: unknown; max: unknown; open_late: number };
  return {
    year,
    scope: { serviceIds },
    deadline: { days: complaintsConfig().deadline.days, counting: complaintsConfig().deadline.counting },
    total,
    byKind: counted(byKind as never),
    byChannel: counted(byChannel as never),
    byService: (byService as { id: number | null; name: string | null; count: number; answered_in_time: number; late: number }[]).map((r) => ({
      key: r.id === null ? 'non-attribue' : String(r.id),
      label: r.name ?? 'Service non attribué',
      count: r.count,
      answeredInTime: r.answered_in_time,
      lateOrOpenLate: r.late,
    })),
    bySubject: (bySubject as { key: string; label: string; count: number }[]).map((r) => ({ key: r.key, label: r.label, count: r.count })),
    byMonth: (byMonth as { month: number; count: number }[]).map((r) => ({ month: r.month, count: r.count })),
    delays: { answered: d.answered, averageDays: round1(d.average), medianDays: round1(d.median), maxDays: d.max === null ? null : Number(d.max), stillOpenLate: d.open_late },
    responseRate,
  };
}
