const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

const UNITS: Record<string, (n: string) => string> = {
  pourcentage: (n) => `${n} %`,
  jours: (n) => `${n} j`,
  minutes: (n) => `${n} min`,
  secondes: (n) => `${n} s`,
  nombre: (n) => n,
};

export const UNIT_LABELS: Record<string, string> = {
  pourcentage: '%',
  jours: 'jours',
  minutes: 'minutes',
  secondes: 'secondes',
  nombre: 'nombre',
};

/** A value with its unit, French style: « 12,5 j », « 94 % ». */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  return (UNITS[unit] ?? ((n: string) => n))(number.format(value));
}

/** « ≤ 15 j » for a lower-is-better target, « ≥ 90 % » otherwise. */
export function formatTarget(target: number | null, direction: string, unit: string): string {
  if (target === null) return 'sans objectif';
  return `${direction === 'lower' ? '≤' : '≥'} ${formatValue(target, unit)}`;
}
