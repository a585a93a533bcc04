/**
 * Whether a piece of evidence holds on a day (YYYY-MM-DD): valid through its « valable jusqu'au »
 * date included; a piece without that date does not expire (the files attached before dates existed).
 */
export function isEvidenceValidOn(evidence: { validUntil: string | null | undefined }, day: string): boolean {
  if (!evidence.validUntil) return true;
  return evidence.validUntil.slice(0, 10) >= day.slice(0, 10);
}

/** The same rule in SQL, for a query over many pieces: `column` is a date column. */
export const VALID_ON_SQL = (column: string) => `(${column} is null or ${column} >= ?::date)`;
