import type { Core } from '@strapi/strapi';

/** A relation's join table as Strapi's metadata describes it. */
export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
  morphColumn?: { typeColumn: { name: string }; idColumn: { name: string } };
}

/** The join table of a relation as Strapi laid it out, so hand-written SQL follows the schema. */
export function link(strapi: Core.Strapi, uid: string, attribute: string) {
  const joinTable = (strapi.db.metadata.get(uid).attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
  return { table: joinTable.name, from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
}

export function tableOf(strapi: Core.Strapi, uid: string): string {
  return strapi.db.metadata.get(uid).tableName;
}

/** The column of an attribute (or of a to-one relation's join column) as Strapi laid it out. */
export function columnOf(strapi: Core.Strapi, uid: string, attribute: string): string {
  const a = (strapi.db.metadata.get(uid).attributes as unknown as Record<string, { columnName?: string; joinColumn?: { name: string } }>)[attribute];
  const name = a?.columnName ?? a?.joinColumn?.name;
  if (!name) throw new Error(`${uid} : colonne inconnue pour l’attribut « ${attribute} ».`);
  return name;
}

/** A row to insert into a table, written alongside another write by the same statement (an outbox row, an audit entry). */
export interface TableRow {
  table: string;
  row: Record<string, unknown>;
}

/**
 * A row as knex returns it from hand-written SQL: column names to values whose types the query
 * knows and TypeScript cannot. Each reader converts the columns it uses (Number(), String()…).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- knex's own row type; narrowed where read
export type Row = Record<string, any>;
