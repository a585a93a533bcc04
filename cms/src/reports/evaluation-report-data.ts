import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { FACTS_TABLE } from '../progress/evaluation-facts';
import { link, tableOf, type Row } from '../platform/db/schema';

import { campaignServices, findCampaign, findService, FINAL_STATES, themeRates, type CampaignInfo, type ThemeRate } from './report-queries';
import { HttpError } from '../platform/http/http-error';
import { townTimeZone } from '../platform/calendar/clock';

const EVALUATION = 'api::evaluation.evaluation';
const INTERVIEW = 'api::interview.interview';
const ACTION = 'api::roadmap-action.roadmap-action';

export interface CriterionEntry {
  themeCode: string | null;
  themeTitle: string | null;
  criterionCode: string | null;
  criterionTitle: string | null;
  result: string | null;
  workflowState: string;
  findings: string | null;
  strengths: string | null;
  gaps: string | null;
  recommendation: string | null;
  evidence: string[];
}

export interface EvaluationReportData {
  campaign: CampaignInfo;
  service: { id: number; name: string; slug: string };
  draft: boolean;
  themes: ThemeRate[];
  /** Interviews held: when and with whom — never their notes, which are personal data. */
  interviews: { date: string | null; interviewees: string | null; interviewer: string | null; workflowState: string }[];
  criteria: CriterionEntry[];
  actions: { title: string; criterionCode: string | null; owner: string | null; dueDate: string | null; status: string | null; progress: number | null; workflowState: string }[];
  /** The service's validated mystery tests played during the campaign (never one not yet validated, even in the draft). */
  mysteryTests: { testedAt: string; channel: string; score: number | null; failed: string[] }[];
}

/**
 * Everything the evaluation report of one service in one campaign shows, read with a handful of
 * queries. The final report holds only validated or approved content; the draft holds every state.
 */
export async function evaluationReportData(strapi: Core.Strapi, request: { campaignId: string; serviceSlug: string; draft: boolean }, authorize: (service: { id: number; name: string }) => Promise<void>): Promise<EvaluationReportData> {
  const campaign = await findCampaign(strapi, request.campaignId);
  const service = await findService(strapi, request.serviceSlug);
  await authorize(service);
  if (!(await campaignServices(strapi, campaign.id)).some((s) => s.id === service.id)) {
    throw new HttpError(404, `Le service « ${service.name} » ne participe pas à la campagne « ${campaign.name} ».`);
  }
  const states = request.draft ? null : FINAL_STATES;
  const knex = strapi.db.connection;
  const inStates = (column: string) => (q: Knex.QueryBuilder) => {
    if (states) q.whereIn(column, states);
  };

  const toTheme = link(strapi, 'api::criterion.criterion', 'theme');
  const evaluationRows = await knex(`${FACTS_TABLE} as f`)
    .join(`${tableOf(strapi, EVALUATION)} as e`, 'e.id', 'f.evaluation_id')
    .leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', 'f.criterion_id')
    .leftJoin(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'c.id')
    .leftJoin(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .where({ 'f.campaign_id': campaign.id, 'f.service_id': service.id })
    .modify(inStates('f.workflow_state'))
    .orderBy([{ column: 't.order' }, { column: 't.code' }, { column: 'c.order' }, { column: 'c.code' }, { column: 'e.id' }])
    .select('e.id', 'e.result', 'e.workflow_state', 'e.findings', 'e.strengths', 'e.gaps', 'e.recommendation')
    .select('c.code as criterion_code', 'c.title as criterion_title', 't.code as theme_code', 't.title as theme_title');

  // File names only: the evidence consulted, never the files' content.
  const evidence = new Map<number, string[]>();
  if (evaluationRows.length) {
    const withFiles = await strapi.db.query(EVALUATION).findMany({
      select: ['id'],
      where: { id: { $in: evaluationRows.map((r: { id: number }) => r.id) } },
      populate: { evidence: { select: ['name'] } },
    });
    for (const e of withFiles as { id: number; evidence?: { name: string }[] }[]) evidence.set(e.id, (e.evidence ?? []).map((f) => f.name));
  }

  const interviewLinks = { campaign: link(strapi, INTERVIEW, 'campaign'), service: link(strapi, INTERVIEW, 'service') };
  const interviews = await knex(`${tableOf(strapi, INTERVIEW)} as i`)
    .join(`${interviewLinks.campaign.table} as ic`, `ic.${interviewLinks.campaign.from}`, 'i.id')
    .join(`${interviewLinks.service.table} as isv`, `isv.${interviewLinks.service.from}`, 'i.id')
    .where(`ic.${interviewLinks.campaign.to}`, campaign.id)
    .where(`isv.${interviewLinks.service.to}`, service.id)
    .modify(inStates('i.workflow_state'))
    .orderBy([{ column: 'i.date' }, { column: 'i.id' }])
    .select('i.date', 'i.interviewees', 'i.interviewer', 'i.workflow_state');

  // The actions of this service on a criterion of the campaign's référentiel.
  const actionLinks = { service: link(strapi, ACTION, 'service'), criterion: link(strapi, ACTION, 'criterion') };
  const toReferential = link(strapi, 'api::theme.theme', 'referential');
  const actions = await knex(`${tableOf(strapi, ACTION)} as a`)
    .join(`${actionLinks.service.table} as asv`, `asv.${actionLinks.service.from}`, 'a.id')
    .join(`${actionLinks.criterion.table} as ac`, `ac.${actionLinks.criterion.from}`, 'a.id')
    .join(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', `ac.${actionLinks.criterion.to}`)
    .join(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'c.id')
    .join(`${toReferential.table} as tr`, `tr.${toReferential.from}`, `ct.${toTheme.to}`)
    .where(`asv.${actionLinks.service.to}`, service.id)
    .where(`tr.${toReferential.to}`, campaign.referentialId ?? 0)
    .modify(inStates('a.workflow_state'))
    .orderBy([{ column: 'c.code' }, { column: 'a.due_date' }, { column: 'a.id' }])
    .select('a.title', 'a.owner', 'a.due_date', 'a.action_status as status', 'a.progress', 'a.workflow_state', 'c.code as criterion_code');

  // Validated only, draft or not: before validation the service may not know of a test.
  const toTestService = link(strapi, 'api::mystery-test.mystery-test', 'service');
  const mysteryTests = campaign.startDate && campaign.endDate
    ? ((
        await knex.raw(
          `select to_char(d.tested_at at time zone ?, 'YYYY-MM-DD') as tested_on, d.channel, d.score::float as score,
             coalesce((select json_agg(o.value->>'label' order by (o.value->>'position')::int) from jsonb_each(d.outcomes::jsonb) o where (o.value->>'success') = 'false'), '[]'::json) as failed
           from ${tableOf(strapi, 'api::mystery-test.mystery-test')} d
           join ${toTestService.table} ds on ds.${toTestService.from} = d.id
           where ds.${toTestService.to} = ? and d.workflow_state = 'validated' and d.tested_at is not null
             and (d.tested_at at time zone ?)::date between ?::date and ?::date
           order by d.tested_at, d.id`,
          [townTimeZone(), service.id, townTimeZone(), campaign.startDate, campaign.endDate],
        )
      ).rows as Row[])
    : [];

  return {
    campaign,
    service: { id: service.id, name: service.name, slug: service.slug },
    draft: request.draft,
    themes: await themeRates(strapi, campaign.id, { serviceIds: [service.id], states }),
    interviews: interviews.map((i: Row) => ({ date: i.date, interviewees: i.interviewees, interviewer: i.interviewer, workflowState: i.workflow_state })),
    criteria: evaluationRows.map((r: Row) => ({
      themeCode: r.theme_code,
      themeTitle: r.theme_title,
      criterionCode: r.criterion_code,
      criterionTitle: r.criterion_title,
      result: r.result,
      workflowState: r.workflow_state,
      findings: r.findings,
      strengths: r.strengths,
      gaps: r.gaps,
      recommendation: r.recommendation,
      evidence: evidence.get(r.id) ?? [],
    })),
    actions: actions.map((a: Row) => ({
      title: a.title,
      criterionCode: a.criterion_code,
      owner: a.owner,
      dueDate: a.due_date,
      status: a.status,
      progress: a.progress === null ? null : Number(a.progress),
      workflowState: a.workflow_state,
    })),
    mysteryTests: mysteryTests.map((t) => ({
      testedAt: t.tested_on,
      channel: t.channel,
      score: t.score,
      failed: (typeof t.failed === 'string' ? JSON.parse(t.failed) : t.failed) as string[],
    })),
  };
}
