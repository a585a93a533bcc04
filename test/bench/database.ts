import pg from 'pg';
import { onServer, withDatabase } from '../helpers/database-copy';

/**
 * A fresh, empty database for this run, named charte_bench_<timestamp>_<pid>: two benches started
 * in the same second (two worktrees sharing one server) must not aim at the same database.
 */
export async function createBenchDatabase(serverUrl: string) {
  const name = `charte_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/** One client on the bench database, for the SQL the bench itself runs (counts, EXPLAIN). */
export async function sqlClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
