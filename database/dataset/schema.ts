import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { cmsDir } from '../paths';

/**
 * Table and column names as Strapi 5 lays them out, computed from the content-type schemas with
 * Strapi's own naming rules (@strapi/database metadata/relations: `<table>_<attribute>_lnk`,
 * `<singular>_id`, `<singular>_ord`). The generator runs without Strapi, so it cannot ask Strapi's
 * metadata; instead every name it uses is checked against the database before anything is written.
 */

interface Relation {
  type: 'relation';
  relation: 'oneToOne' | 'oneToMany' | 'manyToOne' | 'manyToMany';
  target: string;
  inversedBy?: string;
  mappedBy?: string;
}
type Attribute = Relation | { type: string };
interface ContentType {
  uid: string;
  tableName: string;
  singularName: string;
  attributes: Record<string, Attribute>;
}

export interface Link {
  table: string;
  /** Column holding the owner's id. */
  from: string;
  /** Column holding the target's id. */
  to: string;
  /** Position of the target among the owner's targets (to-many relations). */
  order?: string;
  /** Position of the owner among the target's owners (bidirectional relations from a to-many side). */
  inverseOrder?: string;
}

/** The users-permissions types the generator writes, as the plugin declares them. */
const PLUGIN_TYPES: ContentType[] = [
  {
    uid: 'plugin::users-permissions.user',
    tableName: 'up_users',
    singularName: 'user',
    attributes: { role: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.role', inversedBy: 'users' } },
  },
  { uid: 'plugin::users-permissions.role', tableName: 'up_roles', singularName: 'role', attributes: {} },
];

let cache: Map<string, ContentType> | undefined;

function contentTypes(): Map<string, ContentType> {
  if (cache) return cache;
  cache = new Map(PLUGIN_TYPES.map((t) => [t.uid, t]));
  const apiDir = path.join(cmsDir, 'src', 'api');
  for (const api of fs.readdirSync(apiDir)) {
    const typesDir = path.join(apiDir, api, 'content-types');
    if (!fs.existsSync(typesDir)) continue;
    for (const name of fs.readdirSync(typesDir)) {
      const file = path.join(typesDir, name, 'schema.json');
      if (!fs.existsSync(file)) continue;
      const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
      const uid = `api::${api}.${name}`;
      cache.set(uid, { uid, tableName: schema.collectionName, singularName: schema.info.singularName, attributes: schema.attributes });
    }
  }
  return cache;
}

function typeOf(uid: string): ContentType {
  const type = contentTypes().get(uid);
  if (!type) throw new Error(`Type de contenu inconnu : ${uid}.`);
  return type;
}

/** lodash's snakeCase for the identifiers found here (camelCase and kebab-case words). */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

export function tableOf(uid: string): string {
  return typeOf(uid).tableName;
}

/** The join table of the owning side of a relation. */
export function linkOf(uid: string, attributeName: string): Link {
  const owner = typeOf(uid);
  const attribute = owner.attributes[attributeName] as Relation | undefined;
  if (attribute?.type !== 'relation') throw new Error(`${uid}.${attributeName} n’est pas une relation.`);
  if (attribute.mappedBy) throw new Error(`${uid}.${attributeName} n’est pas le côté propriétaire de la relation.`);
  const target = typeOf(attribute.target);
  const from = `${snake(owner.singularName)}_id`;
  let to = `${snake(target.singularName)}_id`;
  if (from === to) to = `inv_${to}`;
  const toMany = attribute.relation === 'oneToMany' || attribute.relation === 'manyToMany';
  const fromMany = attribute.relation === 'manyToOne' || attribute.relation === 'manyToMany';
  const bidirectional = Boolean(attribute.inversedBy);
  const order = `${snake(target.singularName)}_ord`;
  let inverseOrder = `${snake(owner.singularName)}_ord`;
  if (attribute.relation === 'manyToMany' && order === inverseOrder) inverseOrder = `inv_${inverseOrder}`;
  return {
    table: `${snake(owner.tableName)}_${snake(attributeName)}_lnk`,
    from,
    to,
    ...(toMany ? { order } : {}),
    ...(bidirectional && fromMany ? { inverseOrder } : {}),
  };
}

export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

/**
 * Fails in French when the database does not carry the schema Strapi would have created: missing
 * tables (the cms never started on it) or missing columns (an older or newer version).
 */
export async function checkSchema(knex: Knex, expected: Map<string, Set<string>>): Promise<void> {
  const rows: { table_name: string; column_name: string }[] = await knex('information_schema.columns')
    .where('table_schema', knex.raw('current_schema()'))
    .whereIn('table_name', [...expected.keys()])
    .select('table_name', 'column_name');
  const found = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!found.has(r.table_name)) found.set(r.table_name, new Set());
    found.get(r.table_name)!.add(r.column_name);
  }
  const missingTables = [...expected.keys()].filter((t) => !found.has(t));
  if (missingTables.length === expected.size) {
    throw new SchemaError(
      'Cette base ne contient pas les tables de Charte d’accueil : démarrez le cms une fois dessus pour que Strapi les crée ' +
        '(par exemple DATABASE_URL=… CHARTE_DEMO=off npm start, puis Ctrl+C), et relancez le générateur.',
    );
  }
  if (missingTables.length) {
    throw new SchemaError(
      `Tables absentes de la base : ${missingTables.join(', ')}. Le schéma ne correspond pas à cette version de Charte d’accueil : ` +
        'démarrez le cms une fois sur cette base pour le mettre à jour.',
    );
  }
  const missingColumns = [...expected].flatMap(([table, columns]) => [...columns].filter((c) => !found.get(table)!.has(c)).map((c) => `${table}.${c}`));
  if (missingColumns.length) {
    throw new SchemaError(
      `Colonnes absentes de la base : ${missingColumns.join(', ')}. Le schéma ne correspond pas à cette version de Charte d’accueil : ` +
        'démarrez le cms une fois sur cette base pour le mettre à jour.',
    );
  }
}
