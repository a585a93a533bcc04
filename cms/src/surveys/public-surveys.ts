import type { OpenSurvey, PublicSurveyForm, ServiceRef, SurveyAudience } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { publicFormsConfig } from '../public-intake/config';
import { checkAnswers, type Answers } from './answers';
import { statusMessage, surveyStatus } from './calendar';
import { SURVEY, SURVEY_RESPONSE } from './document-rules';
import { checkQuestions } from './questions';
import { HttpError } from '../platform/http/http-error';
import { townToday } from '../platform/calendar/clock';
import { isDocumentId } from '../platform/db/document-id';

export interface SurveyRow {
  id: number;
  documentId: string;
  title: string;
  description: string | null;
  audience: SurveyAudience;
  questions: unknown;
  opensAt: string;
  closesAt: string | null;
  service: (ServiceRef & { id: number }) | null;
}

const NOT_FOUND = 'Cette enquête n’existe pas ou n’est plus en ligne.';

/** A survey by its documentId, if it asks `audience` (an agent survey does not exist for the public). */
export async function findSurvey(strapi: Core.Strapi, documentId: string, audience: SurveyAudience = 'usagers'): Promise<SurveyRow | null> {
  if (!isDocumentId(documentId)) return null;
  return strapi.db.query(SURVEY).findOne({
    select: ['id', 'documentId', 'title', 'description', 'audience', 'questions', 'opensAt', 'closesAt'],
    where: { documentId, audience },
    populate: { service: { select: ['id', 'documentId', 'name'] } },
  });
}

export function serviceRef(service: ServiceRef | null): ServiceRef | null {
  return service ? { documentId: service.documentId, name: service.name } : null;
}

/** Open surveys, newest first, with only what the public list shows. */
export async function openSurveys(strapi: Core.Strapi): Promise<OpenSurvey[]> {
  const today = townToday();
  const rows: SurveyRow[] = await strapi.db.query(SURVEY).findMany({
    select: ['documentId', 'title', 'description', 'opensAt', 'closesAt'],
    where: { audience: 'usagers', opensAt: { $lte: today }, $or: [{ closesAt: { $null: true } }, { closesAt: { $gte: today } }] },
    populate: { service: { select: ['documentId', 'name'] } },
    orderBy: [{ opensAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map((row) => ({
    documentId: row.documentId,
    title: row.title,
    description: row.description,
    closesAt: row.closesAt,
    service: serviceRef(row.service),
  }));
}

/** The form of one survey; a survey that is not open shows its title and why it cannot be answered. */
export async function publicSurveyForm(strapi: Core.Strapi, documentId: string): Promise<PublicSurveyForm> {
  const survey = await findSurvey(strapi, documentId);
  if (!survey) throw new HttpError(404, NOT_FOUND);
  const status = surveyStatus(survey.opensAt, survey.closesAt);
  const open = status === 'open';
  const checked = checkQuestions(survey.questions);
  const services: ServiceRef[] =
    open && !survey.service ? await strapi.db.query('api::service.service').findMany({ select: ['documentId', 'name'], orderBy: { name: 'asc' } }) : [];
  return {
    documentId: survey.documentId,
    title: survey.title,
    description: survey.description,
    opensAt: survey.opensAt,
    closesAt: survey.closesAt,
    status,
    message: statusMessage(status, survey.opensAt, survey.closesAt),
    service: serviceRef(survey.service),
    questions: open && checked.ok ? checked.questions : [],
    services: services.map((s) => ({ documentId: s.documentId, name: s.name })),
    maxTextLength: publicFormsConfig().survey.maxTextLength,
  };
}

/** Splits a posted answer into its answers and the service it names; anything else is a 400. */
export function answerBody(body: unknown): { answers: unknown; service: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Le formulaire envoyé est vide ou mal formé.');
  const { answers, service, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw new HttpError(400, `Champ inattendu dans le formulaire : ${extra.slice(0, 5).map((key) => `« ${key.slice(0, 40)} »`).join(', ')}.`);
  return { answers, service };
}

/** The service an answer is filed under: the survey's own, or the one named for a global survey (400 if unknown). */
export async function answerService(strapi: Core.Strapi, survey: SurveyRow, service: unknown): Promise<number | null> {
  if (service === undefined || service === null || service === '') return survey.service?.id ?? null;
  if (survey.service) {
    if (service !== survey.service.documentId) throw new HttpError(400, `Cette enquête porte sur le service « ${survey.service.name} » uniquement.`);
    return survey.service.id;
  }
  const found = isDocumentId(service) ? await strapi.db.query('api::service.service').findOne({ select: ['id'], where: { documentId: service } }) : null;
  if (!found) throw new HttpError(400, 'Le service choisi n’existe pas.');
  return found.id as number;
}

/** The answers checked against the survey's questions (400 naming each problem; nothing partial is kept). */
export function checkedAnswers(survey: SurveyRow, answers: unknown): Answers {
  const questions = checkQuestions(survey.questions);
  if (!questions.ok) throw new HttpError(409, 'Cette enquête est en cours de correction : réessayez plus tard.');
  const checked = checkAnswers(questions.questions, answers, publicFormsConfig().survey.maxTextLength);
  if (!checked.ok) throw new HttpError(400, checked.message, { errors: checked.errors });
  return checked.answers;
}

/**
 * Stores one anonymous answer: the survey, the service it is about and the answers — no address,
 * no account. A honeypot hit goes through every check and stores nothing.
 */
export async function submitResponse(strapi: Core.Strapi, documentId: string, body: unknown, options: { store: boolean }): Promise<void> {
  const survey = await findSurvey(strapi, documentId);
  if (!survey) throw new HttpError(404, NOT_FOUND);
  const status = surveyStatus(survey.opensAt, survey.closesAt);
  if (status !== 'open') throw new HttpError(409, statusMessage(status, survey.opensAt, survey.closesAt)!);
  if (!checkQuestions(survey.questions).ok) throw new HttpError(409, 'Cette enquête est en cours de correction : réessayez plus tard.');
  const { answers, service } = answerBody(body);
  const serviceId = await answerService(strapi, survey, service);
  const checked = checkedAnswers(survey, answers);
  if (!options.store) return;
  await strapi.db.query(SURVEY_RESPONSE).create({
    data: { survey: survey.id, service: serviceId, answers: checked, source: 'online', publishedAt: new Date() },
  });
}
