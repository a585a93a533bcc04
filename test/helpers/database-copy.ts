import pg from 'pg';
import { eventually } from './eventually';

export function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

export async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

let copies = 0;

/** The run's database is named `<name>_preparing` until ready, and a `<name>_failed` appears if its preparation failed (global-setup.ts). */
export const PREPARING = '_preparing';
export const FAILED = '_failed';
let templateReady = false;

/** Waits, at a suite's first copy, for the global setup's preparation of the run's database to end. */
async function untilTemplateReady(templateUrl: string, template: string): Promise<void> {
  if (templateReady) return;
  const names = await eventually(
    `la base de démonstration du test (« ${template} », préparée par la mise en place globale)`,
    () => onServer(templateUrl, async (c) => (await c.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[template, `${template}${FAILED}`]])).rows.map((r) => r.datname as string)),
    (found) => found.length > 0,
    { timeoutMs: 300_000, intervalMs: 100 },
  );
  if (names.includes(`${template}${FAILED}`)) throw new Error(`La préparation de la base de test « ${template} » a échoué : voir le début de la sortie de npm test.`);
  templateReady = true;
}

/**
 * A copy of the run's database (schema and demo town, prepared once by the global setup) for one
 * test suite, so that what a suite changes never leaks into another. CREATE DATABASE … TEMPLATE
 * copies files: a few hundred milliseconds.
 */
export async function copyOfTemplate(templateUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = new URL(templateUrl).pathname.slice(1);
  await untilTemplateReady(templateUrl, template);
  const name = `${template}_s${process.pid}_${(copies += 1)}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer(templateUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`));
  return {
    url: withDatabase(templateUrl, name),
    drop: () => onServer(templateUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
  };
}
