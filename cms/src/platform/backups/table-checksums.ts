import pg from 'pg';
import { BackupError } from './pg-tools';
import { databaseName } from './database-url';

/** One table's content: its row count and an md5 of its rows (see `tableChecksums`). */
export interface TableChecksum {
  rows: number;
  md5: string;
}

/** By qualified name, « schema.table ». */
export type TableChecksums = Record<string, TableChecksum>;

/**
 * The settings every row's text depends on, set alike on both sides of a comparison (the dump's
 * transaction and the restored copy): times in UTC, ISO dates, every float digit, hex bytea.
 */
export const CANONICAL_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  'SET LOCAL extra_float_digits = 3',
  "SET LOCAL bytea_output = 'hex'",
];

/**
 * The tables whose rows pg_dump writes: ordinary tables (partitions included, their partitioned
 * parents left out, which hold no rows of their own) of every schema but PostgreSQL's own and
 * those of extensions; no temporary table.
 */
const TABLES = `
  SELECT n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND c.relpersistence <> 't'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  ORDER BY 1, 2`;

/**
 * Row count and md5 of every table, computed in SQL (no row comes into Node): the md5 of the
 * sorted md5s of each row's text. Sorting the rows' hashes (bytewise, COLLATE "C") makes it
 * independent of physical order, primary keys and collations, and keeps duplicates: two tables
 * have the same checksum when they hold the same rows. Run inside a transaction (the settings
 * are SET LOCAL): the dump's, so that it sees exactly the snapshot pg_dump writes.
 */
export async function tableChecksums(client: pg.ClientBase): Promise<TableChecksums> {
  for (const setting of CANONICAL_SETTINGS) await client.query(setting);
  const { rows: tables } = await client.query<{ schema: string; name: string }>(TABLES);
  const result: TableChecksums = {};
  for (const table of tables) {
    const qualified = `${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)}`;
    const { rows } = await client.query<{ rows: string; md5: string }>(
      `SELECT count(*) AS rows, md5(coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')) AS md5 FROM (SELECT md5(t::text) AS h FROM ${qualified} t) rows`,
    );
    result[`${table.schema}.${table.name}`] = { rows: Number(rows[0].rows), md5: rows[0].md5 };
  }
  return result;
}

/**
 * node-pg's options for the URL pg_dump receives, with libpq's meaning of sslmode (node-pg 8 takes
 * « require » for « verify-full », and its URL wins over explicit options): `require` encrypts
 * without checking the certificate, as pg_dump does, so that the checksums' connection goes where
 * the dump goes; `verify-ca` and `verify-full` check it.
 */
export function clientConfig(url: string): pg.ClientConfig {
  const parsed = new URL(url);
  const mode = parsed.searchParams.get('sslmode');
  if (!mode || mode === 'disable') return { connectionString: url };
  parsed.searchParams.delete('sslmode');
  return { connectionString: parsed.toString(), ssl: { rejectUnauthorized: mode === 'verify-ca' || mode === 'verify-full' } };
}

/** Opens a client on `url`, with a French error when the server does not answer. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url));
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new BackupError(`connexion impossible à la base « ${databaseName(url)} » : ${(error as Error).message}`);
  }
  return client;
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function serverVersion(client: pg.ClientBase): Promise<{ major: number; text: string }> {
  const { rows } = await client.query<{ num: string; text: string }>("SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text");
  return { major: Math.floor(Number(rows[0].num) / 10000), text: rows[0].text };
}

/** Tables whose content differs between what was dumped (`expected`) and a restored copy (`found`), in French. */
export function checksumDifferences(expected: TableChecksums, found: TableChecksums): string[] {
  const differences: string[] = [];
  const lines = (n: number) => `${n.toLocaleString('fr-FR')} ligne${n > 1 ? 's' : ''}`;
  for (const [table, want] of Object.entries(expected)) {
    const got = found[table];
    if (!got) differences.push(`${table} : absente de la copie restaurée (${lines(want.rows)} sauvegardée${want.rows > 1 ? 's' : ''})`);
    else if (got.rows !== want.rows) differences.push(`${table} : ${lines(got.rows)} restaurée${got.rows > 1 ? 's' : ''} au lieu de ${want.rows.toLocaleString('fr-FR')}`);
    else if (got.md5 !== want.md5) differences.push(`${table} : ${lines(got.rows)} comme sauvegardé, mais leur contenu diffère (empreinte ${got.md5.slice(0, 8)}… au lieu de ${want.md5.slice(0, 8)}…)`);
  }
  for (const [table, got] of Object.entries(found)) {
    if (!expected[table]) differences.push(`${table} : dans la copie restaurée (${lines(got.rows)}) mais pas dans le manifeste`);
  }
  return differences;
}
