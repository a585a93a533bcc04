import type { QuestionKind, ServiceResult, ShareFigures, SurveyAudience, SurveyComparison, SurveyQuestion, SurveyResults, SurveySummary } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { type Caller } from '../access/read-scope';
import { publicFormsConfig } from '../public-intake/config';
import { link, tableOf } from '../platform/db/schema';
import { surveyStatus } from './calendar';
import { SURVEY, SURVEY_RESPONSE } from './document-rules';
import { checkQuestions } from './questions';
import { HttpError } from '../platform/http/http-error';
import { servicesOrRefuse } from '../access/read-scope';

/** Which services' answers the caller reads: `null` for all, else their ids (access/read-scope.ts). */
export type ServiceScope = number[] | null;

export function resultsScope(strapi: Core.Strapi, caller: Caller | undefined): Promise<ServiceScope> {
  return servicesOrRefuse(strapi, caller, 'Vous n’avez pas accès aux résultats des enquêtes.');
}

/** Satisfied answers per question kind, from config/public-forms.yaml, as jsonb literals. */
function satisfiedRule() {
  const { satisfied, dissatisfied, target } = publicFormsConfig().survey.satisfaction;
  const literals = (rule: typeof satisfied) => ({ 'scale-1-4': rule['scale-1-4'].map((v) => JSON.stringify(v)), 'yes-no': rule['yes-no'].map((v) => JSON.stringify(v)) });
  const yes = literals(satisfied);
  return { target, scale: yes['scale-1-4'], yesNo: yes['yes-no'], satisfied: yes, dissatisfied: literals(dissatisfied) };
}

/**
 * Net satisfaction of the standard question (Services Publics +): share of satisfied minus share
 * of dissatisfied answers, from the counts per answer value the SQL returned.
 */
function netSatisfaction(question: SurveyQuestion | undefined, counts: Record<string, number>): number | null {
  if (!question || (question.kind !== 'scale-1-4' && question.kind !== 'yes-no')) return null;
  const rule = satisfiedRule();
  const sum = (values: string[]) => values.reduce((total, value) => total + (counts[value] ?? 0), 0);
  const answered = Object.values(counts).reduce((total, n) => total + n, 0);
  if (!answered) return null;
  return (sum(rule.satisfied[question.kind]) - sum(rule.dissatisfied[question.kind])) / answered;
}

/** The standard question of a survey, when it asks it (by its id in config/public-forms.yaml). */
export function standardQuestionOf<Q extends { id: string }>(questions: Q[]): Q | undefined {
  const { id } = publicFormsConfig().survey.standardQuestion;
  return questions.find((q) => q.id === id);
}

/** A group's figures blanked out: fewer answers than the anonymity threshold of agent surveys. */
function masked(result: ServiceResult): ServiceResult {
  return {
    ...result,
    satisfaction: { answered: 0, satisfied: 0, share: null },
    netSatisfaction: null,
    questions: result.questions.map((q) => ({ ...q, counts: {}, answered: 0, satisfaction: q.satisfaction ? { answered: 0, satisfied: 0, share: null } : null })),
    masked: true,
  };
}

/**
 * Agent surveys show a group's figures only from `minimum` answers on. When the hidden groups
 * together hold fewer than `minimum` answers, the total minus the shown groups would give them
 * away: the smallest shown groups are hidden too until the hidden answers reach the threshold (or
 * the total itself is hidden).
 */
export function anonymised(overall: ServiceResult, byService: ServiceResult[], minimum: number) {
  const hidden = new Set(byService.filter((g) => g.responses < minimum));
  const pooled = () => [...hidden].reduce((sum, g) => sum + g.responses, 0);
  const shown = byService.filter((g) => !hidden.has(g)).sort((a, b) => a.responses - b.responses);
  while (hidden.size && pooled() < minimum && shown.length) hidden.add(shown.shift()!);
  const overallHidden = overall.responses < minimum || (hidden.size > 0 && pooled() < minimum);
  return {
    overall: overallHidden ? masked(overall) : overall,
    byService: byService.map((g) => (hidden.has(g) || overallHidden ? masked(g) : g)),
  };
}

const SCORED: QuestionKind[] = ['scale-1-4', 'yes-no'];

export interface Tables {
  responses: string;
  toSurvey: { table: string; from: string; to: string };
  toService: { table: string; from: string; to: string };
}

export function tables(strapi: Core.Strapi): Tables {
  return {
    responses: tableOf(strapi, SURVEY_RESPONSE),
    toSurvey: link(strapi, SURVEY_RESPONSE, 'survey'),
    toService: link(strapi, SURVEY_RESPONSE, 'service'),
  };
}

/**
 * The answers of one survey with their service, restricted to the caller's services. A global
 * survey's answers without a service are read only by callers who see every service.
 */
export function scopedAnswers(knex: Knex, t: Tables, surveyId: number, scope: ServiceScope) {
  const query = knex
    .from({ r: t.responses })
    .join({ rs: t.toSurvey.table }, `rs.${t.toSurvey.from}`, 'r.id')
    .leftJoin({ sv: t.toService.table }, `sv.${t.toService.from}`, 'r.id')
    .where(`rs.${t.toSurvey.to}`, surveyId);
  if (scope) query.whereIn(`sv.${t.toService.to}`, scope.length ? scope : [0]);
  return query;
}

function share(answered: number, satisfied: number): ShareFigures {
  return { answered, satisfied, share: answered ? satisfied / answered : null };
}

interface SurveyRow {
  id: number;
  documentId: string;
  title: string;
  audience: SurveyAudience;
  opensAt: string;
  closesAt: string | null;
  service: { documentId: string; name: string } | null;
  questions: SurveyQuestion[];
}

export async function surveyRow(strapi: Core.Strapi, documentId: string): Promise<SurveyRow> {
  const survey = await strapi.db.query(SURVEY).findOne({
    select: ['id', 'documentId', 'title', 'audience', 'questions', 'opensAt', 'closesAt'],
    where: { documentId },
    populate: { service: { select: ['documentId', 'name'] } },
  });
  if (!survey) throw new HttpError(404, 'Enquête introuvable.');
  const checked = checkQuestions(survey.questions);
  return { ...survey, questions: checked.ok ? checked.questions : ([] as SurveyQuestion[]) };
}

const ALL = -1; // group key of the all-services rows (grouping sets)

/**
 * Counts per answer and share of satisfied answers, per question and per service, plus the same
 * for all services together — three aggregate queries over jsonb_each(answers), whatever the
 * number of answers.
 */
export async function surveyResults(strapi: Core.Strapi, documentId: string, scope: ServiceScope): Promise<SurveyResults> {
  const survey = await surveyRow(strapi, documentId);
  const knex = strapi.db.connection;
  const t = tables(strapi);
  const rule = satisfiedRule();
  const ids = (kinds: QuestionKind[]) => survey.questions.filter((q) => kinds.includes(q.kind)).map((q) => q.id);
  const counted = ids(['scale-1-4', 'yes-no', 'choice']);
  const scored = ids(SCORED);
  const serviceKey = knex.raw(`case when grouping(sv.${t.toService.to}) = 1 then ${ALL} else coalesce(sv.${t.toService.to}, 0) end`);
  const isSatisfied = knex.raw(
    `(a.key = any(?::text[]) and a.value = any(?::jsonb[])) or (a.key = any(?::text[]) and a.value = any(?::jsonb[]))`,
    [ids(['scale-1-4']), rule.scale, ids(['yes-no']), rule.yesNo],
  );

  const [responses, counts, satisfaction] = await Promise.all([
    scopedAnswers(knex, t, survey.id, scope)
      .select({ service: serviceKey, paper: knex.raw(`count(*) filter (where r.source = 'paper')`) })
      .count({ responses: '*' })
      .groupByRaw(`rollup(sv.${t.toService.to})`) as Promise<{ service: number; responses: string; paper: string }[]>,
    scopedAnswers(knex, t, survey.id, scope)
      .joinRaw('cross join lateral jsonb_each(r.answers) a')
      .whereIn('a.key', counted.length ? counted : [''])
      .select({ service: serviceKey, question: 'a.key', value: knex.raw('a.value::text') })
      .count({ answers: '*' })
      .groupByRaw(`grouping sets ((sv.${t.toService.to}, a.key, a.value), (a.key, a.value))`) as Promise<{ service: number; question: string; value: string; answers: string }[]>,
    scopedAnswers(knex, t, survey.id, scope)
      .joinRaw('cross join lateral jsonb_each(r.answers) a')
      .whereIn('a.key', scored.length ? scored : [''])
      .select({
        service: serviceKey,
        question: knex.raw("case when grouping(a.key) = 1 then '' else a.key end"),
        answered: knex.raw('count(*)'),
        satisfied: knex.raw('count(*) filter (where ?)', [isSatisfied]),
      })
      .groupByRaw(`grouping sets ((sv.${t.toService.to}, a.key), (a.key), (sv.${t.toService.to}), ())`) as Promise<{ service: number; question: string; answered: string; satisfied: string }[]>,
  ]);

  const serviceIds = [...new Set(responses.map((r) => Number(r.service)).filter((id) => id > 0))];
  const services = serviceIds.length
    ? ((await strapi.db.query('api::service.service').findMany({ select: ['id', 'documentId', 'name'], where: { id: { $in: serviceIds } } })) as { id: number; documentId: string; name: string }[])
    : [];
  const serviceById = new Map(services.map((s) => [s.id, { documentId: s.documentId, name: s.name }]));

  const standard = standardQuestionOf(survey.questions);
  const countsOf = (key: number, questionId: string) =>
    Object.fromEntries(counts.filter((row) => Number(row.service) === key && row.question === questionId).map((row) => [row.value, Number(row.answers)]));
  const resultFor = (key: number): ServiceResult => {
    const total = satisfaction.find((row) => Number(row.service) === key && row.question === '');
    const totals = responses.find((row) => Number(row.service) === key);
    const all = Number(totals?.responses ?? 0);
    const paper = Number(totals?.paper ?? 0);
    return {
      service: key > 0 ? (serviceById.get(key) ?? null) : null,
      responses: all,
      sources: { online: all - paper, paper },
      satisfaction: share(Number(total?.answered ?? 0), Number(total?.satisfied ?? 0)),
      netSatisfaction: standard ? netSatisfaction(standard, countsOf(key, standard.id)) : null,
      masked: false,
      questions: survey.questions.map((question) => {
        const rows = counts.filter((row) => Number(row.service) === key && row.question === question.id);
        const scoredRow = satisfaction.find((row) => Number(row.service) === key && row.question === question.id);
        const answered = question.kind === 'text' ? 0 : rows.reduce((sum, row) => sum + Number(row.answers), 0);
        return {
          id: question.id,
          kind: question.kind,
          label: question.label,
          counts: Object.fromEntries(rows.map((row) => [row.value, Number(row.answers)])),
          answered,
          satisfaction: SCORED.includes(question.kind) ? share(Number(scoredRow?.answered ?? 0), Number(scoredRow?.satisfied ?? 0)) : null,
        };
      }),
    };
  };

  const groups = responses
    .map((row) => Number(row.service))
    .filter((key) => key !== ALL)
    .map(resultFor)
    .sort((a, b) => (a.service?.name ?? '\uffff').localeCompare(b.service?.name ?? '\uffff', 'fr'));
  const agents = survey.audience === 'agents';
  const minimum = publicFormsConfig().survey.agents.minimumGroup;
  const { overall, byService } = agents ? anonymised(resultFor(ALL), groups, minimum) : { overall: resultFor(ALL), byService: groups };
  return {
    survey: {
      documentId: survey.documentId,
      title: survey.title,
      opensAt: survey.opensAt,
      closesAt: survey.closesAt,
      status: surveyStatus(survey.opensAt, survey.closesAt),
      service: survey.service ? { documentId: survey.service.documentId, name: survey.service.name } : null,
      audience: survey.audience,
    },
    target: rule.target,
    minimumGroup: agents ? minimum : null,
    comparison: agents ? await comparisonWithUsers(strapi, survey.questions, overall, scope) : null,
    overall,
    byService,
    scope: scope === null ? 'all' : 'own-services',
  };
}

const SHARED_KINDS: QuestionKind[] = ['scale-1-4', 'yes-no'];

/**
 * The agents' figures beside the users': the latest users' survey with answers that asks at least
 * one of the agent survey's scored questions (same id, same kind), read in the caller's scope.
 */
async function comparisonWithUsers(strapi: Core.Strapi, questions: SurveyQuestion[], agents: ServiceResult, scope: ServiceScope): Promise<SurveyComparison | null> {
  const scored = questions.filter((q) => SHARED_KINDS.includes(q.kind));
  if (!scored.length) return null;
  const toSurvey = link(strapi, SURVEY_RESPONSE, 'survey');
  const candidates = (await strapi.db.connection
    .from({ s: tableOf(strapi, SURVEY) })
    .select({ documentId: 's.document_id', questions: 's.questions' })
    .where('s.audience', 'usagers')
    .whereExists((answered) => answered.from({ rs: toSurvey.table }).whereRaw(`rs.${toSurvey.to} = s.id`))
    .orderBy([{ column: 's.opens_at', order: 'desc' }, { column: 's.id', order: 'desc' }])
    .limit(20)) as { documentId: string; questions: unknown }[];
  const sharing = candidates.find((c) => {
    const theirs = checkQuestions(typeof c.questions === 'string' ? JSON.parse(c.questions) : c.questions);
    return theirs.ok && theirs.questions.some((q) => scored.some((ours) => ours.id === q.id && ours.kind === q.kind));
  });
  if (!sharing) return null;
  const users = await surveyResults(strapi, sharing.documentId, scope);
  const standardId = publicFormsConfig().survey.standardQuestion.id;
  const shared = scored
    .map((ours) => ({ ours, theirs: users.overall.questions.find((q) => q.id === ours.id && q.kind === ours.kind) }))
    .filter((pair) => pair.theirs);
  return {
    with: { documentId: users.survey.documentId, title: users.survey.title, responses: users.overall.responses },
    questions: shared.map(({ ours, theirs }) => ({
      id: ours.id,
      label: ours.label,
      agents: agents.masked ? null : (agents.questions.find((q) => q.id === ours.id)?.satisfaction ?? null),
      users: theirs!.satisfaction,
      agentsNet: ours.id === standardId && !agents.masked ? agents.netSatisfaction : null,
      usersNet: ours.id === standardId ? users.overall.netSatisfaction : null,
    })),
  };
}

/** Surveys with their number of answers readable by the caller, newest first. */
export async function surveyList(strapi: Core.Strapi, scope: ServiceScope): Promise<SurveySummary[]> {
  const knex = strapi.db.connection;
  const t = tables(strapi);
  const surveys = tableOf(strapi, SURVEY);
  const serviceLink = link(strapi, SURVEY, 'service');
  const answered = knex
    .from({ r: t.responses })
    .join({ rs: t.toSurvey.table }, `rs.${t.toSurvey.from}`, 'r.id')
    .leftJoin({ sv: t.toService.table }, `sv.${t.toService.from}`, 'r.id')
    .select({ survey_id: `rs.${t.toSurvey.to}` })
    .count({ responses: '*' })
    .groupBy(`rs.${t.toSurvey.to}`);
  if (scope) answered.whereIn(`sv.${t.toService.to}`, scope.length ? scope : [0]);
  const rows = (await knex
    .from({ s: surveys })
    .leftJoin(answered.as('n'), 'n.survey_id', 's.id')
    .leftJoin({ ss: serviceLink.table }, `ss.${serviceLink.from}`, 's.id')
    .leftJoin({ svc: tableOf(strapi, 'api::service.service') }, 'svc.id', `ss.${serviceLink.to}`)
    .select({
      documentId: 's.document_id',
      title: 's.title',
      audience: 's.audience',
      opensAt: 's.opens_at',
      closesAt: 's.closes_at',
      serviceName: 'svc.name',
      serviceId: 'svc.id',
      responses: knex.raw('coalesce(n.responses, 0)::int'),
    })
    .orderBy([{ column: 's.opens_at', order: 'desc' }, { column: 's.id', order: 'desc' }])) as {
    documentId: string;
    title: string;
    audience: SurveyAudience;
    opensAt: string | Date;
    closesAt: string | Date | null;
    serviceName: string | null;
    serviceId: number | null;
    responses: number;
  }[];
  const day = (value: string | Date | null) => (value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));
  return rows
    .filter((row) => scope === null || row.serviceId === null || scope.includes(row.serviceId))
    .map((row) => ({
      documentId: row.documentId,
      title: row.title,
      opensAt: day(row.opensAt)!,
      closesAt: day(row.closesAt),
      status: surveyStatus(day(row.opensAt)!, day(row.closesAt)),
      service: row.serviceName,
      audience: row.audience,
      responses: row.responses,
    }));
}
