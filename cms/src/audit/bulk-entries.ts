import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DocumentRowWriter } from '../platform/db/document-rows';
import { currentActor, type AuditActor } from './actor';
import { AUDIT_TABLE } from './audit-table';
import { fieldPolicy } from './field-policy';
import { snapshotSql, tableName } from './snapshot';

/**
 * Audit entries for rows written in bulk below the Document Service (the campaign builder): one
 * « create » entry per document, built by one INSERT … SELECT in the bulk write's transaction, with
 * the same field values a Document Service create would have recorded.
 */
export async function auditCreatedRows(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  ids: number[],
  detail: Record<string, unknown>,
  fallback?: AuditActor,
): Promise<void> {
  if (!ids.length) return;
  const context = currentActor(strapi);
  const actor = context.kind === 'system' && fallback ? fallback : context;
  const masked = Object.keys(strapi.db.metadata.get(uid).attributes).filter((f) => fieldPolicy(uid, f) === 'masked');
  await trx.raw(
    `insert into ${AUDIT_TABLE} (actor_kind, actor_id, actor_name, content_type, document_id, action, changes, detail, origin)
     select ?, ?, ?, ?, s.document_id, 'create',
       (select coalesce(jsonb_object_agg(f.key, case when f.key = any(?::text[]) then '{"masked": true}'::jsonb else jsonb_build_object('after', f.value) end), '{}'::jsonb)
          from jsonb_each(s.snapshot) f where f.value not in ('null'::jsonb, '[]'::jsonb)),
       ?::jsonb, ?
     from (select t.id, t.document_id, ${snapshotSql(strapi, uid)} as snapshot from "${tableName(strapi, uid)}" t where t.id = any(?::int[])) s
     order by s.id`,
    [actor.kind, actor.id, actor.name, uid, masked, JSON.stringify(detail), actor.origin, ids],
  );
}

/**
 * A bulk writer whose rows are audited in its own transaction: bulk writes bypass the Document
 * Service and its audit middleware, so each new document gets its « create » entry here.
 */
export function auditedRowWriter(strapi: Core.Strapi, trx: Knex.Transaction, uid: string, adminUserId: number | null, now = new Date()): DocumentRowWriter {
  const admin = adminUserId === null ? undefined : { kind: 'admin' as const, id: adminUserId, name: null, origin: 'admin' as const };
  return new DocumentRowWriter(strapi, trx, uid, adminUserId, now, (ids) => auditCreatedRows(strapi, trx, uid, ids, { bulk: true }, admin));
}
