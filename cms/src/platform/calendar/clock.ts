import { schedulesConfig } from '../jobs/schedules-config';
import type { IsoDate } from './days';

/**
 * The town's clock: its time zone is the one its scheduled jobs run in (config/schedules.yaml), so
 * that « today » is the same day for a reminder, a deadline, a survey's opening and a file name.
 */
export function townTimeZone(): string {
  return schedulesConfig().timezone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions, locale = 'fr-FR'): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

/** The calendar day of `now` in a time zone, as 'YYYY-MM-DD'. */
export function dayIn(timeZone: string, now = new Date()): IsoDate {
  return formatter(`day:${timeZone}`, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(now);
}

/** The town's calendar day at `now`, as 'YYYY-MM-DD'. */
export function townToday(now = new Date()): IsoDate {
  return dayIn(townTimeZone(), now);
}

/** The town's year and month (1–12) at `now`. */
export function townMonth(now = new Date()): { year: number; month: number } {
  const [year, month] = townToday(now).split('-').map(Number);
  return { year, month };
}

/** French typography: the first day of a month is written « 1er ». */
const firstOfMonth = (text: string) => text.replace(/^1 /, '1er ');

/** A calendar day ('YYYY-MM-DD', or the day part of a longer string) in French: « 1er mars 2026 », or « 01/03/2026 » when short. */
export function formatDay(day: string, style: 'long' | 'short' = 'long'): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return style === 'long'
    ? firstOfMonth(formatter('day-long', { dateStyle: 'long', timeZone: 'UTC' }).format(date))
    : formatter('day-short', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An instant, as the town's calendar shows it: « 1er mars 2026 », or « 01/03/2026 » when short. */
export function formatInstant(value: Date | string, style: 'long' | 'short' = 'long'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const zone = townTimeZone();
  return style === 'long'
    ? firstOfMonth(formatter(`long:${zone}`, { dateStyle: 'long', timeZone: zone }).format(date))
    : formatter(`short:${zone}`, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: zone }).format(date);
}

/** An instant with its time in the town: « 1er mars 2026 à 14:05 ». */
export function formatDateTime(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  const zone = townTimeZone();
  const time = formatter(`time:${zone}`, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(date);
  return `${formatInstant(date)} à ${time}`;
}
