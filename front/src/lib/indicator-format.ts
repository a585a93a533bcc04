import { unitSymbol, type ModelLabels } from '@charte/contract';

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A value with its unit's symbol from the model map (labels.yaml `units`), French style: « 12,5 j », « 94 % ». */
export function formatValue(value: number | null | undefined, unit: string, labels: ModelLabels): string {
  if (value === null || value === undefined) return '—';
  const symbol = unitSymbol(labels, unit);
  return symbol ? `${number.format(value)} ${symbol}` : number.format(value);
}

/** « ≤ 15 j » for a lower-is-better target, « ≥ 90 % » otherwise. */
export function formatTarget(target: number | null, direction: string, unit: string, labels: ModelLabels): string {
  if (target === null) return 'sans objectif';
  return `${direction === 'lower' ? '≤' : '≥'} ${formatValue(target, unit, labels)}`;
}
