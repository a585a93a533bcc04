import { townMonth } from './clock';
/**
 * Measure periods. A measure is dated by the first day of the period it covers, in the indicator's
 * own rhythm: a monthly indicator's measure of March 2026 is 2026-03-01, a quarterly one's of the
 * second quarter 2026-04-01. Dates are calendar days ('YYYY-MM-DD'), computed in UTC so that no
 * time zone moves a day.
 */
export const FREQUENCIES = ['mensuelle', 'trimestrielle', 'semestrielle', 'annuelle'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const MONTHS_IN: Record<Frequency, number> = { mensuelle: 1, trimestrielle: 3, semestrielle: 6, annuelle: 12 };

const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export const isFrequency = (value: unknown): value is Frequency => FREQUENCIES.includes(value as Frequency);

const iso = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);

/** A calendar day from what a client may send ('YYYY-MM-DD', an ISO timestamp or a Date); null if it is not one. */
export function parseDay(value: unknown): { year: number; month: number } | null {
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null;
  const match = text && /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month: month - 1 };
}

/** The first day of the period (of this frequency) that contains the day. */
export function periodStart(day: { year: number; month: number }, frequency: Frequency): string {
  const size = MONTHS_IN[frequency];
  return iso(day.year, Math.floor(day.month / size) * size);
}

/** The last day of the period that starts on `start`. */
export function periodEnd(start: string, frequency: Frequency): string {
  const day = parseDay(start)!;
  return new Date(Date.UTC(day.year, day.month + MONTHS_IN[frequency], 0)).toISOString().slice(0, 10);
}

/**
 * The period whose measure is due at `now`: the last one that has fully ended (in the town's time).
 * On 2026-05-10, a monthly indicator is due for April, a quarterly one for the first quarter.
 */
export function duePeriod(now: Date, frequency: Frequency): string {
  const { year, month } = townMonth(now);
  const current = parseDay(periodStart({ year, month: month - 1 }, frequency))!;
  return iso(current.year, current.month - MONTHS_IN[frequency]);
}

/** How the period reads in French: « mars 2026 », « 2e trimestre 2026 », « 1er semestre 2026 », « 2026 ». */
export function periodLabel(start: string, frequency: Frequency): string {
  const day = parseDay(start)!;
  const rank = (n: number) => (n === 1 ? '1er' : `${n}e`);
  switch (frequency) {
    case 'mensuelle':
      return `${MONTH_NAMES[day.month]} ${day.year}`;
    case 'trimestrielle':
      return `${rank(Math.floor(day.month / 3) + 1)} trimestre ${day.year}`;
    case 'semestrielle':
      return `${rank(Math.floor(day.month / 6) + 1)} semestre ${day.year}`;
    default:
      return String(day.year);
  }
}

/** Whether a value meets the target, in the direction the indicator reads; null without target. */
export function meetsTarget(value: number | null, target: number | null, direction: string): boolean | null {
  if (value === null || target === null) return null;
  return direction === 'lower' ? value <= target : value >= target;
}
