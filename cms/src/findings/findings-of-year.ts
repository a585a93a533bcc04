import { FINDING_GRADES } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { visibleServiceIds, type Caller } from '../access/read-scope';
import { link, tableOf, type Row } from '../platform/db/schema';

const FINDING = 'api::audit-finding.audit-finding';
const ACTION = 'api::roadmap-action.roadmap-action';

export interface YearFinding {
  grade: string;
  state: string;
  service: string;
  criterion: string | null;
  campaign: string | null;
  /** Its corrective action (the roadmap action created from it), if any. */
  action: { title: string; status: string; dueDate: string | null } | null;
}

/**
 * The audit findings of a year as the management review reports them: those the auditors
 * submitted that year (their drafts are not findings yet), in the services the caller reads, each
 * with its corrective action. One query, gravest grades first.
 */
export async function findingsOfYear(strapi: Core.Strapi, caller: Caller, year: number): Promise<YearFinding[]> {
  const knex = strapi.db.connection;
  const services = await visibleServiceIds(strapi, caller);
  const toService = link(strapi, FINDING, 'service');
  const toCriterion = link(strapi, FINDING, 'criterion');
  const toCampaign = link(strapi, FINDING, 'campaign');
  const toPrompt = link(strapi, ACTION, 'promptFinding');
  const query = knex(`${tableOf(strapi, FINDING)} as f`)
    .join(`${toService.table} as fs`, `fs.${toService.from}`, 'f.id')
    .join(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', `fs.${toService.to}`)
    .leftJoin(`${toCriterion.table} as fc`, `fc.${toCriterion.from}`, 'f.id')
    .leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', `fc.${toCriterion.to}`)
    .leftJoin(`${toCampaign.table} as fk`, `fk.${toCampaign.from}`, 'f.id')
    .leftJoin(`${tableOf(strapi, 'api::campaign.campaign')} as k`, 'k.id', `fk.${toCampaign.to}`)
    .leftJoin(`${toPrompt.table} as ap`, `ap.${toPrompt.to}`, 'f.id')
    .leftJoin(`${tableOf(strapi, ACTION)} as a`, 'a.id', `ap.${toPrompt.from}`)
    .whereNot('f.workflow_state', 'draft')
    .whereRaw('extract(year from f.created_at) = ?', [year])
    // FINDING_GRADES goes from the mildest grade to the gravest.
    .orderByRaw('array_position(?::text[], f.grade::text) desc', [[...FINDING_GRADES]])
    .orderBy([{ column: 's.name' }, { column: 'c.code' }, { column: 'f.id' }])
    .select('f.grade', 'f.workflow_state', 's.name as service', 'c.code as criterion_code', 'c.title as criterion_title', 'k.name as campaign', 'a.title as action_title', 'a.action_status', 'a.due_date');
  if (services) query.whereIn('s.id', services.length ? services : [0]);
  const rows = (await query) as Row[];
  return rows.map((r) => ({
    grade: r.grade,
    state: r.workflow_state,
    service: r.service,
    criterion: r.criterion_code ? `${r.criterion_code} ${r.criterion_title ?? ''}`.trim() : null,
    campaign: r.campaign ?? null,
    action: r.action_title ? { title: r.action_title, status: r.action_status, dueDate: r.due_date ? String(r.due_date instanceof Date ? r.due_date.toISOString() : r.due_date).slice(0, 10) : null } : null,
  }));
}
