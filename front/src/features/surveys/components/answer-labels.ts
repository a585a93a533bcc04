import { answerText, type QuestionKind } from '@charte/contract';

/** How a stored answer (its JSON text, as the results count them) reads in French: the export's wording. */
export function answerLabel(kind: QuestionKind, json: string): string {
  return answerText(kind, JSON.parse(json));
}

/** Every answer a question offers, in the order the form shows them (JSON text, as counted). */
export function possibleAnswers(kind: QuestionKind, options: string[] = []): string[] {
  if (kind === 'scale-1-4') return ['4', '3', '2', '1'];
  if (kind === 'yes-no') return ['true', 'false'];
  if (kind === 'choice') return options.map((o) => JSON.stringify(o));
  return [];
}
