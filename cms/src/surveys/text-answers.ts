import { SURVEY_SOURCES, type SurveySource, type TextAnswersPage } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { positiveQueryNumber, queryText } from '../platform/input/query-values';
import { HttpError } from '../platform/http/http-error';
import { tableOf } from '../platform/db/schema';
import { townToday } from '../platform/calendar/clock';
import { publicFormsConfig } from '../public-intake/config';
import { scopedAnswers, surveyRow, tables, type ServiceScope } from './results';

export const TEXT_PAGE_SIZE = 20;

/** `%`, `_` and `\` of a search typed by a user, matched literally by ILIKE. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The free-text answers to one question of a survey, newest first, a page at a time: only the
 * answers of the caller's services (as the results), filtered in SQL by a search (a part of a word,
 * ILIKE, or a word in any of its forms, French full-text search) and by source. Free text may hold
 * personal data: it is served here, to readers of the results, and nowhere public.
 */
export async function textAnswers(strapi: Core.Strapi, documentId: string, scope: ServiceScope, query: Record<string, unknown>): Promise<TextAnswersPage> {
  const survey = await surveyRow(strapi, documentId);
  const questionId = queryText(query.question);
  const question = survey.questions.find((q) => q.id === questionId);
  if (!questionId) throw new HttpError(400, '« question » est obligatoire : l’identifiant d’une question à réponse libre.');
  if (!question || question.kind !== 'text') throw new HttpError(400, `La question « ${questionId.slice(0, 60)} » n’est pas une question à réponse libre de cette enquête.`);
  const search = queryText(query.q)?.slice(0, 200);
  const source = queryText(query.source);
  if (source !== undefined && !SURVEY_SOURCES.includes(source as SurveySource)) throw new HttpError(400, '« source » vaut « online » ou « paper ».');
  const page = positiveQueryNumber(query.page, 'page', 1, 10_000);
  const agents = survey.audience === 'agents';
  if (agents) await refuseSmallAgentGroup(strapi, survey.id, scope);

  const knex = strapi.db.connection;
  const t = tables(strapi);
  const text = knex.raw('r.answers ->> ?', [question.id]);
  const filtered = () => {
    const q = scopedAnswers(knex, t, survey.id, scope).whereRaw(`coalesce(r.answers ->> ?, '') <> ''`, [question.id]);
    if (source === 'paper') q.where('r.source', 'paper');
    if (source === 'online') q.where((w) => w.where('r.source', 'online').orWhereNull('r.source'));
    if (search) {
      q.where((w) =>
        w
          .whereRaw(`(r.answers ->> ?) ilike ?`, [question.id, likePattern(search)])
          .orWhereRaw(`to_tsvector('french', r.answers ->> ?) @@ plainto_tsquery('french', ?)`, [question.id, search]),
      );
    }
    return q;
  };
  const [{ total }] = (await filtered().count({ total: '*' })) as { total: string }[];
  const rows = (await filtered()
    .leftJoin({ svc: tableOf(strapi, 'api::service.service') }, 'svc.id', `sv.${t.toService.to}`)
    .select({ text, source: knex.raw(`coalesce(r.source, 'online')`), service: 'svc.name', createdAt: 'r.created_at' })
    .orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id', order: 'desc' }])
    .limit(TEXT_PAGE_SIZE)
    .offset((page - 1) * TEXT_PAGE_SIZE)) as { text: string; source: SurveySource; service: string | null; createdAt: Date | string }[];
  const count = Number(total);
  return {
    question: { id: question.id, label: question.label },
    // An agent's words with their service and day would point to their author: the text alone.
    items: rows.map((row) => ({ text: row.text, source: row.source, service: agents ? null : row.service, receivedOn: agents ? null : townToday(new Date(row.createdAt)) })),
    page,
    pageSize: TEXT_PAGE_SIZE,
    total: count,
    pageCount: Math.max(1, Math.ceil(count / TEXT_PAGE_SIZE)),
  };
}

/** An agent survey's free answers are read only when the caller's scope holds enough answers. */
async function refuseSmallAgentGroup(strapi: Core.Strapi, surveyId: number, scope: ServiceScope): Promise<void> {
  const minimum = publicFormsConfig().survey.agents.minimumGroup;
  const [{ n }] = (await scopedAnswers(strapi.db.connection, tables(strapi), surveyId, scope).count({ n: '*' })) as { n: string }[];
  if (Number(n) < minimum) {
    throw new HttpError(409, `Pas assez de réponses pour préserver l’anonymat : les réponses libres de l’enquête agents se lisent à partir de ${minimum} réponses.`);
  }
}
