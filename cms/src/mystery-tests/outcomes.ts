import type { MysteryPoint } from '@charte/contract/schemas';
import { complaintsConfig } from '../complaints/complaints-config';
import { addCalendarDays, daysBetween, isWorkingDay, type IsoDate } from '../platform/calendar/days';

export type AnswerValue = boolean | number | string;
export type Answers = Record<string, AnswerValue>;

/**
 * What a test gives on one point, frozen with the point as it was when the result was written: a
 * later change to the grid does not rewrite past results. `success` is null for a point not
 * answered and for free text (never scored).
 */
export interface Outcome {
  /** The point's place in the grid (jsonb keeps its keys in its own order). */
  position: number;
  label: string;
  kind: MysteryPoint['kind'];
  weight: number;
  target: number | null;
  unit: string | null;
  value: AnswerValue | null;
  success: boolean | null;
  criteria: string[];
  indicator: string | null;
}

/**
 * Working days from `from` to `to`: the days after `from` up to `to` that are neither a weekend nor
 * a public holiday (the calendar of the complaints register, config/complaints.yaml).
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const rules = { alsaceMoselle: complaintsConfig().deadline.alsaceMoselle };
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (isWorkingDay(day, rules)) count += 1;
  return count;
}

export interface Delays {
  delayDays: number | null;
  delayWorkingDays: number | null;
}

export function delaysOf(sentOn: IsoDate | null, answeredOn: IsoDate | null): Delays {
  if (!sentOn || !answeredOn) return { delayDays: null, delayWorkingDays: null };
  return { delayDays: daysBetween(sentOn, answeredOn), delayWorkingDays: workingDaysBetween(sentOn, answeredOn) };
}

type Checked = { ok: true } | { ok: false; message: string };

/** Whether `value` is an answer of the right kind for `point` (the refusal says what is expected). */
export function checkAnswer(point: MysteryPoint, value: unknown): Checked {
  const fail = (expected: string): Checked => ({ ok: false, message: `« ${point.label} » : ${expected}` });
  switch (point.kind) {
    case 'yes-no':
      return typeof value === 'boolean' ? { ok: true } : fail('oui ou non (true ou false) attendu');
    case 'scale':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 4 ? { ok: true } : fail('un niveau de 1 à 4 attendu');
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10000 ? { ok: true } : fail('un nombre entier de 0 à 10 000 attendu');
    case 'duration':
      if (point.unit === 'days' || point.unit === 'working-days') return fail('ce délai se calcule à partir des dates d’envoi et de réponse : ne le saisissez pas');
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100000 ? { ok: true } : fail('une durée positive attendue (nombre)');
    case 'text':
      return typeof value === 'string' && value.length <= 2000 ? { ok: true } : fail('un texte de 2 000 caractères au plus attendu');
  }
}

/** Whether a value meets its point: « oui », at least the scale's target (3 by default), at most a count's or a duration's. */
function succeeds(point: MysteryPoint, value: AnswerValue | null): boolean | null {
  if (point.kind === 'text') return null;
  if (value === null) return null;
  if (point.kind === 'yes-no') return value === true;
  if (point.kind === 'scale') return (value as number) >= (point.target ?? 3);
  return (value as number) <= (point.target ?? Infinity);
}

/**
 * Every point's outcome and the test's score: the weights of the points met over the weights of the
 * points answered, in percent (null when nothing scored was answered). A delay in days comes from
 * the dates; a message sent and never answered misses its delay.
 */
export function scoreTest(points: MysteryPoint[], answers: Answers, dates: { sentOn: IsoDate | null; answeredOn: IsoDate | null }) {
  const delays = delaysOf(dates.sentOn, dates.answeredOn);
  const outcomes: Record<string, Outcome> = {};
  let met = 0;
  let answered = 0;
  for (const [position, point] of points.entries()) {
    let value: AnswerValue | null = answers[point.id] ?? null;
    let success: boolean | null;
    if (point.unit === 'days' || point.unit === 'working-days') {
      value = point.unit === 'days' ? delays.delayDays : delays.delayWorkingDays;
      success = value !== null ? succeeds(point, value) : dates.sentOn ? false : null;
    } else success = succeeds(point, value);
    outcomes[point.id] = {
      position,
      label: point.label,
      kind: point.kind,
      weight: point.weight,
      target: point.target ?? null,
      unit: point.unit ?? null,
      value,
      success,
      criteria: point.criteria ?? [],
      indicator: point.indicator ?? null,
    };
    if (success !== null && point.weight > 0) {
      answered += point.weight;
      if (success) met += point.weight;
    }
  }
  const score = answered ? Math.round((1000 * met) / answered) / 10 : null;
  return { outcomes, score, ...delays };
}
