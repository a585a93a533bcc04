import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cmsDir } from '../../database/paths';
import { compileCmsForTests } from './compiled-cms';
import { FAILED, onServer, PREPARING, withDatabase } from './database-copy';
import { SUITE_TIMES_DIR } from './suite-group';
import { createTestDatabase } from './test-database';

const TEST_SECRETS: Record<string, string> = {
  APP_KEYS: 'test-key-1,test-key-2',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  API_TOKEN_SALT: 'test-api-token-salt',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  ENCRYPTION_KEY: 'test-encryption-key',
  JWT_SECRET: 'test-jwt-secret',
};

/**
 * Once per `npm test`: the cms compiled (cms/dist, see compiled-cms.ts), and a fresh database that one
 * boot fills with the schema and the demo town (as `npm run seed` does). Each suite then works on its own copy of it
 * (helpers/strapi.ts). That boot takes a good share of a minute, mostly waiting on PostgreSQL: it runs
 * in a child process under the name `<name>_preparing` while the workers start (loading Strapi, unit
 * and component suites), and the database takes its name once ready — copyOfTemplate waits for it.
 */
export default async function globalSetup() {
  for (const [name, value] of Object.entries(TEST_SECRETS)) process.env[name] ??= value;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.HOST = '127.0.0.1';
  process.env.PORT = '0';
  fs.rmSync(SUITE_TIMES_DIR, { recursive: true, force: true }); // this run's durations only
  const database = await createTestDatabase();
  const state = globalThis as { __testDatabase?: typeof database; __templatePreparation?: { done: Promise<void>; stop(): Promise<void> } };
  state.__testDatabase = database;
  delete process.env.DATABASE_HOST;
  process.env.DATABASE_URL = database.url;
  process.env.TEST_TEMPLATE_URL = database.url;
  // Under its final name only once ready: a suite must never copy it half-prepared.
  await rename(database.url, database.name, `${database.name}${PREPARING}`);
  await compileCmsForTests();
  state.__templatePreparation = prepareInBackground(database.url, database.name);
}

const rename = (url: string, from: string, to: string) =>
  onServer(url, async (c) => {
    // A backend of the process that just ended may still be closing.
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [from]);
    await c.query(`ALTER DATABASE ${c.escapeIdentifier(from)} RENAME TO ${c.escapeIdentifier(to)}`);
  });

function prepareInBackground(url: string, name: string) {
  let output = '';
  let child: ReturnType<typeof fork> | undefined;
  let stopping = false;
  const done = (async () => {
    child = fork(path.join(__dirname, 'prepare-template-main.cjs'), [], {
      env: { ...process.env, DATABASE_URL: withDatabase(url, `${name}${PREPARING}`), CHARTE_CMS_DIR: cmsDir },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const code = await new Promise<number | null>((resolve) => child!.once('exit', (c) => resolve(c)));
    if (code !== 0) throw new Error(`code ${code}\n${output}`);
    await rename(url, `${name}${PREPARING}`, name);
  })().catch(async (error: Error) => {
    if (stopping) return;
    console.error(`Préparation de la base de test (schéma, ville de démonstration) en échec : ${error.message}`);
    await onServer(url, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(`${name}${FAILED}`)}`)).catch(() => undefined);
  });
  return {
    done,
    /** Ends the preparation (the run is over: every suite that needed it has waited for it). */
    async stop() {
      stopping = true;
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await done;
    },
  };
}
