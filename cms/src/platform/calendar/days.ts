// The package ships no types: its one export, as documented.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const getJoursFeries: (year: number, options?: { alsace?: boolean }) => Record<string, Date> = require('@socialgouv/jours-feries');

/**
 * The town's calendar: arithmetic on calendar days written 'YYYY-MM-DD', French public holidays and
 * working days. A day is not an instant: computing on Date objects would shift days with the
 * server's time zone and with daylight saving, so every step here works on UTC midnights and only
 * ever reads UTC fields.
 */
export type IsoDate = string;


const DAY_MS = 24 * 60 * 60 * 1000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: IsoDate): number {
  const match = ISO.exec(date);
  if (!match) throw new Error(`Date attendue au format AAAA-MM-JJ : ${date}`);
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(time).toISOString().slice(0, 10) !== date) throw new Error(`Date invalide : ${date}`);
  return time;
}

const fromUtc = (time: number): IsoDate => new Date(time).toISOString().slice(0, 10);

/**
 * The day of a `date` column as the database driver hands it back (a string, or a Date at UTC
 * midnight): 'YYYY-MM-DD', or null for an empty column.
 */
export function columnDay(value: unknown): IsoDate | null {
  if (value === null || value === undefined || value === '') return null;
  return (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/**
 * The year's public holidays, by date. The library builds local-time Dates (some by adding 24-hour
 * steps to Easter, which lands an hour off across a daylight-saving change): reading the local date
 * twelve hours later gives the intended day in any time zone.
 */
export function holidaysOf(year: number, alsaceMoselle: boolean): Map<IsoDate, string> {
  const holidays = new Map<IsoDate, string>();
  for (const [name, date] of Object.entries(getJoursFeries(year, { alsace: alsaceMoselle }))) {
    const noon = new Date(date.getTime() + 12 * 60 * 60 * 1000);
    const iso = `${noon.getFullYear()}-${String(noon.getMonth() + 1).padStart(2, '0')}-${String(noon.getDate()).padStart(2, '0')}`;
    holidays.set(iso, name);
  }
  return holidays;
}

const holidayCache = new Map<string, Map<IsoDate, string>>();

function publicHolidays(year: number, alsaceMoselle: boolean): Map<IsoDate, string> {
  const key = `${year}:${alsaceMoselle}`;
  let holidays = holidayCache.get(key);
  if (!holidays) holidayCache.set(key, (holidays = holidaysOf(year, alsaceMoselle)));
  return holidays;
}

/** Monday to Friday and not a public holiday (`alsaceMoselle`: Good Friday and 26 December too, local law). */
export function isWorkingDay(date: IsoDate, rules: { alsaceMoselle: boolean }): boolean {
  const weekday = new Date(toUtc(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(Number(date.slice(0, 4)), rules.alsaceMoselle).has(date);
}
