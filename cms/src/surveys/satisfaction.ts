import type { Core } from '@strapi/strapi';
import { link, tableOf } from '../platform/db/schema';
import { SURVEY, SURVEY_RESPONSE } from './document-rules';
import { standardQuestionOf, surveyResults } from './results';

export interface LatestSatisfaction {
  surveyTitle: string;
  closesAt: string | null;
  responses: number;
  /** Satisfied answers / answers to the scale and yes-no questions; null when none was answered. */
  satisfiedShare: number | null;
  target: number;
  /** Net satisfaction of the standard question (-1 to 1); null when the survey does not ask it. */
  netSatisfaction: number | null;
  /** Answers to the standard question, and the share of satisfied among them (null when not asked). */
  standardAnswers: number;
  standardShare: number | null;
  opensAt: string;
  /** When the latest answer counted came in. */
  lastAnswerAt: Date | null;
}

/**
 * The satisfaction figure of the most recent users' survey that has answers (by opening date), all
 * services together — what the public results page shows against the charter's target. An agent
 * survey is internal: never published.
 */
export async function latestSatisfaction(strapi: Core.Strapi): Promise<LatestSatisfaction | null> {
  const toSurvey = link(strapi, SURVEY_RESPONSE, 'survey');
  const latest = (await strapi.db.connection
    .from({ s: tableOf(strapi, SURVEY) })
    .select({ documentId: 's.document_id', lastAnswerAt: knexLastAnswer(strapi) })
    .where('s.audience', 'usagers')
    .whereExists((answered) => answered.from({ rs: toSurvey.table }).whereRaw(`rs.${toSurvey.to} = s.id`))
    .orderBy([{ column: 's.opens_at', order: 'desc' }, { column: 's.id', order: 'desc' }])
    .first()) as { documentId: string; lastAnswerAt: Date | string | null } | undefined;
  if (!latest) return null;
  const results = await surveyResults(strapi, latest.documentId, null);
  const standard = standardQuestionOf(results.overall.questions);
  return {
    surveyTitle: results.survey.title,
    closesAt: results.survey.closesAt,
    responses: results.overall.responses,
    satisfiedShare: results.overall.satisfaction.share,
    target: results.target,
    netSatisfaction: results.overall.netSatisfaction,
    standardAnswers: standard?.answered ?? 0,
    standardShare: standard?.satisfaction?.share ?? null,
    opensAt: results.survey.opensAt,
    lastAnswerAt: latest.lastAnswerAt ? new Date(latest.lastAnswerAt) : null,
  };
}

/** The time of a survey's latest answer, as a subquery on `s` (the survey). */
function knexLastAnswer(strapi: Core.Strapi) {
  const toSurvey = link(strapi, SURVEY_RESPONSE, 'survey');
  return strapi.db.connection
    .from({ r: tableOf(strapi, SURVEY_RESPONSE) })
    .join({ rl: toSurvey.table }, `rl.${toSurvey.from}`, 'r.id')
    .whereRaw(`rl.${toSurvey.to} = s.id`)
    .max('r.created_at');
}
