import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { link, tableOf } from '../platform/db/schema';
import { toOneTarget, type RelationRef } from '../platform/input/relation-value';
import { isFrequency, parseDay, periodLabel, periodStart, type Frequency } from '../platform/calendar/periods';

export const MEASURE = 'api::measure.measure';
const INDICATOR = 'api::indicator.indicator';
/** Serialises writes of the same (indicator, service, period), so that the uniqueness check cannot race. */
const LOCK_NAMESPACE = 0x6d657375; // "mesu"

type Data = Record<string, unknown>;

function refuse(message: string, path: string): never {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });
}

interface IndicatorRow {
  id: number;
  unit: string;
  frequency: Frequency;
}

async function findIndicator(strapi: Core.Strapi, ref: RelationRef): Promise<IndicatorRow | null> {
  const where = 'id' in ref ? { id: ref.id } : { documentId: ref.documentId };
  const row = await strapi.db.query(INDICATOR).findOne({ select: ['id', 'unit', 'frequency'], where });
  return row && isFrequency(row.frequency) ? (row as IndicatorRow) : null;
}

async function findServiceId(strapi: Core.Strapi, ref: RelationRef): Promise<number | null> {
  const where = 'id' in ref ? { id: ref.id } : { documentId: ref.documentId };
  return ((await strapi.db.query('api::service.service').findOne({ select: ['id'], where })) as { id: number } | null)?.id ?? null;
}

function checkValue(value: unknown, unit: string): void {
  if (value === undefined) return;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) refuse('La valeur doit être un nombre.', 'value');
  if (number < 0) refuse('La valeur ne peut pas être négative.', 'value');
  if (unit === 'pourcentage' && number > 100) refuse('La valeur d’un pourcentage est comprise entre 0 et 100.', 'value');
}

/**
 * The rules of a measure, whatever the door (REST, admin panel, scripts): it names an indicator and
 * a service, its period is the first day of the indicator's period (a day in March is March for a
 * monthly indicator, the first quarter for a quarterly one), and there is at most one measure per
 * indicator, service and period. Runs inside a transaction holding an advisory lock on that triple:
 * two simultaneous entries of the same measure cannot both pass the check.
 */
export async function checkMeasureWrite<T>(strapi: Core.Strapi, action: string, params: { documentId?: string; data?: Data }, next: () => T): Promise<Awaited<T>> {
  if (action !== 'create' && action !== 'update') return await next();
  const data = params.data ?? {};
  // A measure written through any door is a person's (or a script's) entry: the measures computed
  // from mystery tests (mystery-tests/indicator-measures.ts) are marked after their creation, and a
  // hand correction of one of them turns it into an entry that a later computation leaves alone.
  if ('source' in data && data.source !== null && !['saisie', 'tests-mysteres'].includes(data.source as string)) {
    refuse('Origine de la mesure : valeur inconnue (saisie ou tests-mysteres).', 'source');
  }
  data.source = 'saisie';
  params.data = data;
  let current: { id: number; period: string; indicator: { id: number } | null; service: { id: number } | null } | null = null;
  if (action === 'update') {
    if (!params.documentId) return await next();
    current = await strapi.db.query(MEASURE).findOne({
      select: ['id', 'period'],
      where: { documentId: params.documentId },
      populate: { indicator: { select: ['id'] }, service: { select: ['id'] } },
    });
    if (!current) return await next();
  }

  const indicatorRef = toOneTarget(data.indicator);
  const indicator =
    indicatorRef === undefined ? (current?.indicator ? await findIndicator(strapi, { id: current.indicator.id }) : null) : indicatorRef && (await findIndicator(strapi, indicatorRef));
  if (!indicator) refuse(indicatorRef ? 'Cet indicateur n’existe pas (ou plus).' : 'Choisissez l’indicateur mesuré.', 'indicator');

  const serviceRef = toOneTarget(data.service);
  const serviceId = serviceRef === undefined ? (current?.service?.id ?? null) : serviceRef && (await findServiceId(strapi, serviceRef));
  if (!serviceId) refuse(serviceRef ? 'Ce service n’existe pas (ou plus).' : 'Précisez le service de la mesure.', 'service');

  const rawPeriod = 'period' in data ? data.period : current?.period;
  const day = parseDay(rawPeriod);
  if (!day) refuse(rawPeriod ? 'La période n’est pas une date valide (AAAA-MM-JJ).' : 'La période est obligatoire.', 'period');
  const period = periodStart(day, indicator.frequency);
  if ('period' in data || 'indicator' in data) data.period = period;
  checkValue(data.value, indicator.unit);

  return (await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex.Transaction;
    await knex.raw('select pg_advisory_xact_lock(?, hashtext(?))', [LOCK_NAMESPACE, `${indicator.id}:${serviceId}:${period}`]);
    if (await measureExists(strapi, knex, { indicatorId: indicator.id, serviceId, period, exceptId: current?.id })) {
      refuse(
        `Une mesure de cet indicateur existe déjà pour ce service et cette période (${periodLabel(period, indicator.frequency)}) : modifiez-la plutôt que d’en saisir une autre.`,
        'period',
      );
    }
    return next();
  })) as Awaited<T>;
}

async function measureExists(strapi: Core.Strapi, knex: Knex, key: { indicatorId: number; serviceId: number; period: string; exceptId?: number }) {
  const toIndicator = link(strapi, MEASURE, 'indicator');
  const toService = link(strapi, MEASURE, 'service');
  const row = await knex(`${tableOf(strapi, MEASURE)} as m`)
    .join(`${toIndicator.table} as mi`, `mi.${toIndicator.from}`, 'm.id')
    .join(`${toService.table} as ms`, `ms.${toService.from}`, 'm.id')
    .where(`mi.${toIndicator.to}`, key.indicatorId)
    .where(`ms.${toService.to}`, key.serviceId)
    .where('m.period', key.period)
    .modify((q) => {
      if (key.exceptId) q.whereNot('m.id', key.exceptId);
    })
    .first('m.id');
  return Boolean(row);
}
