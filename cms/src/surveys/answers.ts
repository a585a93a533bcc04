import type { AnswerValue, SurveyQuestion } from '@charte/contract';

export type Answers = Record<string, AnswerValue>;

export interface AnswerError {
  question: string | null;
  message: string;
}

export type AnswersCheck = { ok: true; answers: Answers } | { ok: false; message: string; errors: AnswerError[] };

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function checkValue(question: SurveyQuestion, value: unknown, maxTextLength: number): { value: AnswerValue } | { error: string } {
  switch (question.kind) {
    case 'scale-1-4':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4 ? { value } : { error: 'choisissez une note de 1 à 4' };
    case 'yes-no':
      return typeof value === 'boolean' ? { value } : { error: 'répondez par oui ou par non' };
    case 'choice':
      return typeof value === 'string' && question.options!.includes(value) ? { value } : { error: 'choisissez une des réponses proposées' };
    case 'text': {
      if (typeof value !== 'string') return { error: 'la réponse doit être un texte' };
      const text = value.trim();
      return text.length <= maxTextLength ? { value: text } : { error: `réponse trop longue (${text.length} caractères, ${maxTextLength} au plus)` };
    }
  }
}

/**
 * Checks a public answer against the survey's questions. Blank answers to optional questions are
 * dropped; anything unknown or malformed refuses the whole answer (nothing partial is stored).
 */
export function checkAnswers(questions: SurveyQuestion[], input: unknown, maxTextLength: number): AnswersCheck {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, message: 'Les réponses sont manquantes ou mal formées.', errors: [{ question: null, message: 'Les réponses sont manquantes ou mal formées.' }] };
  }
  const given = input as Record<string, unknown>;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const errors: AnswerError[] = [];
  for (const id of Object.keys(given)) {
    if (!byId.has(id)) errors.push({ question: id, message: `La question « ${id.slice(0, 60)} » ne fait pas partie de cette enquête.` });
  }
  const answers: Answers = {};
  for (const question of questions) {
    const value = given[question.id];
    if (isBlank(value)) {
      if (question.required) errors.push({ question: question.id, message: `« ${question.label} » : cette question est obligatoire.` });
      continue;
    }
    const checked = checkValue(question, value, maxTextLength);
    if ('error' in checked) errors.push({ question: question.id, message: `« ${question.label} » : ${checked.error}.` });
    else answers[question.id] = checked.value;
  }
  if (!errors.length && !Object.keys(answers).length) {
    errors.push({ question: null, message: 'Répondez à au moins une question avant d’envoyer.' });
  }
  if (errors.length) return { ok: false, message: errors.map((e) => e.message).join(' '), errors };
  return { ok: true, answers };
}
