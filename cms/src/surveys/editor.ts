import { SURVEY_AUDIENCES, type ServiceRef, type SurveyAudience, type SurveyEditorView, type SurveyQuestion } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { roleOf, type Caller } from '../access/read-scope';
import { rolesConfig } from '../access/roles-config';
import { HttpError } from '../platform/http/http-error';
import { isDocumentId } from '../platform/db/document-id';
import { audienceChange, SURVEY, SURVEY_RESPONSE, structuralChanges } from './document-rules';
import { checkQuestions } from './questions';
import { publicFormsConfig } from '../public-intake/config';
import { columnDay } from '../platform/calendar/days';

/**
 * The front's survey editor (référent qualité): a survey's title, presentation, service, dates and
 * questions as a form instead of JSON. Writes go through the Document Service, so the same rules
 * hold as in the admin panel (questions checked by checkQuestions, dates, audit log); what this
 * adds is naming new questions from their label and answering a change that would corrupt stored
 * answers with a 409 before anything is written.
 */

const NOT_FOUND = 'Enquête introuvable.';

/** Whether the caller's role may use the editor (config/roles.yaml: `api::survey.survey-editor` with `update`). */
export function mayDesignSurveys(caller: Caller | undefined | null): boolean {
  const role = rolesConfig().roles[roleOf(caller)];
  return !!caller && !!role?.permissions['api::survey.survey-editor']?.includes('update');
}
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Draft {
  title: string;
  description: string | null;
  service: string | null;
  audience: SurveyAudience;
  opensAt: string;
  closesAt: string | null;
  questions: unknown[];
}

const isDay = (value: unknown): value is string => typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The body of POST and PUT, field by field, with a French 400 naming each wrong field. */
function readDraft(body: unknown): Draft {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Le formulaire envoyé est vide ou mal formé.');
  const { title, description, service, audience, opensAt, closesAt, questions, ...rest } = body as Record<string, unknown>;
  const problems: { path: string; message: string }[] = [];
  const extra = Object.keys(rest);
  if (extra.length) problems.push({ path: extra[0], message: `Champ inattendu : ${extra.slice(0, 5).map((key) => `« ${key.slice(0, 40)} »`).join(', ')}.` });
  if (typeof title !== 'string' || !title.trim()) problems.push({ path: 'title', message: 'Le titre est obligatoire.' });
  else if (title.trim().length > 200) problems.push({ path: 'title', message: 'Le titre fait 200 caractères au plus.' });
  if (description !== undefined && description !== null && typeof description !== 'string') problems.push({ path: 'description', message: 'La présentation doit être un texte.' });
  else if (typeof description === 'string' && description.length > 5000) problems.push({ path: 'description', message: 'La présentation fait 5 000 caractères au plus.' });
  if (service !== undefined && service !== null && !isDocumentId(service)) problems.push({ path: 'service', message: 'Le service choisi n’existe pas.' });
  if (audience !== undefined && !SURVEY_AUDIENCES.includes(audience as SurveyAudience)) problems.push({ path: 'audience', message: 'Personnes interrogées : « usagers » ou « agents ».' });
  if (!isDay(opensAt)) problems.push({ path: 'opensAt', message: 'La date d’ouverture est obligatoire (jour/mois/année).' });
  if (closesAt !== undefined && closesAt !== null && closesAt !== '' && !isDay(closesAt)) problems.push({ path: 'closesAt', message: 'La date de clôture est invalide.' });
  if (!Array.isArray(questions)) problems.push({ path: 'questions', message: 'Les questions doivent être une liste.' });
  if (problems.length) throw new HttpError(400, problems.map((p) => p.message).join(' '), { errors: problems });
  return {
    title: (title as string).trim(),
    description: typeof description === 'string' && description.trim() ? description.trim() : null,
    service: (service as string | null | undefined) ?? null,
    audience: (audience as SurveyAudience | undefined) ?? 'usagers',
    opensAt: opensAt as string,
    closesAt: typeof closesAt === 'string' && closesAt ? closesAt : null,
    questions: questions as unknown[],
  };
}

/** « Êtes-vous satisfait de l’accueil ? » → « etes-vous-satisfait-de-l-accueil » (40 characters at most). */
export function questionIdFrom(label: string): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'question';
}

/** Gives each new question (no `id`) an id from its label, unique in the survey; existing ids are kept. */
export function nameQuestions(questions: unknown[]): unknown[] {
  const taken = new Set(questions.map((q) => (q && typeof q === 'object' ? (q as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string'));
  return questions.map((question) => {
    if (!question || typeof question !== 'object' || Array.isArray(question)) return question;
    const { id, ...rest } = question as Record<string, unknown>;
    if (id !== undefined && id !== null && id !== '') return question;
    const base = questionIdFrom(typeof rest.label === 'string' ? rest.label : '');
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 40 - String(n).length - 1)}-${n}`;
    taken.add(candidate);
    return { id: candidate, ...rest };
  });
}

/** Drops what the form sends for every question (options of a non-choice question, required: false). */
function tidy(questions: unknown[]): unknown[] {
  return questions.map((question) => {
    if (!question || typeof question !== 'object' || Array.isArray(question)) return question;
    const { options, required, ...rest } = question as Record<string, unknown>;
    return {
      ...rest,
      ...(rest.kind === 'choice' || (options !== undefined && !(Array.isArray(options) && options.length === 0)) ? { options } : {}),
      ...(required === true ? { required: true } : required === false || required === undefined ? {} : { required }),
    };
  });
}

function checked(questions: unknown[]): SurveyQuestion[] {
  const result = checkQuestions(nameQuestions(tidy(questions)));
  if (!result.ok) throw new HttpError(400, result.message, { errors: result.errors });
  return result.questions;
}

async function serviceId(strapi: Core.Strapi, documentId: string | null): Promise<number | null> {
  if (!documentId) return null;
  const found = await strapi.db.query('api::service.service').findOne({ select: ['id'], where: { documentId } });
  if (!found) throw new HttpError(400, 'Le service choisi n’existe pas.', { errors: [{ path: 'service', message: 'Le service choisi n’existe pas.' }] });
  return found.id as number;
}

async function servicesList(strapi: Core.Strapi): Promise<ServiceRef[]> {
  const rows: ServiceRef[] = await strapi.db.query('api::service.service').findMany({ select: ['documentId', 'name'], orderBy: { name: 'asc' } });
  return rows.map((s) => ({ documentId: s.documentId, name: s.name }));
}

async function responsesOf(strapi: Core.Strapi, surveyId: number): Promise<number> {
  return strapi.db.query(SURVEY_RESPONSE).count({ where: { survey: { id: surveyId } } });
}

/** What the editor shows: a new survey (no documentId) has no survey, only the services to choose from. */
export async function surveyEditorView(strapi: Core.Strapi, documentId: string | null): Promise<SurveyEditorView> {
  const services = await servicesList(strapi);
  const { id, kind, label } = publicFormsConfig().survey.standardQuestion;
  const standardQuestion: SurveyQuestion = { id, kind, label, required: true };
  if (documentId === null) return { survey: null, responses: 0, services, standardQuestion };
  const row = isDocumentId(documentId)
    ? await strapi.db.query(SURVEY).findOne({
        select: ['id', 'documentId', 'title', 'description', 'audience', 'questions', 'opensAt', 'closesAt'],
        where: { documentId },
        populate: { service: { select: ['documentId'] } },
      })
    : null;
  if (!row) throw new HttpError(404, NOT_FOUND);
  const questions = checkQuestions(row.questions);
  return {
    survey: {
      documentId: row.documentId,
      title: row.title,
      description: row.description ?? null,
      service: row.service?.documentId ?? null,
      audience: row.audience ?? 'usagers',
      opensAt: columnDay(row.opensAt)!,
      closesAt: columnDay(row.closesAt),
      questions: questions.ok ? questions.questions : [],
    },
    responses: await responsesOf(strapi, row.id),
    services,
    standardQuestion,
  };
}

export async function createSurvey(strapi: Core.Strapi, body: unknown): Promise<SurveyEditorView> {
  const draft = readDraft(body);
  const questions = checked(draft.questions);
  const service = await serviceId(strapi, draft.service);
  const created = await strapi.documents(SURVEY).create({
    data: { title: draft.title, description: draft.description, service, audience: draft.audience, opensAt: draft.opensAt, closesAt: draft.closesAt, questions } as never,
  });
  return surveyEditorView(strapi, created.documentId);
}

/**
 * Once a survey has answers, its questions keep their id and kind and a choice question keeps its
 * choices (stored answers refer to them): such a change is a 409 that names each question, and
 * nothing is written. Labels, order, « obligatoire », new questions and new choices stay editable.
 */
export async function updateSurvey(strapi: Core.Strapi, documentId: string, body: unknown): Promise<SurveyEditorView> {
  const current = isDocumentId(documentId) ? await strapi.db.query(SURVEY).findOne({ select: ['id', 'questions', 'audience'], where: { documentId } }) : null;
  if (!current) throw new HttpError(404, NOT_FOUND);
  const draft = readDraft(body);
  const questions = checked(draft.questions);
  const answered = await responsesOf(strapi, current.id);
  const before = checkQuestions(current.questions);
  if (answered && before.ok) {
    const problems = [...audienceChange(current.audience, draft.audience), ...structuralChanges(before.questions, questions)];
    if (problems.length) {
      throw new HttpError(
        409,
        `L’enquête a déjà ${answered} réponse${answered > 1 ? 's' : ''} : ${problems.join(' ; ')}. Les intitulés, l’ordre et le caractère obligatoire restent modifiables, et de nouvelles questions ou de nouveaux choix peuvent être ajoutés.`,
        { errors: problems.map((message) => ({ path: 'questions', message })) },
      );
    }
  }
  const service = await serviceId(strapi, draft.service);
  await strapi.documents(SURVEY).update({
    documentId,
    data: { title: draft.title, description: draft.description, service, audience: draft.audience, opensAt: draft.opensAt, closesAt: draft.closesAt, questions } as never,
  });
  return surveyEditorView(strapi, documentId);
}
