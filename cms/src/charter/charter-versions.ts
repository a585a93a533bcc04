import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { tableOf, type Row } from '../platform/db/schema';

/**
 * The charter's versions: each approval of the charter as a whole (the DGS's decision
 * `charter-approval` of config/workflows.yaml) freezes the ordered list of approved principles.
 * Versions made before that decision existed, one per approval or reopening of a principle, keep
 * their `approve` or `reopen` change. A plain table rather than a content type because nothing may edit or delete
 * a version (no Content Manager door), and a trigger refuses UPDATE and DELETE even from SQL.
 * A version is written in the same transaction as the transition that made it.
 */
export const VERSIONS_TABLE = 'charte_charter_versions';

const PRINCIPLE = 'api::charter-principle.charter-principle';
const LOCK_KEY = 742_101; // serialises version numbers between concurrent writers

export interface CharterPrincipleSnapshot {
  documentId: string;
  title: string;
  text: string;
  commitment: string | null;
  order: number;
}

/** A version as the table keeps it (the public answer leaves out the comment and the role). */
export interface StoredCharterVersion {
  number: number;
  createdAt: string;
  principles: CharterPrincipleSnapshot[];
  /** What made this version: approving the charter (`charter`), or, before, approving or reopening one principle (or the initial load). */
  change: { action: 'charter' | 'approve' | 'reopen' | 'initial'; principleTitle: string | null; actorName: string; actorRole: string | null; comment: string | null };
}

export async function installCharterVersions(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.raw(`
    create table if not exists ${VERSIONS_TABLE} (
      number integer primary key,
      created_at timestamptz not null,
      principles jsonb not null,
      action varchar(32) not null,
      principle_document_id varchar(255),
      principle_title text,
      actor_name text not null,
      actor_role varchar(64),
      comment text,
      workflow_event_id integer
    );
    create or replace function charte_charter_versions_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'Les versions de la charte ne se modifient pas et ne se suppriment pas.';
    end $$;
    create or replace trigger charte_charter_versions_append_only before update or delete on ${VERSIONS_TABLE}
      for each row execute function charte_charter_versions_append_only();
  `);
}

/** The approved principles in charter order, as the transaction sees them. */
async function approvedPrinciples(strapi: Core.Strapi, trx: Knex.Transaction): Promise<CharterPrincipleSnapshot[]> {
  const rows = await trx(tableOf(strapi, PRINCIPLE))
    .where('workflow_state', 'approved')
    .orderBy([{ column: 'order' }, { column: 'id' }])
    .select('document_id', 'title', 'text', 'commitment', 'order');
  return rows.map((r: Row) => ({ documentId: r.document_id, title: r.title, text: r.text, commitment: r.commitment ?? null, order: Number(r.order ?? 0) }));
}

async function appendVersion(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  change: { action: string; principleDocumentId: string | null; actorName: string; actorRole: string | null; comment: string | null; eventId: number | null; at: Date },
): Promise<number> {
  await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
  const principles = await approvedPrinciples(strapi, trx);
  const last = await trx(VERSIONS_TABLE).max({ n: 'number' }).first();
  const number = Number(last?.n ?? 0) + 1;
  const changed = change.principleDocumentId
    ? ((await trx(tableOf(strapi, PRINCIPLE)).where('document_id', change.principleDocumentId).first('title'))?.title ?? null)
    : null;
  await trx(VERSIONS_TABLE).insert({
    number,
    created_at: change.at,
    principles: JSON.stringify(principles),
    action: change.action,
    principle_document_id: change.principleDocumentId,
    principle_title: changed,
    actor_name: change.actorName,
    actor_role: change.actorRole,
    comment: change.comment,
    workflow_event_id: change.eventId,
  });
  return number;
}

/**
 * The DGS approved the charter: its new version, every approved principle in charter order, is
 * frozen in the decision's transaction and signed with the DGS's name (the `charter-version`
 * effect of the decision `charter-approval`, config/workflows.yaml).
 */
export async function freezeCharterVersion(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  change: { actorName: string; role: string; comment: string | null; eventId: number | null; at: Date },
): Promise<number> {
  return appendVersion(strapi, trx, {
    action: 'charter',
    principleDocumentId: null,
    actorName: change.actorName,
    actorRole: change.role,
    comment: change.comment,
    eventId: change.eventId,
    at: change.at,
  });
}

/** Whether a new version would differ from the one in force (a principle entered, left or changed), as the transaction sees it. */
export async function charterWouldChange(strapi: Core.Strapi, trx: Knex.Transaction): Promise<boolean> {
  await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
  const [now, last] = await Promise.all([approvedPrinciples(strapi, trx), trx(VERSIONS_TABLE).orderBy('number', 'desc').first('principles')]);
  if (!last) return now.length > 0;
  const before = (typeof last.principles === 'string' ? JSON.parse(last.principles) : last.principles) as CharterPrincipleSnapshot[];
  const key = (list: CharterPrincipleSnapshot[]) => JSON.stringify(list.map((p) => [p.documentId, p.title, p.text, p.commitment ?? null, p.order]));
  return key(now) !== key(before);
}

/**
 * At seed time: a charter whose principles arrive already approved starts at version 1, credited
 * to the DGS who approved them. Nothing is written when no principle is approved or a version exists.
 */
export async function seedCharterVersion(strapi: Core.Strapi, trx: Knex.Transaction, dgsName: string, at: Date): Promise<number | null> {
  if (!(await approvedPrinciples(strapi, trx)).length) return null;
  if (await trx(VERSIONS_TABLE).first('number')) return null;
  return appendVersion(strapi, trx, { action: 'initial', principleDocumentId: null, actorName: dgsName, actorRole: 'dgs', comment: null, eventId: null, at });
}

const toVersion = (r: Row): StoredCharterVersion => ({
  number: Number(r.number),
  createdAt: new Date(r.created_at).toISOString(),
  // Strapi's pg setup leaves jsonb as text: parse it here.
  principles: (typeof r.principles === 'string' ? JSON.parse(r.principles) : r.principles) as CharterPrincipleSnapshot[],
  change: { action: r.action, principleTitle: r.principle_title ?? null, actorName: r.actor_name, actorRole: r.actor_role ?? null, comment: r.comment ?? null },
});

export async function latestCharterVersion(strapi: Core.Strapi): Promise<StoredCharterVersion | null> {
  const row = await strapi.db.connection(VERSIONS_TABLE).orderBy('number', 'desc').first();
  return row ? toVersion(row) : null;
}

export async function charterVersion(strapi: Core.Strapi, number: number): Promise<StoredCharterVersion | null> {
  const row = await strapi.db.connection(VERSIONS_TABLE).where({ number }).first();
  return row ? toVersion(row) : null;
}

/** Every version, newest first, without the principles' text (a list, not the documents). */
export async function charterVersionList(strapi: Core.Strapi) {
  const rows = await strapi.db.connection(VERSIONS_TABLE)
    .orderBy('number', 'desc')
    .select('number', 'created_at', 'action', 'principle_title', 'actor_name', 'actor_role', strapi.db.connection.raw('jsonb_array_length(principles) as principle_count'));
  return rows.map((r: Row) => ({
    number: Number(r.number),
    createdAt: new Date(r.created_at).toISOString(),
    principleCount: Number(r.principle_count),
    change: { action: r.action, principleTitle: r.principle_title ?? null, actorName: r.actor_name, actorRole: r.actor_role ?? null },
  }));
}
