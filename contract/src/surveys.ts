import { SCALE_LABELS } from './constants';
import type { QuestionKind } from './schemas/surveys';

/** How a stored answer reads in French (« 4 – Très satisfait », « Oui »…): the results page and the export alike. */
export function answerText(kind: QuestionKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind === 'scale-1-4' && typeof value === 'number') return `${value} – ${SCALE_LABELS[value as 1 | 2 | 3 | 4] ?? ''}`;
  if (kind === 'yes-no') return value === true ? 'Oui' : value === false ? 'Non' : String(value);
  return String(value);
}
