import { QUESTION_KINDS, type QuestionKind, type SurveyQuestion } from '@charte/contract';
import { z } from 'zod';
import { fieldLabel } from '../platform/config/labels';

/**
 * A survey's questions, as the référent qualité writes them (JSON field of the survey, REST or
 * admin panel). Answers are stored by question id, so ids stay stable when labels change.
 */
export const KIND_LABELS: Record<QuestionKind, string> = {
  'scale-1-4': 'échelle de 1 à 4',
  'yes-no': 'oui / non',
  choice: 'choix dans une liste',
  text: 'texte libre',
};

const questionSchema = z
  .object({
    id: z
      .string({ required_error: 'identifiant « id » manquant', invalid_type_error: 'l’identifiant « id » doit être un texte' })
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'identifiant « id » : lettres minuscules, chiffres et tirets, 40 caractères au plus'),
    kind: z.enum(QUESTION_KINDS, {
      errorMap: () => ({ message: `type « kind » inconnu : attendu ${QUESTION_KINDS.map((kind) => `« ${kind} »`).join(', ')}` }),
    }),
    label: z
      .string({ required_error: 'intitulé « label » manquant', invalid_type_error: 'l’intitulé « label » doit être un texte' })
      .trim()
      .min(1, 'intitulé « label » vide')
      .max(300, 'intitulé « label » trop long (300 caractères au plus)'),
    options: z
      .array(z.string({ invalid_type_error: 'chaque choix « options » doit être un texte' }).trim().min(1, 'choix « options » vide').max(120, 'choix « options » trop long (120 caractères au plus)'), {
        invalid_type_error: 'les choix « options » doivent être une liste de textes',
      })
      .max(20, '20 choix « options » au plus')
      .optional(),
    required: z.boolean({ invalid_type_error: 'obligatoire « required » doit valoir true ou false' }).optional(),
  })
  .strict()
  .superRefine((question, context) => {
    if (question.kind === 'choice') {
      if (!question.options || question.options.length < 2) {
        context.addIssue({ code: 'custom', path: ['options'], message: 'une question à choix demande au moins 2 choix « options »' });
      } else if (new Set(question.options).size !== question.options.length) {
        context.addIssue({ code: 'custom', path: ['options'], message: 'deux choix « options » identiques' });
      }
    } else if (question.options !== undefined) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'seules les questions à choix ont des choix « options »' });
    }
  });

const questionsSchema = z
  .array(questionSchema, { required_error: 'les questions sont obligatoires', invalid_type_error: 'les questions doivent être une liste' })
  .min(1, 'l’enquête doit avoir au moins une question')
  .max(40, '40 questions au plus')
  .superRefine((questions, context) => {
    const seen = new Set<string>();
    questions.forEach((question, index) => {
      if (seen.has(question.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `identifiant « ${question.id} » déjà utilisé par une autre question` });
      seen.add(question.id);
    });
  });

export type QuestionsCheck = { ok: true; questions: SurveyQuestion[] } | { ok: false; message: string; errors: { path: string; message: string }[] };

const ALLOWED_KEYS = new Set(['id', 'kind', 'label', 'options', 'required']);

/** Checks a `questions` value; the message names the question (by its position) and the field. */
export function checkQuestions(value: unknown): QuestionsCheck {
  const parsed = questionsSchema.safeParse(value);
  if (parsed.success) return { ok: true, questions: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const unknown = issue.keys.filter((key) => !ALLOWED_KEYS.has(key));
      message = `champ${unknown.length > 1 ? 's' : ''} inconnu${unknown.length > 1 ? 's' : ''} : ${unknown.map((key) => `« ${key} »`).join(', ')} (attendus : « id », « kind », « label », « options », « required »)`;
    } else if (issue.code === 'invalid_type' && typeof index === 'number' && rest.length === 0) {
      message = 'chaque question doit être un objet avec « id », « kind », « label » et, au besoin, « options » et « required »';
    }
    const where = typeof index === 'number' ? `Question ${index + 1}` : fieldLabel('api::survey.survey', 'questions');
    return { path: ['questions', ...issue.path].join('.'), message: `${where} : ${message}.` };
  });
  return { ok: false, message: `Questions de l’enquête invalides. ${errors.map((e) => e.message).join(' ')}`, errors };
}
