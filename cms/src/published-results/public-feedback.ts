import type { DoneAction, DoneActionGroup, PublicFeedback, PublicReply } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { choiceLabel } from '../platform/config/labels';
import { periodLabel } from '../platform/calendar/periods';
import { townMonth, townTimeZone, townToday } from '../platform/calendar/clock';
import { link, tableOf } from '../platform/db/schema';
import { FEEDBACK_REPLY } from '../complaints/public-replies';
import { COMPLAINT } from '../complaints/sql';
import { checkQuestions } from '../surveys/questions';

const ACTION = 'api::roadmap-action.roadmap-action';
const SURVEY = 'api::survey.survey';
const EVENTS = 'api::workflow-event.workflow-event';
const OTHER_ENGAGEMENT = 'Autres améliorations';

/** « mars 2026 »: the month of a day or an instant, in the town. */
const monthOf = (day: string) => periodLabel(`${day.slice(0, 7)}-01`, 'mensuelle');
const dayOf = (value: Date | string | null) => (value === null ? null : value instanceof Date ? townToday(value) : String(value).slice(0, 10));

/**
 * The replies the référent qualité approved (config/workflows.yaml, feedback-reply): the rewritten
 * words and the town's answer, the kind, service and month of the request — never its own text,
 * its subject or who sent it.
 */
async function approvedReplies(strapi: Core.Strapi): Promise<(PublicReply & { complaintId: number })[]> {
  const knex = strapi.db.connection;
  const toComplaint = link(strapi, FEEDBACK_REPLY, 'complaint');
  const toService = link(strapi, COMPLAINT, 'service');
  const rows = (await knex
    .from({ f: tableOf(strapi, FEEDBACK_REPLY) })
    .join({ fc: toComplaint.table }, `fc.${toComplaint.from}`, 'f.id')
    .join({ c: tableOf(strapi, COMPLAINT) }, 'c.id', `fc.${toComplaint.to}`)
    .leftJoin({ cs: toService.table }, `cs.${toService.from}`, 'c.id')
    .leftJoin({ s: tableOf(strapi, 'api::service.service') }, 's.id', `cs.${toService.to}`)
    .where('f.workflow_state', 'approved')
    .select({ complaintId: 'c.id', kind: 'c.kind', receivedAt: 'c.received_at', service: 's.name', said: 'f.said', reply: 'f.reply' })
    .orderBy([{ column: 'c.received_at', order: 'desc', nulls: 'last' }, { column: 'f.id', order: 'desc' }])
    .limit(100)) as { complaintId: number; kind: string; receivedAt: Date | string | null; service: string | null; said: string; reply: string }[];
  return rows.map((r) => {
    const day = dayOf(r.receivedAt);
    return { complaintId: r.complaintId, kind: choiceLabel(r.kind), service: r.service, receivedIn: day ? monthOf(day) : null, said: r.said, reply: r.reply };
  });
}

interface ActionRow {
  title: string;
  service: string | null;
  completed_at: Date | string;
  criterion_code: string | null;
  criterion_title: string | null;
  principle_title: string | null;
  complaint_id: number | null;
  complaint_kind: string | null;
  complaint_received: Date | string | null;
  survey_title: string | null;
  survey_questions: unknown;
  prompt_question: string | null;
  prompt_summary: string | null;
}

/**
 * Approved roadmap actions marked « abouti » this year that say what prompted them. An action is
 * done on the day of its last approval or of the follow-up (« Faire le point ») that set it to
 * abouti, read from the workflow history: one SQL statement, no date kept twice.
 */
async function doneActions(strapi: Core.Strapi, year: number): Promise<ActionRow[]> {
  const knex = strapi.db.connection;
  const l = (attribute: string) => link(strapi, ACTION, attribute);
  const [toService, toCriterion, toPrinciple, toComplaint, toSurvey] = ['service', 'criterion', 'principle', 'promptComplaint', 'promptSurvey'].map(l);
  const done = knex
    .from({ e: tableOf(strapi, EVENTS) })
    .where('e.target_uid', ACTION)
    .andWhere((w) => w.where('e.action', 'approve').orWhere((r) => r.where('e.action', 'report').whereRaw(`(e.changes::jsonb ->> 'actionStatus') = 'abouti'`)))
    .groupBy('e.target_document_id')
    .select({ document_id: 'e.target_document_id', completed_at: knex.raw('max(e.at)') });
  return (await knex
    .from({ a: tableOf(strapi, ACTION) })
    .join(done.as('d'), 'd.document_id', 'a.document_id')
    .leftJoin({ las: toService.table }, `las.${toService.from}`, 'a.id')
    .leftJoin({ s: tableOf(strapi, 'api::service.service') }, 's.id', `las.${toService.to}`)
    .leftJoin({ lac: toCriterion.table }, `lac.${toCriterion.from}`, 'a.id')
    .leftJoin({ cr: tableOf(strapi, 'api::criterion.criterion') }, 'cr.id', `lac.${toCriterion.to}`)
    .leftJoin({ lap: toPrinciple.table }, `lap.${toPrinciple.from}`, 'a.id')
    .leftJoin({ p: tableOf(strapi, 'api::charter-principle.charter-principle') }, 'p.id', `lap.${toPrinciple.to}`)
    .leftJoin({ lpc: toComplaint.table }, `lpc.${toComplaint.from}`, 'a.id')
    .leftJoin({ c: tableOf(strapi, COMPLAINT) }, 'c.id', `lpc.${toComplaint.to}`)
    .leftJoin({ lps: toSurvey.table }, `lps.${toSurvey.from}`, 'a.id')
    .leftJoin({ sv: tableOf(strapi, SURVEY) }, 'sv.id', `lps.${toSurvey.to}`)
    .where({ 'a.workflow_state': 'approved', 'a.action_status': 'abouti' })
    .whereRaw(`extract(year from d.completed_at at time zone ?) = ?`, [townTimeZone(), year])
    .where((w) => w.whereNotNull('c.id').orWhereNotNull('sv.id').orWhereRaw(`coalesce(trim(a.prompt_summary), '') <> ''`))
    .select({
      title: 'a.title',
      service: 's.name',
      completed_at: 'd.completed_at',
      criterion_code: 'cr.code',
      criterion_title: 'cr.title',
      principle_title: 'p.title',
      complaint_id: 'c.id',
      complaint_kind: 'c.kind',
      complaint_received: 'c.received_at',
      survey_title: 'sv.title',
      survey_questions: 'sv.questions',
      prompt_question: 'a.prompt_question',
      prompt_summary: 'a.prompt_summary',
    })
    .orderBy([{ column: 'cr.code', order: 'asc', nulls: 'last' }, { column: 'd.completed_at', order: 'desc' }])) as ActionRow[];
}

function promptsOf(row: ActionRow): string[] {
  const prompts: string[] = [];
  if (row.complaint_id !== null) {
    const received = dayOf(row.complaint_received);
    const kind = `Une ${choiceLabel(row.complaint_kind ?? 'reclamation').toLowerCase()}`;
    prompts.push(received ? `${kind} reçue en ${monthOf(received)}` : kind);
  }
  if (row.survey_title !== null) {
    const questions = checkQuestions(typeof row.survey_questions === 'string' ? JSON.parse(row.survey_questions) : row.survey_questions);
    const question = questions.ok ? questions.questions.find((q) => q.id === row.prompt_question) : undefined;
    prompts.push(question ? `L’enquête « ${row.survey_title} », question « ${question.label} »` : `L’enquête « ${row.survey_title} »`);
  }
  return prompts;
}

/** GET /api/public/feedback: « Vous nous l’avez dit, nous l’avons fait », and the town's public replies. */
export async function publicFeedback(strapi: Core.Strapi, now = new Date()): Promise<PublicFeedback> {
  const { year } = townMonth(now);
  const [replies, actions] = await Promise.all([approvedReplies(strapi), doneActions(strapi, year)]);
  const saidOf = new Map(replies.map((r) => [r.complaintId, r.said]));
  const groups = new Map<string, DoneAction[]>();
  for (const row of actions) {
    const engagement = row.criterion_code ? `${row.criterion_code} — ${row.criterion_title}` : (row.principle_title ?? OTHER_ENGAGEMENT);
    const action: DoneAction = {
      title: row.title,
      service: row.service,
      completedIn: monthOf(dayOf(row.completed_at)!),
      prompts: promptsOf(row),
      said: row.prompt_summary?.trim() || (row.complaint_id !== null ? (saidOf.get(row.complaint_id) ?? null) : null),
    };
    groups.set(engagement, [...(groups.get(engagement) ?? []), action]);
  }
  const ordered: DoneActionGroup[] = [...groups].map(([engagement, list]) => ({ engagement, actions: list }));
  // « Autres améliorations » last, whatever the order of the codes.
  ordered.sort((a, b) => Number(a.engagement === OTHER_ENGAGEMENT) - Number(b.engagement === OTHER_ENGAGEMENT));
  return { year, groups: ordered, replies: replies.map(({ complaintId: _complaintId, ...reply }) => reply), generatedAt: now.toISOString() };
}
