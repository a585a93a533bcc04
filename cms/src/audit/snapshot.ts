import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { JoinTable as RelationJoinTable } from '../platform/db/schema';
import { fieldPolicy } from './field-policy';

/** Polymorphic relations (morphToMany) have no inverse join column. */
type JoinTable = Omit<RelationJoinTable, 'inverseJoinColumn'> & { inverseJoinColumn?: RelationJoinTable['inverseJoinColumn'] };

/** A document as the audit log compares it: field → value; relations as { documentId, label }. */
export type Snapshot = Record<string, unknown>;

interface Attribute {
  type: string;
  columnName?: string;
  relation?: string;
  target?: string;
  mappedBy?: string;
  joinTable?: JoinTable;
}

const LABEL_FIELDS = ['name', 'title', 'code', 'username', 'email'];
const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function metaOf(strapi: Core.Strapi, uid: string) {
  const meta = strapi.db.metadata.get(uid);
  return { table: meta.tableName, attributes: meta.attributes as unknown as Record<string, Attribute> };
}

function labelOf(strapi: Core.Strapi, uid: string, alias: string): string {
  const { attributes } = metaOf(strapi, uid);
  // A person by their names, as the product names people (platform/people/person-name.ts).
  if (attributes.firstname?.columnName && attributes.lastname?.columnName && attributes.username?.columnName) {
    const column = (name: string) => `${alias}.${quote(attributes[name].columnName!)}`;
    return `coalesce(nullif(trim(concat_ws(' ', ${column('firstname')}, ${column('lastname')})), ''), ${column('username')})`;
  }
  const field = LABEL_FIELDS.find((f) => attributes[f]?.columnName);
  return field ? `${alias}.${quote(attributes[field].columnName!)}` : 'null';
}

function relationSql(strapi: Core.Strapi, uid: string, name: string, attribute: Attribute): string | null {
  const joinTable = attribute.joinTable;
  if (!attribute.target || attribute.mappedBy || !joinTable) return null;
  const target = metaOf(strapi, attribute.target);
  const item = `jsonb_build_object('documentId', x.document_id, 'label', ${labelOf(strapi, attribute.target, 'x')})`;
  if (joinTable.morphColumn) {
    // Media: the upload plugin's morph table points from the file to (type, id, field).
    const { typeColumn, idColumn } = joinTable.morphColumn;
    return `(select coalesce(jsonb_agg(${item} order by x.id), '[]'::jsonb) from ${quote(joinTable.name)} l
      join ${quote(target.table)} x on x.id = l.${quote(joinTable.joinColumn.name)}
      where l.${quote(idColumn.name)} = t.id and l.${quote(typeColumn.name)} = ${literal(uid)} and l.field = ${literal(name)})`;
  }
  if (!joinTable.inverseJoinColumn) return null;
  const from = `${quote(joinTable.name)} l join ${quote(target.table)} x on x.id = l.${quote(joinTable.inverseJoinColumn.name)}
      where l.${quote(joinTable.joinColumn.name)} = t.id`;
  const many = attribute.relation === 'manyToMany' || attribute.relation === 'oneToMany';
  return many ? `(select coalesce(jsonb_agg(${item} order by x.id), '[]'::jsonb) from ${from})` : `(select ${item} from ${from} limit 1)`;
}

/** The media attributes of a content type are morph relations in the database metadata. */
function mediaAttribute(strapi: Core.Strapi, uid: string, name: string): Attribute | null {
  const schema = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { type: string }> }>)[uid];
  if (schema?.attributes[name]?.type !== 'media') return null;
  const related = metaOf(strapi, 'plugin::upload.file').attributes.related;
  return related?.joinTable ? { type: 'relation', target: 'plugin::upload.file', joinTable: related.joinTable, relation: 'morphMany' } : null;
}

const cache = new Map<string, string>();

/**
 * One SQL expression (`t` = the type's table) that builds the whole snapshot: scalar columns,
 * owning-side relations and media, in a single round trip. Masked fields come as an md5 of their
 * value: enough to tell that they changed, and the value itself never leaves the database.
 */
export function snapshotSql(strapi: Core.Strapi, uid: string): string {
  const known = cache.get(uid);
  if (known) return known;
  const { attributes } = metaOf(strapi, uid);
  const pairs: string[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    const policy = fieldPolicy(uid, name);
    if (policy === 'skip') continue;
    let value: string | null = null;
    if (attribute.columnName && attribute.type !== 'relation') {
      const column = `t.${quote(attribute.columnName)}`;
      value = policy === 'masked' ? `md5(${column}::text)` : column;
    } else if (attribute.type === 'relation') {
      const relation = mediaAttribute(strapi, uid, name) ?? attribute;
      value = relationSql(strapi, uid, name, relation);
      if (value && policy === 'masked') value = `md5(${value}::text)`;
    }
    if (value) pairs.push(`${literal(name)}, ${value}`);
  }
  // jsonb_build_object takes at most 100 arguments: build by slices and concatenate.
  const slices: string[] = [];
  for (let i = 0; i < pairs.length; i += 40) slices.push(`jsonb_build_object(${pairs.slice(i, i + 40).join(', ')})`);
  const sql = slices.length ? slices.join(' || ') : `'{}'::jsonb`;
  cache.set(uid, sql);
  return sql;
}

export function tableName(strapi: Core.Strapi, uid: string): string {
  return metaOf(strapi, uid).table;
}

/** The snapshot of one document (null when it does not exist), read in `db` (the write's transaction). */
export async function readSnapshot(strapi: Core.Strapi, db: Knex | Knex.Transaction, uid: string, where: { documentId: string } | { id: number }): Promise<{ id: number; documentId: string | null; doc: Snapshot } | null> {
  const column = 'documentId' in where ? 'document_id' : 'id';
  const key = 'documentId' in where ? where.documentId : where.id;
  const { rows } = await db.raw(`select t.id, t.document_id as "documentId", ${snapshotSql(strapi, uid)} as doc from ${quote(tableName(strapi, uid))} t where t.${column} = ? order by t.id limit 1`, [key]);
  const row = rows[0] as { id: number; documentId: string | null; doc: Snapshot | string } | undefined;
  if (!row) return null;
  return { id: row.id, documentId: row.documentId, doc: typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc };
}
