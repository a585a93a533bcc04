import path from 'node:path';
import { startEmbeddedPostgres, type RunningDatabase } from '../../database/embedded-postgres';
import { repoRoot } from '../../database/paths';
import { onServer, withDatabase } from './database-copy';

/**
 * A fresh database for one test run, on the server of TEST_DATABASE_URL or DATABASE_URL when
 * given, otherwise on an embedded PostgreSQL (database/.data/test-postgres, port 54330).
 */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  let embedded: RunningDatabase | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(repoRoot, 'database', '.data', 'test-postgres'),
      port: Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54330),
      database: 'postgres',
      quiet: true,
    });
    serverUrl = embedded.url;
  }
  const name = `charte_test_${Date.now()}_${process.pid}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  return {
    url: withDatabase(serverUrl, name),
    name,
    async drop() {
      // The run's database and every per-suite copy of it.
      await onServer(serverUrl, async (c) => {
        // A plain prefix test: in LIKE, the « _ » of the name would match any character (another run's database).
        const { rows } = await c.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [name]);
        for (const row of rows) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(row.datname)} WITH (FORCE)`);
      });
      await embedded?.stop();
    },
  };
}
