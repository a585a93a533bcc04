import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { townTimeZone } from '../platform/calendar/clock';
import { MONTHS_IN, type Frequency } from '../platform/calendar/periods';
import { link, tableOf, type Row } from '../platform/db/schema';
import { MYSTERY_TEST } from './test-rules';

const MEASURE = 'api::measure.measure';
const INDICATOR = 'api::indicator.indicator';
/** The lock checkMeasureWrite (indicators/measure-rules.ts) takes on the same (indicator, service, period). */
const LOCK_NAMESPACE = 0x6d657375;
/** A measure this file wrote; a measure entered by a person (`saisie`) is never overwritten. */
export const COMPUTED_SOURCE = 'tests-mysteres';

/** One (service, indicator, period) and what the validated tests of that period give on the points linked to the indicator. */
interface Aggregate {
  serviceId: number;
  indicatorId: number;
  unit: string;
  frequency: Frequency;
  period: string;
  tests: number;
  answered: number;
  met: number;
  days: number | null;
  seconds: number | null;
  number: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * What a period's validated tests say in the indicator's unit: a percentage is the share of the
 * linked points met among those answered (« taux d’appels décrochés »); days are the mean delay
 * in days of the answers received (a message never answered has no delay: it counts as missed in
 * a percentage, not here); minutes and seconds the mean duration observed; a number the mean value
 * entered, or for a yes-no point the number of tests that met it. Null: nothing to measure.
 */
export function measureValue(a: Aggregate): number | null {
  switch (a.unit) {
    case 'pourcentage':
      return a.answered ? round1((100 * a.met) / a.answered) : null;
    case 'jours':
      return a.days === null ? null : round1(a.days);
    case 'minutes':
      return a.seconds === null ? null : round1(a.seconds / 60);
    case 'secondes':
      return a.seconds === null ? null : round1(a.seconds);
    default:
      return a.number !== null ? round1(a.number) : a.answered ? a.met : null;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** The measure's comment, so that whoever reads it in the panel or on /resultats' sources knows where it comes from. */
function commentOf(a: Aggregate): string {
  return `Calculée à partir de ${plural(a.tests, 'test')} mystère${a.tests > 1 ? 's' : ''} ${a.tests > 1 ? 'validés' : 'validé'} : ${a.met} point${a.met > 1 ? 's' : ''} réussi${a.met > 1 ? 's' : ''} sur ${a.answered} observé${a.answered > 1 ? 's' : ''}.`;
}

/**
 * Every (service, indicator, period) of the validated tests (of one service, or all), in SQL over
 * the outcomes frozen with each result: a point's outcome keeps the indicator code the grid gave
 * it. A test's period is the indicator's period containing its day in the town's time zone.
 */
async function aggregates(strapi: Core.Strapi, knex: Knex, serviceId: number | null): Promise<Aggregate[]> {
  const tests = tableOf(strapi, MYSTERY_TEST);
  const toService = link(strapi, MYSTERY_TEST, 'service');
  const months = Object.entries(MONTHS_IN)
    .map(([frequency, n]) => `when '${frequency}' then ${n}`)
    .join(' ');
  const number = `jsonb_typeof(o.v->'value') = 'number'`;
  const { rows } = await knex.raw(
    `with o as (
       select ds.${toService.to} as service_id, d.id as test_id, e.value as v, (d.tested_at at time zone ?)::date as day
       from ${tests} d
       join ${toService.table} ds on ds.${toService.from} = d.id
       cross join lateral jsonb_each(d.outcomes::jsonb) e
       where d.workflow_state = 'validated' and d.tested_at is not null and e.value->>'indicator' is not null
         ${serviceId === null ? '' : `and ds.${toService.to} = ?`}
     ), i as (
       select id, code, unit, frequency, case frequency ${months} else 12 end as months from ${tableOf(strapi, INDICATOR)}
     )
     select o.service_id, i.id as indicator_id, i.unit, i.frequency,
       to_char(make_date(extract(year from o.day)::int, ((extract(month from o.day)::int - 1) / i.months) * i.months + 1, 1), 'YYYY-MM-DD') as period,
       count(distinct o.test_id)::int as tests,
       count(*) filter (where o.v->>'success' is not null)::int as answered,
       count(*) filter (where (o.v->>'success')::boolean)::int as met,
       avg((o.v->>'value')::numeric) filter (where o.v->>'unit' in ('days', 'working-days') and ${number})::float as days,
       avg(case o.v->>'unit' when 'minutes' then (o.v->>'value')::numeric * 60 else (o.v->>'value')::numeric end)
         filter (where o.v->>'unit' in ('seconds', 'minutes') and ${number})::float as seconds,
       avg((o.v->>'value')::numeric) filter (where o.v->>'kind' in ('count', 'scale') and ${number})::float as number
     from o join i on i.code = o.v->>'indicator'
     group by 1, 2, 3, 4, 5
     order by 1, 2, 5`,
    serviceId === null ? [townTimeZone()] : [townTimeZone(), serviceId],
  );
  return (rows as Row[]).map((r) => ({
    serviceId: Number(r.service_id),
    indicatorId: Number(r.indicator_id),
    unit: r.unit,
    frequency: r.frequency,
    period: r.period,
    tests: r.tests,
    answered: r.answered,
    met: r.met,
    days: r.days,
    seconds: r.seconds,
    number: r.number,
  }));
}

/** The measure already recorded for the triple, whoever wrote it. */
async function existing(strapi: Core.Strapi, knex: Knex, a: Aggregate): Promise<{ id: number; source: string | null; value: string | number; comment: string | null } | null> {
  const toIndicator = link(strapi, MEASURE, 'indicator');
  const toService = link(strapi, MEASURE, 'service');
  const row = await knex(`${tableOf(strapi, MEASURE)} as m`)
    .join(`${toIndicator.table} as mi`, `mi.${toIndicator.from}`, 'm.id')
    .join(`${toService.table} as ms`, `ms.${toService.from}`, 'm.id')
    .where(`mi.${toIndicator.to}`, a.indicatorId)
    .where(`ms.${toService.to}`, a.serviceId)
    .where('m.period', a.period)
    .first('m.id', 'm.source', 'm.value', 'm.comment');
  return (row as never) ?? null;
}

export interface MeasureSync {
  created: number;
  updated: number;
  /** Triples where a person had already entered a measure: theirs stands. */
  kept: number;
}

/**
 * Makes the measures of the indicators linked to the grids' points equal to what the validated
 * tests give (of one service, or of all): one measure per indicator, service and period, created
 * validated (it is computed from results the référent qualité validated, there is nothing more to
 * check), updated in place when a later validation changes the figure, never duplicated (the same
 * advisory lock as any other write of a measure), and never over a measure someone entered by hand.
 * Runs in the caller's transaction when there is one (the validation's: both or neither).
 */
export async function syncMysteryMeasures(strapi: Core.Strapi, serviceId: number | null): Promise<MeasureSync> {
  const done: MeasureSync = { created: 0, updated: 0, kept: 0 };
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex.Transaction;
    for (const a of await aggregates(strapi, knex, serviceId)) {
      const value = measureValue(a);
      if (value === null) continue;
      await knex.raw('select pg_advisory_xact_lock(?, hashtext(?))', [LOCK_NAMESPACE, `${a.indicatorId}:${a.serviceId}:${a.period}`]);
      const comment = commentOf(a);
      const found = await existing(strapi, knex, a);
      if (found && found.source !== COMPUTED_SOURCE) {
        done.kept += 1;
        continue;
      }
      if (found) {
        if (Number(found.value) === value && found.comment === comment) continue;
        await knex(tableOf(strapi, MEASURE)).where('id', found.id).update({ value, comment, updated_at: new Date() });
        done.updated += 1;
        continue;
      }
      const created = (await strapi.documents(MEASURE as never).create({
        data: { indicator: a.indicatorId, service: a.serviceId, period: a.period, value, comment } as never,
      })) as { id: number };
      // The workflow guard creates every document as a draft: this one is born validated, and marked as computed.
      await knex(tableOf(strapi, MEASURE)).where('id', created.id).update({ workflow_state: 'validated', source: COMPUTED_SOURCE });
      done.created += 1;
    }
  });
  return done;
}

/** After a test's validation: the measures of its service. */
export async function syncMeasuresOfTest(strapi: Core.Strapi, documentId: string): Promise<MeasureSync> {
  const test = (await strapi.db.query(MYSTERY_TEST).findOne({ select: ['id'], where: { documentId }, populate: { service: { select: ['id'] } } })) as {
    service: { id: number } | null;
  } | null;
  if (!test?.service) return { created: 0, updated: 0, kept: 0 };
  return syncMysteryMeasures(strapi, test.service.id);
}
