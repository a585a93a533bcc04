import { HttpError } from '../http/http-error';

/** A query-string value as text, trimmed; undefined when absent or blank. */
export const queryText = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A positive whole number of the query string (a page, a page size), at most `max`; French 400 otherwise. */
export function positiveQueryNumber(value: unknown, name: string, fallback: number, max: number): number {
  const raw = queryText(value);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new HttpError(400, `« ${name} » doit être un nombre entier positif.`);
  return Math.min(Number(raw), max);
}
