import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Row } from './schema';

/**
 * A name for a statement, derived from its text: PostgreSQL then parses and plans it once per
 * connection (node-pg keeps named statements per connection) instead of at every call. For the few
 * statements of the busiest paths, where planning cost more than running — the transition's
 * document summary took 1.8 ms to plan and 0.2 ms to run. Derived from the text, a name can never
 * be given to two different statements (node-pg refuses that).
 */
const names = new Map<string, string>();

export function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    if (names.size >= 1000) names.clear(); // texts are few; a bound all the same
    name = `charte_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Statement texts built once per Strapi instance and shape: their table and column names come from
 * the instance's metadata (several instances may share a process in tests).
 */
export function statementCache<T>(): (strapi: Core.Strapi, key: string, build: () => T) => T {
  const byInstance = new WeakMap<Core.Strapi, Map<string, T>>();
  return (strapi, key, build) => {
    let known = byInstance.get(strapi);
    if (!known) byInstance.set(strapi, (known = new Map()));
    let statement = known.get(key);
    if (statement === undefined) known.set(key, (statement = build()));
    return statement;
  };
}

/** The rows of `sql` (knex `?` placeholders), run as a statement prepared once per connection (statementName). */
export async function preparedQuery<T = Row>(db: Knex | Knex.Transaction, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  return (await db.raw(sql, bindings as Knex.RawBinding[]).options({ name: statementName(sql) })).rows as T[];
}

/** The rows of a built knex query, run as a prepared statement (preparedQuery). */
export function preparedRows<T = Row>(knex: Knex, query: Knex.QueryBuilder): Promise<T[]> {
  const { sql, bindings } = query.toSQL();
  return preparedQuery<T>(knex, sql, bindings);
}
