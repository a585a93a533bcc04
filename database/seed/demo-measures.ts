import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { auditedRowWriter } from '../../cms/src/audit/bulk-entries';
import { MEASURE } from '../../cms/src/indicators/measure-rules';
import { duePeriod, isFrequency, meetsTarget, MONTHS_IN, type Frequency } from '../../cms/src/platform/calendar/periods';
import { DocumentRowWriter, type DocumentRow } from '../../cms/src/platform/db/document-rows';
import { mysteryMeasuredMonths } from './demo-mystery';
import { seededRandom } from './evaluation-mix';

const INDICATOR = 'api::indicator.indicator';
const SERVICE = 'api::service.service';
const EVENT = 'api::workflow-event.workflow-event';
/** How far back the demo's measures go. */
const MONTHS = 12;

interface DemoIndicator {
  id: number;
  code: string;
  unit: string;
  target: number | null;
  direction: 'higher' | 'lower';
  frequency: Frequency;
  services: number[];
}

interface Person {
  id: number;
  name: string;
  role: string;
}

export interface DemoMeasure {
  indicatorId: number;
  serviceId: number;
  frequency: Frequency;
  period: string;
  value: number;
  comment: string | null;
  meetsTarget: boolean | null;
}

const iso = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);

/**
 * The periods of the twelve months before the one due now, oldest first: twelve months, four
 * quarters, two half-years or one year. The due period itself is left to enter, so that the
 * measure form, « À traiter » and the monthly reminder still have something to do on first start.
 */
export function demoPeriods(now: Date, frequency: Frequency): string[] {
  const due = new Date(`${duePeriod(now, frequency)}T00:00:00Z`);
  const size = MONTHS_IN[frequency];
  return Array.from({ length: MONTHS / size }, (_, i) => iso(due.getUTCFullYear(), due.getUTCMonth() - size * (MONTHS / size - i)));
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A plausible value for the unit, around the target, better over the year (`progress` from 0 to 1)
 * and better or worse by service (`level`): percentages up to 100, delays in whole or half days,
 * counts in units. Roughly a third of the values miss the target.
 */
export function demoValue(indicator: Pick<DemoIndicator, 'unit' | 'target' | 'direction'>, level: number, progress: number, random: () => number): number {
  const noise = random() - 0.5;
  switch (indicator.unit) {
    case 'pourcentage': {
      const target = indicator.target ?? 90;
      // Up to 15 points short early in the year and for a weaker service; often at the target later,
      // a little beyond it when the target leaves room.
      const gap = 12 * (1 - progress) * level + 10 * noise - 3.5;
      const shortfall = gap > 1 ? gap : (gap - 1) / 2;
      return round(Math.min(100, Math.max(0, indicator.direction === 'higher' ? target - shortfall : target + shortfall)), 1);
    }
    case 'nombre': {
      const target = indicator.target ?? 1;
      return Math.max(0, Math.round(target + (noise < -0.25 ? -1 : noise > 0.3 ? 1 : 0)));
    }
    default: {
      // Delays (jours, minutes, secondes): from about 60 % to 125 % of the target.
      const target = indicator.target ?? 10;
      const ratio = 0.7 + 0.4 * level * (1 - 0.6 * progress) + 0.25 * noise;
      const value = indicator.direction === 'lower' ? target * ratio : target / ratio;
      return indicator.unit === 'jours' ? Math.max(0.5, round(value * 2, 0) / 2) : Math.max(1, Math.round(value));
    }
  }
}

const MISSED = [
  'Absences dans l’équipe sur la période : retard de traitement.',
  'Pic d’activité saisonnier, renfort demandé.',
  'Changement de logiciel en cours de période.',
];

/** The demo's measures, deterministic for a given day: every indicator, every service it applies to, every period of demoPeriods. */
export function demoMeasures(indicators: DemoIndicator[], now: Date): DemoMeasure[] {
  return indicators.flatMap((indicator, i) =>
    indicator.services.flatMap((serviceId, j) => {
      const random = seededRandom(7000 + 97 * i + j);
      // Some services do better than others, the same all year long.
      const level = 0.4 + 0.9 * random();
      const periods = demoPeriods(now, indicator.frequency);
      return periods.map((period, k) => {
        const value = demoValue(indicator, level, periods.length > 1 ? k / (periods.length - 1) : 1, random);
        const met = meetsTarget(value, indicator.target, indicator.direction);
        return { indicatorId: indicator.id, serviceId, frequency: indicator.frequency, period, value, meetsTarget: met, comment: met === false && random() < 0.5 ? MISSED[k % MISSED.length] : null };
      });
    }),
  );
}

async function demoIndicators(strapi: Core.Strapi, allServices: number[]): Promise<DemoIndicator[]> {
  const rows = await strapi.db.query(INDICATOR).findMany({
    select: ['id', 'code', 'unit', 'target', 'direction', 'frequency'],
    populate: { criterion: { select: ['id'], populate: { applicableServices: { select: ['id'] } } } },
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
  });
  return rows
    .filter((r: { frequency: unknown }) => isFrequency(r.frequency))
    .map((r: { id: number; code: string; unit: string; target: unknown; direction: string; frequency: Frequency; criterion?: { applicableServices?: { id: number }[] } | null }) => {
      const applicable = (r.criterion?.applicableServices ?? []).map((s) => s.id);
      return {
        id: r.id,
        code: r.code,
        unit: r.unit,
        target: r.target === null || r.target === undefined ? null : Number(r.target),
        direction: r.direction === 'lower' ? 'lower' : 'higher',
        frequency: r.frequency,
        // As the reminders read it: the criterion's services, or all of them when it names none.
        services: applicable.length ? applicable : allServices,
      } as DemoIndicator;
    });
}

/**
 * A year of validated measures for every indicator of the demo's référentiels, written in bulk
 * below the Document Service (one INSERT per table, with the audit entries a create records), each
 * with the history a real one has: submitted by the service's agent, validated by its head.
 * Periods and values are built to pass the measure rules (indicators/measure-rules.ts) the
 * Document Service would apply: first day of the period, one per indicator, service and period.
 */
export async function seedDemoMeasures(strapi: Core.Strapi, trx: Knex.Transaction, now = new Date()): Promise<number> {
  const services = await strapi.db.query(SERVICE).findMany({
    select: ['id', 'slug'],
    populate: { heads: { select: ['id', 'username'], populate: { role: { select: ['type'] } } }, agents: { select: ['id', 'username'], populate: { role: { select: ['type'] } } } },
    orderBy: { id: 'asc' },
  });
  const people = await strapi.db.query('plugin::users-permissions.user').findMany({ select: ['id', 'username'], populate: { role: { select: ['type'] } } });
  const byId = new Map<number, { id: number; username: string; role?: { type: string } }>(people.map((p: { id: number; username: string; role?: { type: string } }) => [p.id, p]));
  const person = (u: { id: number } | undefined): Person | undefined => {
    const p = u && byId.get(u.id);
    return p ? { id: p.id, name: p.username, role: p.role?.type ?? '' } : undefined;
  };
  const actorsOf = new Map<number, { enters: Person; validates: Person }>();
  for (const s of services as { id: number; heads: { id: number }[]; agents: { id: number }[] }[]) {
    const head = person(s.heads[0]);
    if (!head) continue; // only a head validates; a service without one has no validated measure
    actorsOf.set(s.id, { enters: person(s.agents[0]) ?? head, validates: head });
  }

  const indicators = await demoIndicators(strapi, [...actorsOf.keys()]);
  const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
  const slugOf = new Map((services as { id: number; slug: string }[]).map((s) => [s.id, s.slug]));
  // The months the demo's mystery tests measure get the measure computed from them (demo-mystery.ts).
  const byTests = mysteryMeasuredMonths();
  const measures = demoMeasures(indicators, now).filter((m) => actorsOf.has(m.serviceId) && !byTests.has(`${slugOf.get(m.serviceId)}|${codeOf.get(m.indicatorId)}|${m.period}`));
  const rows: DocumentRow[] = measures.map((m) => ({
    data: { period: m.period, value: m.value, comment: m.comment, source: 'saisie', workflowState: 'validated' },
    links: { indicator: [m.indicatorId], service: [m.serviceId], author: [actorsOf.get(m.serviceId)!.enters.id] },
  }));
  const written = await auditedRowWriter(strapi, trx, MEASURE, null, now).insert(rows);

  // Entered early in the next period, validated two working days later.
  const events: DocumentRow[] = measures.flatMap((m, i) => {
    const { enters, validates } = actorsOf.get(m.serviceId)!;
    const size = MONTHS_IN[m.frequency];
    const start = new Date(`${m.period}T00:00:00Z`);
    const entered = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + size, 3, 8 + (i % 8), 15));
    const validated = new Date(entered.getTime() + 2 * 86_400_000);
    const event = (action: string, fromState: string, toState: string, who: Person, at: Date): DocumentRow => ({
      data: { targetUid: MEASURE, targetDocumentId: written[i].documentId, action, fromState, toState, actorName: who.name, role: who.role, comment: null, at: (at > now ? now : at).toISOString() },
      links: { actor: [who.id] },
    });
    return [event('submit', 'draft', 'submitted', enters, entered), event('validate', 'submitted', 'validated', validates, validated)];
  });
  await new DocumentRowWriter(strapi, trx, EVENT, null, now).insert(events);
  return written.length;
}
