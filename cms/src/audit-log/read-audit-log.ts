import type { AuditEntry, AuditPage } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { choiceLabels, modelLabels, typeLabel as modelTypeLabel, typeLabels } from '../platform/config/labels';
import { workflowByUid } from '../workflow/definitions';
import { ACTOR_KINDS, AUDIT_TABLE, type ActorKind, type Origin } from '../audit/audit-table';
import type { Change } from '../audit/write-entry';
import { HttpError } from '../platform/http/http-error';
import { townTimeZone } from '../platform/calendar/clock';
import { isDocumentId } from '../platform/db/document-id';
import { positiveQueryNumber, queryText } from '../platform/input/query-values';
import { tableOf } from '../platform/db/schema';
import { currentUserNames, documentNames, type DocumentName } from './document-names';

const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/** French names of the types that are not the application's own. */
const OTHER_TYPES: Record<string, string> = {
  'plugin::users-permissions.user': 'Compte utilisateur',
  'plugin::users-permissions.role': 'Rôle utilisateur',
  'admin::user': 'Compte d’administration',
  'admin::role': 'Rôle d’administration',
  'database::dataset': 'Jeu de données généré',
};

export const ACTION_LABELS: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  transition: 'Changement d’état',
  publish: 'Publication',
  unpublish: 'Dépublication',
  discardDraft: 'Abandon du brouillon',
  generate: 'Génération (npm run dataset)',
};

type ContentTypes = Record<string, { attributes: Record<string, { type?: string }> }>;

export function typeLabel(_strapi: Core.Strapi, uid: string): string {
  return OTHER_TYPES[uid] ?? modelTypeLabel(uid);
}

/** The types the log can hold: the application's own and the accounts. */
export function auditedTypes(strapi: Core.Strapi): { uid: string; label: string }[] {
  const own = Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
  return [...own, ...Object.keys(OTHER_TYPES)]
    .map((uid) => ({ uid, label: typeLabel(strapi, uid) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}

const labelCache = new Map<string, { at: number; labels: Record<string, string> }>();

/**
 * The French field labels: config/labels.yaml for the application's own types; for accounts and
 * roles, those the admin panel shows (Content Manager configuration), kept a minute.
 */
async function fieldLabels(strapi: Core.Strapi, uid: string): Promise<Record<string, string>> {
  const own = typeLabels(uid);
  if (uid.startsWith('api::') && own) {
    const fields = { ...modelLabels().commonFields, ...own.fields };
    return Object.fromEntries(Object.entries(fields).map(([field, { label }]) => [field, label]));
  }
  const known = labelCache.get(uid);
  if (known && Date.now() - known.at < 60_000) return known.labels;
  const labels: Record<string, string> = {};
  try {
    const service = strapi.plugin('content-manager').service('content-types');
    const contentType = service.findContentType(uid);
    const configuration = contentType ? await service.findConfiguration(contentType) : null;
    for (const [field, meta] of Object.entries((configuration?.metadatas ?? {}) as Record<string, { edit?: { label?: string } }>)) {
      if (meta.edit?.label) labels[field] = meta.edit.label;
    }
  } catch {
    // No stored configuration for this type: the attribute names stand in.
  }
  if (uid === 'plugin::users-permissions.user' || uid === 'admin::user') labels.password ??= 'Mot de passe';
  labelCache.set(uid, { at: Date.now(), labels });
  return labels;
}

function display(value: unknown, type: string | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => display(v, type)).filter(Boolean).join(', ') || null;
  if (typeof value === 'object') {
    const ref = value as { label?: unknown; documentId?: unknown };
    if ('documentId' in ref) return String(ref.label ?? ref.documentId);
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (type === 'enumeration' || type === 'workflowState') return choiceLabels()[String(value)] ?? String(value);
  return String(value);
}

/** A deleted document is named by what its last entry kept of it (its title, name or code). */
function deletedName(changes: Record<string, Change>): DocumentName | null {
  for (const field of ['title', 'name', 'subject', 'code']) {
    const change = changes[field];
    const value = change && !('masked' in change) ? (change.before ?? change.after) : null;
    if (typeof value === 'string' && value) return { title: value, service: null };
  }
  return null;
}

export interface AuditQuery {
  type?: unknown;
  documentId?: unknown;
  actor?: unknown;
  from?: unknown;
  to?: unknown;
  page?: unknown;
  pageSize?: unknown;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Newest first, filtered and paginated in SQL; each change comes with its French label and display values. */
export async function readAuditLog(strapi: Core.Strapi, query: AuditQuery): Promise<AuditPage> {
  const type = queryText(query.type);
  const documentId = queryText(query.documentId);
  const actor = queryText(query.actor);
  const from = queryText(query.from);
  const to = queryText(query.to);
  const page = positiveQueryNumber(query.page, 'page', 1, 100_000);
  const pageSize = positiveQueryNumber(query.pageSize, 'pageSize', PAGE_SIZE, MAX_PAGE_SIZE);
  const types = auditedTypes(strapi);
  if (type && !types.some((t) => t.uid === type)) throw new HttpError(400, `Type de contenu inconnu : « ${type} ».`);
  if (documentId && !isDocumentId(documentId)) throw new HttpError(400, 'L’identifiant de document n’est pas valable (lettres minuscules et chiffres).');
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) throw new HttpError(400, `« ${name} » doit être une date au format AAAA-MM-JJ.`);
  }
  if (from && to && from > to) throw new HttpError(400, 'La date de début est postérieure à la date de fin.');
  if (actor && actor.length > 100) throw new HttpError(400, 'Le nom cherché dépasse 100 caractères.');

  const knex = strapi.db.connection;
  const filtered = knex(AUDIT_TABLE).where((q) => {
    if (type) q.where('content_type', type);
    if (documentId) q.where('document_id', documentId);
    if (actor) {
      const kind = (ACTOR_KINDS as readonly string[]).includes(actor) ? actor : null;
      const pattern = `%${actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      if (kind) q.where('actor_kind', kind);
      // The name of the day, or the person's name as it reads today (« Marchand » finds what « dgs » did).
      else
        q.where((w) =>
          w.whereRaw('actor_name ilike ?', [pattern]).orWhere((u) =>
            u.where('actor_kind', 'user').whereIn(
              'actor_id',
              knex(tableOf(strapi, 'plugin::users-permissions.user'))
                .whereRaw(`concat_ws(' ', firstname, lastname) ilike ? or username ilike ?`, [pattern, pattern])
                .select('id'),
            ),
          ),
        );
    }
    // Days are the town's days, both bounds included.
    if (from) q.whereRaw(`at >= (?::date)::timestamp at time zone ?`, [from, townTimeZone()]);
    if (to) q.whereRaw(`at < (?::date + 1)::timestamp at time zone ?`, [to, townTimeZone()]);
  });
  const [{ total }] = (await filtered.clone().count({ total: '*' })) as { total: string }[];
  const rows: Record<string, unknown>[] = await filtered
    .clone()
    .orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .select('id', 'at', 'actor_kind', 'actor_id', 'actor_name', 'content_type', 'document_id', 'action', 'changes', 'detail', 'origin');

  const contentTypes = strapi.contentTypes as unknown as ContentTypes;
  const names = await documentNames(strapi, rows as { content_type: string; document_id: string | null }[]);
  const people = await currentUserNames(strapi, [...new Set(rows.filter((r) => r.actor_kind === 'user' && r.actor_id).map((r) => Number(r.actor_id)))]);
  const data: AuditEntry[] = [];
  for (const row of rows) {
    const uid = row.content_type as string;
    const labels = await fieldLabels(strapi, uid);
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    const changes = parse(row.changes) as Record<string, Change>;
    const attributeType = (field: string) => (field === 'workflowState' ? 'workflowState' : contentTypes[uid]?.attributes[field]?.type);
    data.push({
      id: Number(row.id),
      at: new Date(row.at as string | Date).toISOString(),
      actor: {
        kind: row.actor_kind as ActorKind,
        id: row.actor_id as number | null,
        name: (row.actor_kind === 'user' ? people.get(Number(row.actor_id)) : undefined) ?? (row.actor_name as string | null),
      },
      origin: row.origin as Origin,
      contentType: { uid, label: typeLabel(strapi, uid), collection: workflowByUid(uid)?.collection ?? null },
      documentId: row.document_id as string | null,
      document: names.get(`${uid}:${row.document_id}`) ?? deletedName(changes),
      action: row.action as string,
      actionLabel: ACTION_LABELS[row.action as string] ?? (row.action as string),
      detail: parse(row.detail),
      changes: Object.entries(changes).map(([field, change]) => ({
        field,
        label: labels[field] ?? field,
        masked: 'masked' in change,
        before: 'masked' in change ? null : display(change.before, attributeType(field)),
        after: 'masked' in change ? null : display(change.after, attributeType(field)),
      })),
    });
  }
  const count = Number(total);
  return { data, meta: { pagination: { page, pageSize, total: count, pageCount: Math.ceil(count / pageSize) }, types } };
}
