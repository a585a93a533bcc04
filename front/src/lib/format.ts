const percent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const dateLong = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });
// A calendar day (YYYY-MM-DD) is the same day everywhere: read and written in UTC, it never shifts.
const dayLong = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });

export const formatRate = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${percent.format(rate)} %`);
/** « 1er mars 2026 », « 15 mars 2026 » (French writes the first of the month « 1er »). */
export const formatDate = (value: string | null | undefined) =>
  value ? (CALENDAR_DAY.test(value) ? dayLong.format(new Date(`${value}T00:00:00Z`)) : dateLong.format(new Date(value))).replace(/^1 /, '1er ') : '—';
export const formatDateTime = (value: string | null | undefined) => (value ? dateTime.format(new Date(value)) : '—');

/** "+3,5 points" / "−2 points" / "stable". */
export function formatDelta(delta: number): string {
  if (Math.abs(delta) < 0.05) return 'stable';
  const sign = delta > 0 ? '+' : '−';
  return `${sign}${percent.format(Math.abs(delta))} point${Math.abs(delta) >= 2 ? 's' : ''}`;
}

/** A net satisfaction in points, signed: « +42 points », « −8 points », « 0 point ». */
export function formatNetPoints(points: number | null | undefined): string {
  if (points === null || points === undefined) return '—';
  const sign = points > 0 ? '+' : points < 0 ? '−' : '';
  return `${sign}${percent.format(Math.abs(points))}\u00a0point${Math.abs(points) >= 2 ? 's' : ''}`;
}

/** How long something has waited, from whole days (« depuis aujourd’hui », « depuis 3 jours », « depuis 2 mois »). */
export function formatWaiting(days: number): string {
  if (days <= 0) return 'depuis aujourd’hui';
  if (days === 1) return 'depuis hier';
  if (days < 60) return `depuis ${days}\u00a0jours`;
  if (days < 730) return `depuis ${Math.floor(days / 30)}\u00a0mois`;
  return `depuis ${Math.floor(days / 365)}\u00a0ans`;
}

/** « 1 document », « 3 documents »: a count and its noun, agreed (French: 0 and 1 take the singular). */
export const countOf = (count: number, singular: string, plural = `${singular}s`) => `${count}\u00a0${count > 1 ? plural : singular}`;
