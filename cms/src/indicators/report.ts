import type { IndicatorInfo, IndicatorsOverview, IndicatorTrend } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { type Caller } from '../access/read-scope';
import { link, tableOf, type Row } from '../platform/db/schema';
import { MEASURE } from './measure-rules';
import { duePeriod, isFrequency, meetsTarget, MONTHS_IN, parseDay, periodEnd, periodLabel, periodStart, type Frequency } from '../platform/calendar/periods';
import { HttpError } from '../platform/http/http-error';
import { isDocumentId } from '../platform/db/document-id';
import { visibleServiceIds } from '../access/read-scope';

const INDICATOR = 'api::indicator.indicator';
const SERVICE = 'api::service.service';

/** An indicator as the cms reads it: what the pages show, with its id and its frequency checked. */
export interface IndicatorRecord extends IndicatorInfo {
  id: number;
  frequency: Frequency;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Indicators with their criterion, in référentiel order (criterion code, then indicator code). */
export async function listIndicators(strapi: Core.Strapi, where?: (q: Knex.QueryBuilder) => void): Promise<IndicatorRecord[]> {
  const knex = strapi.db.connection;
  const toCriterion = link(strapi, INDICATOR, 'criterion');
  const rows = await knex(`${tableOf(strapi, INDICATOR)} as i`)
    .leftJoin(`${toCriterion.table} as ic`, `ic.${toCriterion.from}`, 'i.id')
    .leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', `ic.${toCriterion.to}`)
    .modify((q) => where?.(q))
    .orderBy([{ column: 'c.code' }, { column: 'i.code' }, { column: 'i.id' }])
    .select('i.id', 'i.document_id', 'i.code', 'i.name', 'i.unit', 'i.target', 'i.direction', 'i.frequency', 'c.code as criterion_code', 'c.title as criterion_title');
  return rows
    .filter((r: Record<string, unknown>) => isFrequency(r.frequency))
    .map((r: Row) => ({
      id: r.id,
      documentId: r.document_id,
      code: r.code,
      name: r.name,
      unit: r.unit,
      target: num(r.target),
      direction: r.direction === 'lower' ? 'lower' : 'higher',
      frequency: r.frequency,
      criterion: r.criterion_code ? { code: r.criterion_code, title: r.criterion_title } : null,
    }));
}

/** Validated measures joined to their indicator and service: the base of every figure shown. */
export function validatedMeasures(strapi: Core.Strapi, knex: Knex = strapi.db.connection) {
  const toIndicator = link(strapi, MEASURE, 'indicator');
  const toService = link(strapi, MEASURE, 'service');
  return {
    query: knex(`${tableOf(strapi, MEASURE)} as m`)
      .join(`${toIndicator.table} as mi`, `mi.${toIndicator.from}`, 'm.id')
      .join(`${toService.table} as ms`, `ms.${toService.from}`, 'm.id')
      .join(`${tableOf(strapi, SERVICE)} as s`, 's.id', `ms.${toService.to}`)
      .where('m.workflow_state', 'validated'),
    indicatorColumn: `mi.${toIndicator.to}`,
    serviceColumn: `ms.${toService.to}`,
    measureTable: tableOf(strapi, MEASURE),
    indicatorTable: toIndicator.table,
    indicatorFrom: toIndicator.from,
    indicatorTo: toIndicator.to,
  };
}

const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/**
 * « Indicateurs » page: every indicator with, for each service the caller reads, its latest
 * validated measure and whether it meets the target. One query for the indicators, one
 * (DISTINCT ON) for the latest measures.
 */
export async function indicatorsOverview(strapi: Core.Strapi, caller: Caller, now = new Date()): Promise<IndicatorsOverview> {
  const serviceIds = await visibleServiceIds(strapi, caller);
  const indicators = await listIndicators(strapi);
  const base = validatedMeasures(strapi);
  const latest = await base.query
    .modify((q) => {
      if (serviceIds) q.whereIn(base.serviceColumn, serviceIds.length ? serviceIds : [0]);
    })
    .distinctOn(base.indicatorColumn, base.serviceColumn)
    .orderBy([{ column: base.indicatorColumn }, { column: base.serviceColumn }, { column: 'm.period', order: 'desc' }])
    .select(`${base.indicatorColumn} as indicator_id`, 's.document_id', 's.name', 's.slug', dayColumn('m.period', strapi), 'm.value');
  const byIndicator = new Map<number, Row[]>();
  for (const row of latest) byIndicator.set(row.indicator_id, [...(byIndicator.get(row.indicator_id) ?? []), row]);
  return {
    generatedAt: now.toISOString(),
    indicators: indicators.map((indicator) => {
      const due = duePeriod(now, indicator.frequency);
      return {
        ...withoutId(indicator),
        duePeriod: { start: due, end: periodEnd(due, indicator.frequency), label: periodLabel(due, indicator.frequency) },
        latest: (byIndicator.get(indicator.id) ?? [])
          .map((row) => {
            const value = Number(row.value);
            return {
              service: { documentId: row.document_id, name: row.name, slug: row.slug },
              period: { start: day(row.period), end: periodEnd(day(row.period), indicator.frequency), label: periodLabel(day(row.period), indicator.frequency) },
              value,
              meetsTarget: meetsTarget(value, indicator.target, indicator.direction),
            };
          })
          .sort((a, b) => a.service.name.localeCompare(b.service.name, 'fr')),
      };
    }),
  };
}

function dayColumn(column: string, strapi: Core.Strapi) {
  return strapi.db.connection.raw(`to_char(??, 'YYYY-MM-DD') as period`, [column]);
}

function withoutId(indicator: IndicatorRecord): IndicatorInfo {
  const { id: _id, ...rest } = indicator;
  return rest;
}

export const TREND_MAX_PERIODS = 120;

/**
 * One indicator's validated values over its last `periods` periods, per service the caller reads,
 * with the target: what the trend chart draws. Periods without a measure are null (a gap).
 */
export async function indicatorTrend(strapi: Core.Strapi, caller: Caller, indicatorDocumentId: unknown, periodsParam: unknown, now = new Date()): Promise<IndicatorTrend> {
  if (!isDocumentId(indicatorDocumentId)) throw new HttpError(404, 'Cet indicateur n’existe pas (ou plus).');
  let count = 24;
  if (periodsParam !== undefined) {
    count = Number(periodsParam);
    if (!Number.isInteger(count) || count < 1 || count > TREND_MAX_PERIODS) {
      throw new HttpError(400, `Le nombre de périodes (periods) doit être un entier entre 1 et ${TREND_MAX_PERIODS}.`);
    }
  }
  const [indicator] = await listIndicators(strapi, (q) => q.where('i.document_id', indicatorDocumentId));
  if (!indicator) throw new HttpError(404, 'Cet indicateur n’existe pas (ou plus).');
  const serviceIds = await visibleServiceIds(strapi, caller);

  // The last `count` periods up to the current one (a measure may be entered before the period ends).
  const size = MONTHS_IN[indicator.frequency];
  const current = parseDay(periodStart(parseDay(now.toISOString())!, indicator.frequency))!;
  const periods = Array.from({ length: count }, (_, i) => {
    const start = new Date(Date.UTC(current.year, current.month - size * (count - 1 - i), 1)).toISOString().slice(0, 10);
    return { start, end: periodEnd(start, indicator.frequency), label: periodLabel(start, indicator.frequency) };
  });

  const base = validatedMeasures(strapi);
  const rows = await base.query
    .where(base.indicatorColumn, indicator.id)
    .whereBetween('m.period', [periods[0].start, periods[periods.length - 1].start])
    .modify((q) => {
      if (serviceIds) q.whereIn(base.serviceColumn, serviceIds.length ? serviceIds : [0]);
    })
    .orderBy([{ column: 's.name' }, { column: 'm.period' }])
    .select('s.document_id', 's.name', 's.slug', dayColumn('m.period', strapi), 'm.value');

  const series = new Map<string, { service: { documentId: string; name: string; slug: string }; values: (number | null)[] }>();
  const index = new Map(periods.map((p, i) => [p.start, i]));
  for (const row of rows) {
    let entry = series.get(row.document_id);
    if (!entry) series.set(row.document_id, (entry = { service: { documentId: row.document_id, name: row.name, slug: row.slug }, values: periods.map(() => null) }));
    const at = index.get(row.period);
    if (at !== undefined) entry.values[at] = Number(row.value);
  }
  return { indicator: withoutId(indicator), periods, series: [...series.values()] };
}
