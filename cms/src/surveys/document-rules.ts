import type { SurveyQuestion } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkQuestions } from './questions';

export const SURVEY = 'api::survey.survey';
export const SURVEY_RESPONSE = 'api::survey-response.survey-response';

function refuse(message: string, details: { path: string; message: string }[]): never {
  throw new errors.ValidationError(message, { errors: details.map((d) => ({ path: d.path.split('.'), message: d.message, name: 'ValidationError' })) });
}

/** Answers given to the public must not become an agent survey's (nor the reverse): their anonymity rules differ. */
export function audienceChange(before: string | null | undefined, after: string | null | undefined): string[] {
  return (before ?? 'usagers') !== (after ?? 'usagers') ? ['les personnes interrogées (usagers ou agents) ne peuvent plus changer'] : [];
}

/**
 * Once people have answered, a question keeps its id and its kind and a choice keeps its options:
 * stored answers refer to them, and results would otherwise mix different questions.
 */
export function structuralChanges(before: SurveyQuestion[], after: SurveyQuestion[]): string[] {
  const next = new Map(after.map((q) => [q.id, q]));
  const problems: string[] = [];
  for (const old of before) {
    const now = next.get(old.id);
    if (!now) problems.push(`la question « ${old.label} » (${old.id}) ne peut plus être retirée`);
    else if (now.kind !== old.kind) problems.push(`la question « ${old.label} » (${old.id}) ne peut plus changer de type`);
    else if (old.kind === 'choice' && old.options!.some((o) => !now.options!.includes(o))) {
      problems.push(`les choix de la question « ${old.label} » (${old.id}) ne peuvent plus être retirés ni renommés`);
    }
  }
  return problems;
}

async function checkSurveyWrite(strapi: Core.Strapi, action: string, params: { documentId?: string; data?: Record<string, unknown> }) {
  const data = params.data ?? {};
  if (action === 'update' && !('questions' in data) && !('audience' in data)) return;
  const checked = 'questions' in data || action === 'create' ? checkQuestions(data.questions) : null;
  if (checked && !checked.ok) refuse(checked.message, checked.errors);
  if (action !== 'update' || !params.documentId) return;
  const current = await strapi.db.query(SURVEY).findOne({ select: ['id', 'questions', 'audience'], where: { documentId: params.documentId } });
  if (!current) return;
  const answered = await strapi.db.query(SURVEY_RESPONSE).count({ where: { survey: { id: current.id } } });
  if (!answered) return;
  const before = checkQuestions(current.questions);
  if (!before.ok) return;
  const problems = [
    ...('audience' in data ? audienceChange(current.audience, data.audience as string) : []),
    ...(checked?.ok ? structuralChanges(before.questions, checked.questions) : []),
  ];
  if (problems.length) {
    refuse(`L’enquête a déjà ${answered} réponse${answered > 1 ? 's' : ''} : ${problems.join(' ; ')}. Les intitulés restent modifiables, et de nouvelles questions peuvent être ajoutées.`, [
      { path: 'questions', message: problems.join(' ; ') },
    ]);
  }
}

/**
 * Survey questions are checked whatever the door (REST, admin panel's JSON field, scripts), with a
 * French message that names the question and the field.
 */
type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

export function surveyDocumentRules(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid === SURVEY && (context.action === 'create' || context.action === 'update')) {
      await checkSurveyWrite(strapi, context.action, context.params as never);
    }
    return next();
  };
}
