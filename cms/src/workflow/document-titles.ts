import type { Core } from '@strapi/strapi';
import type { Workflow } from './definitions';

export interface DocumentSummary {
  id: number;
  documentId: string;
  workflowState: string;
  title: string;
  updatedAt: string;
  service: { id: number; documentId: string; name: string; slug: string } | null;
  authorId: number | null;
}

const dateFr = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** What each type is called in an e-mail or an inbox line. */
const titleOf: Record<string, (row: Record<string, any>) => string> = {
  evaluation: (r) => (r.criterion ? `${r.criterion.code} — ${r.criterion.title}` : `Évaluation n° ${r.id}`),
  interview: (r) => `Entretien du ${r.date ? dateFr.format(new Date(r.date)) : '—'} (${r.interviewees ?? ''})`,
  'roadmap-action': (r) => r.title,
  'charter-principle': (r) => r.title,
};

const populateOf: Record<string, Record<string, unknown>> = {
  evaluation: { criterion: { select: ['code', 'title'] } },
  interview: {},
  'roadmap-action': {},
  'charter-principle': {},
};

/** Title, state, service and author of workflow documents, in one query per call. */
export async function summarize(strapi: Core.Strapi, workflow: Workflow, where: Record<string, unknown>, limit?: number): Promise<DocumentSummary[]> {
  const rows = await strapi.db.query(workflow.uid as never).findMany({
    where,
    limit,
    orderBy: { updatedAt: 'asc' },
    populate: {
      ...populateOf[workflow.name],
      author: { select: ['id'] },
      ...(workflow.serviceBound ? { service: { select: ['id', 'documentId', 'name', 'slug'] } } : {}),
    },
  });
  return rows.map((row: Record<string, any>) => ({
    id: row.id,
    documentId: row.documentId,
    workflowState: row.workflowState,
    title: (titleOf[workflow.name] ?? ((r) => r.title ?? `${workflow.label} n° ${r.id}`))(row),
    updatedAt: row.updatedAt,
    service: row.service ?? null,
    authorId: row.author?.id ?? null,
  }));
}
