import type { Core } from '@strapi/strapi';
import { link, tableOf } from '../platform/db/schema';
import { SURVEY, SURVEY_RESPONSE } from './document-rules';
import { surveyResults } from './results';

export interface LatestSatisfaction {
  surveyTitle: string;
  closesAt: string | null;
  responses: number;
  /** Satisfied answers / answers to the scale and yes-no questions; null when none was answered. */
  satisfiedShare: number | null;
  target: number;
}

/**
 * The satisfaction figure of the most recent survey that has answers (by opening date), all
 * services together — what the public results page shows against the charter's target.
 */
export async function latestSatisfaction(strapi: Core.Strapi): Promise<LatestSatisfaction | null> {
  const toSurvey = link(strapi, SURVEY_RESPONSE, 'survey');
  const latest = (await strapi.db.connection
    .from({ s: tableOf(strapi, SURVEY) })
    .select({ documentId: 's.document_id' })
    .whereExists((answered) => answered.from({ rs: toSurvey.table }).whereRaw(`rs.${toSurvey.to} = s.id`))
    .orderBy([{ column: 's.opens_at', order: 'desc' }, { column: 's.id', order: 'desc' }])
    .first()) as { documentId: string } | undefined;
  if (!latest) return null;
  const results = await surveyResults(strapi, latest.documentId, null);
  return {
    surveyTitle: results.survey.title,
    closesAt: results.survey.closesAt,
    responses: results.overall.responses,
    satisfiedShare: results.overall.satisfaction.share,
    target: results.target,
  };
}
