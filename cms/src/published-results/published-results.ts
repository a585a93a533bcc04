import type { PublishedIndicator, PublishedResults } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { listIndicators, validatedMeasures } from '../indicators/report';
import { meetsTarget, periodEnd, periodLabel } from '../platform/calendar/periods';
import { complaintResponseRate } from '../complaints/response-rate';
import { link, tableOf } from '../platform/db/schema';
import { latestSatisfaction } from '../surveys/satisfaction';
import { formatDay, formatInstant, townMonth, townToday } from '../platform/calendar/clock';

const PRINCIPLE = 'api::charter-principle.charter-principle';

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The indicators the town publishes: those that follow a principle of the approved charter (its
 * « Indicateur de suivi »). Publishing is thus decided where the charter is: approving a principle
 * publishes its indicator, reopening it withdraws it.
 */
export async function publishedIndicators(strapi: Core.Strapi) {
  const toIndicator = link(strapi, PRINCIPLE, 'indicator');
  const knex = strapi.db.connection;
  const linked = knex(`${toIndicator.table} as pi`)
    .join(`${tableOf(strapi, PRINCIPLE)} as p`, 'p.id', `pi.${toIndicator.from}`)
    .where('p.workflow_state', 'approved')
    .select(`pi.${toIndicator.to}`);
  return listIndicators(strapi, (q) => q.whereIn('i.id', linked));
}

export interface PublishedMeasureRow {
  indicatorId: number;
  serviceSlug: string;
  serviceName: string;
  period: string;
  value: number;
  updatedAt: Date;
}

/**
 * The published indicators and, for each, the validated measures of its latest period with
 * validated measures (one per service). This is the rule of what is published, shared by
 * « Nos résultats », the open-data files and the poster: nothing about persons (no author, no
 * comment) leaves the database.
 */
export async function latestPublishedMeasures(strapi: Core.Strapi) {
  const indicators = await publishedIndicators(strapi);
  if (!indicators.length) return { indicators, rows: [] as PublishedMeasureRow[] };
  const base = validatedMeasures(strapi);
  const knex = strapi.db.connection;
  const rows = await base.query
    .whereIn(base.indicatorColumn, indicators.map((i) => i.id))
    .whereRaw(
      `m.period = (select max(m2.period) from ?? m2 join ?? mi2 on ?? = m2.id where ?? = ?? and m2.workflow_state = 'validated')`,
      [base.measureTable, base.indicatorTable, `mi2.${base.indicatorFrom}`, `mi2.${base.indicatorTo}`, base.indicatorColumn],
    )
    .orderBy([{ column: base.indicatorColumn }, { column: 's.name' }])
    .select(`${base.indicatorColumn} as indicator_id`, 's.slug', 's.name', knex.raw(`to_char(m.period, 'YYYY-MM-DD') as period`), 'm.value', 'm.updated_at');
  return {
    indicators,
    rows: rows.map((r: { indicator_id: number; slug: string; name: string; period: string; value: string; updated_at: Date | string }): PublishedMeasureRow => ({
      indicatorId: r.indicator_id,
      serviceSlug: r.slug,
      serviceName: r.name,
      period: r.period,
      value: Number(r.value),
      updatedAt: new Date(r.updated_at),
    })),
  };
}

/** The town-wide value of a period: the mean of the services' validated values. */
export const townValue = (values: number[]): number | null => (values.length ? round(values.reduce((sum, v) => sum + v, 0) / values.length) : null);

/** The latest moment a published figure changed: the newest validated measure counted. */
export const lastUpdate = (rows: PublishedMeasureRow[]): Date | null =>
  rows.reduce<Date | null>((latest, r) => (latest === null || r.updatedAt > latest ? r.updatedAt : latest), null);

/** Each published indicator's latest period: the town-wide value and each service's value. */
async function indicatorResults(strapi: Core.Strapi): Promise<{ indicators: PublishedIndicator[]; updatedAt: Date | null }> {
  const { indicators, rows } = await latestPublishedMeasures(strapi);
  return {
    updatedAt: lastUpdate(rows),
    indicators: indicators.map((indicator) => {
      const own = rows.filter((r) => r.indicatorId === indicator.id);
      const services = own.map((r) => ({
        service: r.serviceName,
        value: r.value,
        meetsTarget: meetsTarget(r.value, indicator.target, indicator.direction),
      }));
      const start: string | null = own[0]?.period ?? null;
      const value = townValue(services.map((s) => s.value));
      return {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        target: indicator.target,
        direction: indicator.direction,
        frequency: indicator.frequency,
        period: start ? { start, end: periodEnd(start, indicator.frequency), label: periodLabel(start, indicator.frequency) } : null,
        value,
        meetsTarget: meetsTarget(value, indicator.target, indicator.direction),
        services,
      };
    }),
  };
}

/** A share (0–1) as a percentage rounded to a tenth, as every published figure shows it. */
export const percent = (share: number) => Math.round(share * 1000) / 10;

/** The latest survey with answers: share of satisfied answers against the charter's target, in %. */
export async function satisfactionResult(strapi: Core.Strapi) {
  const latest = await latestSatisfaction(strapi);
  if (!latest) return null;
  const value = latest.satisfiedShare === null ? null : percent(latest.satisfiedShare);
  const target = percent(latest.target);
  return {
    survey: latest.surveyTitle,
    closedOn: latest.closesAt ? townToday(new Date(latest.closesAt)) : null,
    responses: latest.responses,
    satisfiedPercent: value,
    targetPercent: target,
    meetsTarget: meetsTarget(value, target, 'higher'),
    netPoints: latest.netSatisfaction === null ? null : percent(latest.netSatisfaction),
    standardAnswers: latest.standardAnswers,
  };
}

/** Months as the town reads them, as calendar days. */
function lastTwelveMonths(now: Date) {
  const { year, month } = townMonth(now);
  const start = new Date(Date.UTC(year, month - 13, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  const label = (day: string) => formatDay(day);
  return { start, end, label: `du ${label(start)} au ${label(end)}` };
}

/** Complaints and suggestions of the last twelve full months answered within the deadline. */
async function complaintsResult(strapi: Core.Strapi, now: Date) {
  const period = lastTwelveMonths(now);
  const rate = await complaintResponseRate(strapi, { from: period.start, to: period.end });
  return { period, received: rate.received, answeredInTime: rate.answeredInTime, pending: rate.pending, ratePercent: rate.rate, deadlineDays: rate.deadlineDays };
}

/** GET /api/public/results: what the town publishes, computed now from the data and dated. */
export async function publishedResults(strapi: Core.Strapi, now = new Date()): Promise<PublishedResults> {
  const indicators = await indicatorResults(strapi);
  return {
    generatedAt: now.toISOString(),
    generatedOn: `Résultats publiés le ${formatInstant(now)}`,
    dataUpdatedAt: indicators.updatedAt?.toISOString() ?? null,
    indicators: indicators.indicators,
    satisfaction: await satisfactionResult(strapi),
    complaints: await complaintsResult(strapi, now),
  };
}
