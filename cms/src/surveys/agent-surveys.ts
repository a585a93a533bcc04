import type { AgentSurveyForm, AgentSurveySummary, ServiceRef } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Caller } from '../access/read-scope';
import { membershipOf } from '../access/service-membership';
import { actingAs } from '../audit/actor';
import { publicFormsConfig } from '../public-intake/config';
import { HttpError } from '../platform/http/http-error';
import { townToday } from '../platform/calendar/clock';
import { isDocumentId } from '../platform/db/document-id';
import { tableOf } from '../platform/db/schema';
import { statusMessage, surveyStatus } from './calendar';
import { SURVEY, SURVEY_RESPONSE } from './document-rules';
import { answerBody, checkedAnswers, findSurvey, type SurveyRow } from './public-surveys';
import { checkQuestions } from './questions';

/**
 * The agent survey (enquête agents, asked by the Services Publics + label): staff answer after
 * login, once each, and nothing ties an answer to its author. Who has answered is kept apart, in
 * a table of (survey, account) pairs with no time and no link to the answer; the answer itself
 * is stored like a public one, with no account, and written to the audit log as an anonymous
 * write. Results are shown by groups of at least `survey.agents.minimumGroup` answers (results.ts).
 */
export const PARTICIPANTS_TABLE = 'charte_agent_survey_participants';
const LOCK_KEY = 742_311;
const NOT_FOUND = 'Cette enquête agents n’existe pas.';
const ANONYMOUS = { kind: 'public', id: null, name: null, origin: 'rest' } as const;

export async function installAgentSurveyParticipants(strapi: Core.Strapi): Promise<void> {
  const surveys = tableOf(strapi, SURVEY);
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    await trx.raw(
      `create table if not exists ${PARTICIPANTS_TABLE} (
         survey_id integer not null references ${surveys}(id) on delete cascade,
         user_id integer not null,
         primary key (survey_id, user_id)
       )`,
    );
  });
}

async function answeredSet(strapi: Core.Strapi, userId: number, surveyIds: number[]): Promise<Set<number>> {
  if (!surveyIds.length) return new Set();
  const rows = (await strapi.db.connection(PARTICIPANTS_TABLE).select('survey_id').where('user_id', userId).whereIn('survey_id', surveyIds)) as { survey_id: number }[];
  return new Set(rows.map((r) => r.survey_id));
}

/** GET /api/agent-surveys: the open agent surveys, newest first, and whether the caller has answered each. */
export async function openAgentSurveys(strapi: Core.Strapi, me: Caller): Promise<AgentSurveySummary[]> {
  const today = townToday();
  const rows: SurveyRow[] = await strapi.db.query(SURVEY).findMany({
    select: ['id', 'documentId', 'title', 'description', 'closesAt'],
    where: { audience: 'agents', opensAt: { $lte: today }, $or: [{ closesAt: { $null: true } }, { closesAt: { $gte: today } }] },
    orderBy: [{ opensAt: 'desc' }, { id: 'desc' }],
  });
  const answered = await answeredSet(strapi, me.id, rows.map((r) => r.id));
  return rows.map((row) => ({ documentId: row.documentId, title: row.title, description: row.description, closesAt: row.closesAt, answered: answered.has(row.id) }));
}

async function agentSurvey(strapi: Core.Strapi, documentId: string): Promise<SurveyRow> {
  const survey = isDocumentId(documentId) ? await findSurvey(strapi, documentId, 'agents') : null;
  if (!survey) throw new HttpError(404, NOT_FOUND);
  return survey;
}

async function ownServices(strapi: Core.Strapi, caller: Caller): Promise<(ServiceRef & { id: number })[]> {
  const { serviceIds } = await membershipOf(strapi, caller.id);
  if (!serviceIds.length) return [];
  return strapi.db.query('api::service.service').findMany({ select: ['id', 'documentId', 'name'], where: { id: { $in: serviceIds } }, orderBy: { name: 'asc' } });
}

/** GET /api/agent-surveys/:documentId: the form, with the caller's own services to choose from. */
export async function agentSurveyForm(strapi: Core.Strapi, documentId: string, me: Caller): Promise<AgentSurveyForm> {
  const survey = await agentSurvey(strapi, documentId);
  const status = surveyStatus(survey.opensAt, survey.closesAt);
  const answered = (await answeredSet(strapi, me.id, [survey.id])).has(survey.id);
  const checked = checkQuestions(survey.questions);
  const open = status === 'open' && !answered;
  const services = open ? await ownServices(strapi, me) : [];
  return {
    documentId: survey.documentId,
    title: survey.title,
    description: survey.description,
    closesAt: survey.closesAt,
    status,
    message: answered ? ALREADY : statusMessage(status, survey.opensAt, survey.closesAt),
    answered,
    questions: open && checked.ok ? checked.questions : [],
    services: services.map((s) => ({ documentId: s.documentId, name: s.name })),
    maxTextLength: publicFormsConfig().survey.maxTextLength,
    minimumGroup: publicFormsConfig().survey.agents.minimumGroup,
  };
}

const ALREADY = 'Vous avez déjà répondu à cette enquête. Merci de votre participation !';

/**
 * POST /api/agent-surveys/:documentId/responses. One transaction: the participation first (the
 * primary key makes a second answer — or two tabs at once — a 409), then the answer with no
 * account. The service named must be one of the caller's own.
 */
export async function submitAgentResponse(strapi: Core.Strapi, documentId: string, me: Caller, body: unknown): Promise<void> {
  const survey = await agentSurvey(strapi, documentId);
  const status = surveyStatus(survey.opensAt, survey.closesAt);
  if (status !== 'open') throw new HttpError(409, statusMessage(status, survey.opensAt, survey.closesAt)!);
  const { answers, service } = answerBody(body);
  let serviceId: number | null = null;
  if (service !== undefined && service !== null && service !== '') {
    const own = (await ownServices(strapi, me)).find((s) => s.documentId === service);
    if (!own) throw new HttpError(400, 'Choisissez l’un de vos services, ou aucun.');
    serviceId = own.id;
  }
  const checked = checkedAnswers(survey, answers);
  await strapi.db.transaction(async ({ trx }) => {
    const inserted = await trx(PARTICIPANTS_TABLE).insert({ survey_id: survey.id, user_id: me.id }).onConflict(['survey_id', 'user_id']).ignore().returning('user_id');
    if (!inserted.length) throw new HttpError(409, ALREADY);
    await actingAs(ANONYMOUS, () =>
      strapi.documents(SURVEY_RESPONSE).create({ data: { survey: survey.id, service: serviceId, answers: checked, source: 'online' } as never }),
    );
  });
}
