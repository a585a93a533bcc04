import type { Core } from '@strapi/strapi';
import { typeLabels } from '../platform/config/labels';
import { NAME_COLUMNS, personName, type Nameable } from '../platform/people/person-name';
import { summariesByDocumentIds } from '../workflow/document-titles';
import { workflowByUid } from '../workflow/definitions';
import { formatDay } from '../platform/calendar/clock';
import type { Row } from '../platform/db/schema';

/** How the journal names a document: its title as it reads today, and its service when it has one. */
export interface DocumentName {
  title: string;
  service: string | null;
}

const ACCOUNTS = new Set(['plugin::users-permissions.user', 'admin::user']);
const SCALAR = new Set(['string', 'text', 'uid', 'email', 'integer', 'date', 'enumeration']);

type Attributes = Record<string, { type?: string }>;

/**
 * The names of the documents one page of the journal mentions: one query per type on the page.
 * An interview is named by its date and service only — the people interviewed are personal data
 * the journal never shows.
 */
async function namesOfType(strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Map<string, DocumentName>> {
  const names = new Map<string, DocumentName>();
  const workflow = workflowByUid(uid);
  if (workflow) {
    const where = { documentId: { $in: documentIds } };
    const dates =
      workflow.name === 'interview'
        ? new Map(((await strapi.db.query(uid as never).findMany({ where, select: ['documentId', 'date'] })) as Row[]).map((r) => [r.documentId, r.date]))
        : null;
    for (const summary of await summariesByDocumentIds(strapi, workflow, documentIds)) {
      const date = dates?.get(summary.documentId);
      const title = dates ? `Entretien du ${date ? formatDay(String(date instanceof Date ? date.toISOString() : date)) : '—'}` : summary.title;
      names.set(summary.documentId, { title, service: summary.service?.name ?? null });
    }
    return names;
  }
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Attributes } | undefined>)[uid]?.attributes ?? {};
  if (ACCOUNTS.has(uid)) {
    const select = ['documentId', 'email', ...NAME_COLUMNS].filter((f) => f === 'documentId' || f in attributes);
    const rows = (await strapi.db.query(uid as never).findMany({ where: { documentId: { $in: documentIds } }, select })) as (Nameable & { documentId: string })[];
    for (const row of rows) names.set(row.documentId, { title: personName(row), service: null });
    return names;
  }
  const mainField = typeLabels(uid)?.mainField;
  if (!mainField || !SCALAR.has(attributes[mainField]?.type ?? '')) return names;
  // An engagement reads « A.1 — Accueillir… », as everywhere else.
  const withCode = mainField !== 'code' && attributes.code?.type ? ['code'] : [];
  const rows = (await strapi.db.query(uid as never).findMany({ where: { documentId: { $in: documentIds } }, select: ['documentId', mainField, ...withCode] })) as Row[];
  for (const row of rows) {
    const value = row[mainField] instanceof Date ? formatDay(row[mainField].toISOString()) : String(row[mainField] ?? '');
    names.set(row.documentId, { title: [row.code, value].filter(Boolean).join(' — '), service: null });
  }
  return names;
}

/** `${uid}:${documentId}` → name, for the documents still in the database; deleted ones are absent. */
export async function documentNames(strapi: Core.Strapi, rows: { content_type: string; document_id: string | null }[]): Promise<Map<string, DocumentName>> {
  const byType = new Map<string, Set<string>>();
  for (const row of rows) if (row.document_id) byType.set(row.content_type, (byType.get(row.content_type) ?? new Set()).add(row.document_id));
  const all = new Map<string, DocumentName>();
  for (const [uid, ids] of byType) {
    if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) continue;
    for (const [documentId, name] of await namesOfType(strapi, uid, [...ids])) all.set(`${uid}:${documentId}`, name);
  }
  return all;
}

/** The people's names as they read today, by account id: the journal keeps the name of the day. */
export async function currentUserNames(strapi: Core.Strapi, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = (await strapi.db.query('plugin::users-permissions.user').findMany({ where: { id: { $in: ids } }, select: ['id', 'email', ...NAME_COLUMNS] })) as (Nameable & { id: number })[];
  return new Map(rows.map((row) => [row.id, personName(row)]));
}
