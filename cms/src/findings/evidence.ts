import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * THE rule of « this document has its evidence », for the readiness check and for closing a
 * non-conformity: for now, at least one file attached to its `evidence` field. Kept in this one
 * function so that a richer rule (evidence still valid on the day) replaces it in one place.
 * `rowId`: the SQL reference of the document's row id (e.g. « e.id »).
 */
export function hasEvidenceSql(strapi: Core.Strapi, uid: string, rowId: string): Knex.Raw {
  return strapi.db.connection.raw(`exists (select 1 from files_related_mph ev where ev.related_type = ? and ev.field = 'evidence' and ev.related_id = ??)`, [uid, rowId]);
}
