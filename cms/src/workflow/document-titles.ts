import type { Core } from '@strapi/strapi';
import { link, tableOf, type Row } from '../platform/db/schema';
import { preparedQuery, statementCache } from '../platform/db/prepared';
import { isFrequency, parseDay, periodLabel } from '../platform/calendar/periods';
import type { Workflow } from './definitions';
import { formatDay } from '../platform/calendar/clock';
import { choiceLabel } from '../platform/config/labels';

export interface DocumentSummary {
  id: number;
  documentId: string;
  workflowState: string;
  title: string;
  updatedAt: string;
  service: { id: number; documentId: string; name: string; slug: string } | null;
  authorId: number | null;
}


/** What each type is called in an e-mail or an inbox line. */
const titleOf: Record<string, (row: Row) => string> = {
  evaluation: (r) => (r.criterion ? `${r.criterion.code} — ${r.criterion.title}` : `Évaluation n° ${r.id}`),
  interview: (r) => `Entretien du ${r.date ? formatDay(String(r.date instanceof Date ? r.date.toISOString() : r.date)) : '—'} (${r.interviewees ?? ''})`,
  'roadmap-action': (r) => r.title,
  'charter-principle': (r) => r.title,
  'audit-finding': (r) => `${choiceLabel(r.grade)}${r.criterion ? ` — ${r.criterion.code} ${r.criterion.title}` : ''}`,
  measure: (r) => (r.indicator ? `${r.indicator.code} — ${measurePeriod(r.period, r.indicator.frequency)}` : `Mesure n° ${r.id}`),
};

const measurePeriod = (period: unknown, frequency: unknown) => {
  const start = period instanceof Date ? period.toISOString().slice(0, 10) : String(period ?? '').slice(0, 10);
  return isFrequency(frequency) && parseDay(start) ? periodLabel(start, frequency) : start;
};

function toSummary(workflow: Workflow, row: Row): DocumentSummary {
  return {
    id: row.id,
    documentId: row.documentId,
    workflowState: row.workflowState,
    title: (titleOf[workflow.name] ?? ((r) => r.title ?? `${workflow.label} n° ${r.id}`))(row),
    updatedAt: row.updatedAt,
    service: row.service ?? null,
    authorId: row.author?.id ?? null,
  };
}

/**
 * The SQL of summaryOf for a type, built once per type and instance: the transition path runs it
 * for every action, as one prepared statement (see platform/db/prepared.ts).
 */
const summaryStatements = statementCache<string>();

const summaryStatement = (strapi: Core.Strapi, workflow: Workflow) => summaryStatements(strapi, workflow.name, () => buildSummaryStatement(strapi, workflow));

function buildSummaryStatement(strapi: Core.Strapi, workflow: Workflow): string {
  // Only the SQL text is kept: its two placeholders get [documentId, 1] at each call (summaryOf).
  return summaryQuery(strapi, workflow).where('d.document_id', 'placeholder').limit(1).toSQL().sql;
}

/** The select of a summary (title columns, service, author), without its where. */
function summaryQuery(strapi: Core.Strapi, workflow: Workflow) {
  const knex = strapi.db.connection;
  // Named columns, not d.*: the statement is prepared (a cached plan's row type must not change).
  const attributes = strapi.db.metadata.get(workflow.uid).attributes as unknown as Record<string, { columnName?: string }>;
  const titleColumns = ['title', 'date', 'interviewees', 'grade'].filter((a) => attributes[a]).map((a) => `d.${attributes[a].columnName ?? a}`);
  const query = knex(`${tableOf(strapi, workflow.uid)} as d`).select('d.id', 'd.document_id', 'd.workflow_state', 'd.updated_at', ...titleColumns);
  const author = link(strapi, workflow.uid, 'author');
  query.leftJoin(`${author.table} as da`, `da.${author.from}`, 'd.id').select(`da.${author.to} as author_id`);
  if (workflow.serviceBound) {
    const service = link(strapi, workflow.uid, 'service');
    query
      .leftJoin(`${service.table} as ds`, `ds.${service.from}`, 'd.id')
      .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', `ds.${service.to}`)
      .select({ service_id: 's.id', service_document_id: 's.document_id', service_name: 's.name', service_slug: 's.slug' });
  }
  if (workflow.name === 'evaluation' || workflow.name === 'audit-finding') {
    const criterion = link(strapi, workflow.uid, 'criterion');
    query
      .leftJoin(`${criterion.table} as dc`, `dc.${criterion.from}`, 'd.id')
      .leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', `dc.${criterion.to}`)
      .select({ criterion_code: 'c.code', criterion_title: 'c.title' });
  }
  if (workflow.name === 'measure') {
    const indicator = link(strapi, workflow.uid, 'indicator');
    query
      .leftJoin(`${indicator.table} as di`, `di.${indicator.from}`, 'd.id')
      .leftJoin(`${tableOf(strapi, 'api::indicator.indicator')} as i`, 'i.id', `di.${indicator.to}`)
      .select({ indicator_code: 'i.code', indicator_frequency: 'i.frequency', measure_period: knex.raw(`to_char(d.period, 'YYYY-MM-DD')`) });
  }
  return query;
}

/** The summaries of several documents of one type by row id, in one query (a page of « À traiter »). */
export async function summariesByIds(strapi: Core.Strapi, workflow: Workflow, ids: number[]): Promise<Map<number, DocumentSummary>> {
  if (!ids.length) return new Map();
  const rows: Row[] = await summaryQuery(strapi, workflow).whereIn('d.id', ids);
  return new Map(rows.map((row) => [Number(row.id), summaryFromRow(workflow, row)]));
}

/** The same, by document id (the journal's page names the documents it mentions). */
export async function summariesByDocumentIds(strapi: Core.Strapi, workflow: Workflow, documentIds: string[]): Promise<DocumentSummary[]> {
  if (!documentIds.length) return [];
  const rows: Row[] = await summaryQuery(strapi, workflow).whereIn('d.document_id', documentIds);
  return rows.map((row) => summaryFromRow(workflow, row));
}

function summaryFromRow(workflow: Workflow, row: Row): DocumentSummary {
  return toSummary(workflow, {
    id: row.id,
    documentId: row.document_id,
    workflowState: row.workflow_state,
    updatedAt: row.updated_at,
    title: row.title,
    date: row.date,
    interviewees: row.interviewees,
    grade: row.grade,
    period: row.measure_period,
    indicator: row.indicator_code ? { code: row.indicator_code, frequency: row.indicator_frequency } : null,
    criterion: row.criterion_code === undefined || row.criterion_code === null ? null : { code: row.criterion_code, title: row.criterion_title },
    service: row.service_id ? { id: row.service_id, documentId: row.service_document_id, name: row.service_name, slug: row.service_slug } : null,
    author: row.author_id ? { id: row.author_id } : null,
  });
}

/**
 * The same summary for one document in a single SQL query (the transition path runs it for every
 * action, where the query-engine version costs one query per relation).
 */
export async function summaryOf(strapi: Core.Strapi, workflow: Workflow, documentId: string): Promise<DocumentSummary | undefined> {
  const [row] = await preparedQuery(strapi.db.connection, summaryStatement(strapi, workflow), [documentId, 1]);
  return row ? summaryFromRow(workflow, row) : undefined;
}
