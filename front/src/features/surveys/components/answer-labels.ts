import type { QuestionKind } from '../api/surveys';

/** The four steps of the scale, as the cms's export names them. */
export const SCALE_LABELS: Record<number, string> = {
  1: 'Pas du tout satisfait',
  2: 'Peu satisfait',
  3: 'Satisfait',
  4: 'Très satisfait',
};

/** How a stored answer (its JSON text, as the results count them) reads in French. */
export function answerLabel(kind: QuestionKind, json: string): string {
  const value: unknown = JSON.parse(json);
  if (kind === 'scale-1-4') return `${value} – ${SCALE_LABELS[value as number] ?? ''}`;
  if (kind === 'yes-no') return value === true ? 'Oui' : 'Non';
  return String(value);
}

/** Every answer a question offers, in the order the form shows them (JSON text, as counted). */
export function possibleAnswers(kind: QuestionKind, options: string[] = []): string[] {
  if (kind === 'scale-1-4') return ['4', '3', '2', '1'];
  if (kind === 'yes-no') return ['true', 'false'];
  if (kind === 'choice') return options.map((o) => JSON.stringify(o));
  return [];
}
