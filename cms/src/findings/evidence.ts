import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { EVIDENCE_TABLE } from '../evidence/evidence-store';
import { VALID_ON_SQL } from '../evidence/validity';
import { townToday } from '../platform/calendar/clock';

/**
 * THE rule of « this document has its evidence », for the readiness check and for closing a
 * non-conformity: at least one file attached to its `evidence` field that is still valid today —
 * no « valable jusqu'au » date, or one not yet passed (evidence/validity.ts). An expired piece
 * counts as missing: an auditor would not accept it.
 * `rowId`: the SQL reference of the document's row id (e.g. « e.id »).
 */
export function hasEvidenceSql(strapi: Core.Strapi, uid: string, rowId: string): Knex.Raw {
  return strapi.db.connection.raw(
    `exists (select 1 from files_related_mph ev left join ?? piece on piece.file_id = ev.file_id
      where ev.related_type = ? and ev.field = 'evidence' and ev.related_id = ?? and ${VALID_ON_SQL('piece.valid_until')})`,
    [EVIDENCE_TABLE, uid, rowId, townToday()],
  );
}
