import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../../database/paths';
import { startEmbeddedPostgres, type RunningDatabase } from '../../database/embedded-postgres';

/**
 * A fresh database for one test run, on the server of TEST_DATABASE_URL or DATABASE_URL when
 * given, otherwise on an embedded PostgreSQL (database/.data/test-postgres, port 54330).
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
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
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
    },
  };
}
