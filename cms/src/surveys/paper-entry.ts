import type { PaperSurveyForm, ServiceRef } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { roleOf, visibleServiceIds, type Caller } from '../access/read-scope';
import { rolesConfig } from '../access/roles-config';
import { publicFormsConfig } from '../public-intake/config';
import { HttpError } from '../platform/http/http-error';
import { formatDay } from '../platform/calendar/clock';
import { surveyStatus } from './calendar';
import { SURVEY_RESPONSE } from './document-rules';
import { answerBody, answerService, checkedAnswers, findSurvey, serviceRef, type SurveyRow } from './public-surveys';
import { checkQuestions } from './questions';

const NOT_ALLOWED = 'Votre rôle ne permet pas de saisir des questionnaires papier.';
const NOT_FOUND = 'Enquête introuvable.';

/** Whether the caller's role types in paper questionnaires (config/roles.yaml surveyPaperEntry). */
export function mayEnterPaper(caller: Caller | undefined | null): boolean {
  return !!caller && rolesConfig().surveyPaperEntry.includes(roleOf(caller));
}

/**
 * Who may file a paper questionnaire of this survey, and under which services: `null` for any
 * service (or none), else the ids of the caller's services. 403 for another role, or for a
 * per-service survey of a service that is not the caller's.
 */
async function paperScope(strapi: Core.Strapi, caller: Caller | undefined, survey: SurveyRow): Promise<number[] | null> {
  if (!mayEnterPaper(caller)) throw new HttpError(403, NOT_ALLOWED);
  const scope = await visibleServiceIds(strapi, caller);
  if (scope && survey.service && !scope.includes(survey.service.id)) {
    throw new HttpError(403, `Vous ne saisissez que les questionnaires de vos services ; cette enquête porte sur le service « ${survey.service.name} ».`);
  }
  return scope;
}

async function surveyOr404(strapi: Core.Strapi, documentId: string): Promise<SurveyRow> {
  const survey = await findSurvey(strapi, documentId);
  if (!survey) throw new HttpError(404, NOT_FOUND);
  return survey;
}

/** A survey that has not opened yet takes no answer, on paper either; a closed one still does (questionnaires collected before the end). */
function refuseUpcoming(survey: SurveyRow): void {
  if (surveyStatus(survey.opensAt, survey.closesAt) === 'upcoming') {
    throw new HttpError(409, `Cette enquête n’est pas encore ouverte : ses questionnaires papier se saisissent à partir du ${formatDay(survey.opensAt)}.`);
  }
}

/** The form to type in a paper questionnaire: the public form's questions, and the services the caller may file it under. */
export async function paperSurveyForm(strapi: Core.Strapi, documentId: string, caller: Caller | undefined): Promise<PaperSurveyForm> {
  const survey = await surveyOr404(strapi, documentId);
  const scope = await paperScope(strapi, caller, survey);
  const checked = checkQuestions(survey.questions);
  let services: ServiceRef[] = [];
  if (!survey.service) {
    const rows: ServiceRef[] = await strapi.db.query('api::service.service').findMany({
      select: ['documentId', 'name'],
      where: scope ? { id: { $in: scope.length ? scope : [0] } } : {},
      orderBy: { name: 'asc' },
    });
    services = rows.map((s) => ({ documentId: s.documentId, name: s.name }));
  }
  return {
    documentId: survey.documentId,
    title: survey.title,
    status: surveyStatus(survey.opensAt, survey.closesAt),
    service: serviceRef(survey.service),
    questions: checked.ok ? checked.questions : [],
    services,
    serviceRequired: scope !== null && !survey.service,
    maxTextLength: publicFormsConfig().survey.maxTextLength,
  };
}

/**
 * Stores a paper questionnaire typed in by staff: the same checks as an online answer, source
 * `paper`, and the account that typed it in (a private field, never served). Not behind the public
 * forms' per-address limit: staff type in a stack of questionnaires from one desk.
 */
export async function enterPaperResponse(strapi: Core.Strapi, documentId: string, caller: Caller | undefined, body: unknown): Promise<void> {
  const survey = await surveyOr404(strapi, documentId);
  const scope = await paperScope(strapi, caller, survey);
  refuseUpcoming(survey);
  const { answers, service } = answerBody(body);
  const serviceId = await answerService(strapi, survey, service);
  if (scope) {
    if (serviceId === null) throw new HttpError(400, 'Choisissez le service concerné par ce questionnaire : vous ne saisissez que ceux de vos services.');
    if (!scope.includes(serviceId)) throw new HttpError(403, 'Vous ne saisissez que les questionnaires de vos services.');
  }
  const checked = checkedAnswers(survey, answers);
  await strapi.db.query(SURVEY_RESPONSE).create({
    data: { survey: survey.id, service: serviceId, answers: checked, source: 'paper', enteredBy: caller!.id, publishedAt: new Date() },
  });
}
